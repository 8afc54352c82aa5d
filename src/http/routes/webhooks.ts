import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import { idField } from '../../app/fields.js';
import {
  createWebhook,
  deleteWebhook,
  deliveriesQuery,
  listDeliveries,
  listWebhooks,
  webhookInput,
} from '../../app/webhooks/endpoints.js';

const params = z.object({ id: idField });

const endpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  created_at: z.string(),
});
const deliverySchema = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.string().describe('pending, retrying, delivered, failed or cancelled'),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

/** Webhook endpoints (admin only: they receive the organisation's events) and their delivery log. */
export function webhookRoutes(app: ZodApp) {
  const admin = requireRole('admin');
  app.post(
    '/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        description:
          'Events are posted as JSON {id, type, created_at, data} with `Recoup-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. The secret is in this answer only.',
        body: webhookInput,
        response: { 201: endpointSchema.extend({ secret: z.string() }), ...errorResponses },
      },
      preHandler: admin,
    },
    async (request, reply) => reply.code(201).send(await createWebhook(request.ctx, request.body)),
  );
  app.get(
    '/webhooks',
    {
      schema: { tags: ['webhooks'], response: { 200: listOf(endpointSchema), ...errorResponses } },
      preHandler: admin,
    },
    async (request) => listWebhooks(request.ctx),
  );
  app.delete(
    '/webhooks/:id',
    {
      schema: { tags: ['webhooks'], params, response: { 200: endpointSchema, ...errorResponses } },
      preHandler: admin,
    },
    async (request) => deleteWebhook(request.ctx, request.params.id),
  );
  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        params,
        querystring: deliveriesQuery,
        response: { 200: listOf(deliverySchema), ...errorResponses },
      },
      preHandler: admin,
    },
    async (request) => listDeliveries(request.ctx, request.params.id, request.query),
  );
}
