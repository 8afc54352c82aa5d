import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import { idField } from '../../app/fields.js';
import { messageEventInput } from '../../app/deliveries/message-events.js';
import {
  addMessageEvent,
  getMessage,
  listMessages,
  listMessagesQuery,
} from '../../app/deliveries/messages.js';

const params = z.object({ id: idField });

const attachmentSchema = z.object({ name: z.string(), content_type: z.string(), size: z.number().int() });
const messageSummarySchema = z.object({
  id: z.string(),
  action_id: z.string(),
  customer_id: z.string(),
  channel: z.string(),
  adapter: z.string(),
  recipient: z.string(),
  subject: z.string().nullable(),
  status: z.string().describe('sent, delivered, bounced or failed'),
  provider_id: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  sent_at: z.string(),
});
const messageEventSchema = z.object({
  id: z.string(),
  kind: z.enum(['delivered', 'bounced', 'failed', 'complained']),
  bounce_type: z.enum(['hard', 'soft']).nullable(),
  detail: z.string().nullable(),
  occurred_at: z.string(),
});
const messageSchema = messageSummarySchema.extend({
  body_text: z.string(),
  body_html: z.string().nullable(),
  events: z.array(messageEventSchema),
});

/** Messages as sent (the customer's timeline) and what happened to them afterwards. */
export function deliveryRoutes(app: ZodApp) {
  app.get(
    '/messages',
    {
      schema: {
        tags: ['messages'],
        querystring: listMessagesQuery,
        response: {
          200: z.object({ data: z.array(messageSummarySchema), next_cursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => listMessages(request.ctx, request.query),
  );
  app.get(
    '/messages/:id',
    { schema: { tags: ['messages'], params, response: { 200: messageSchema, ...errorResponses } } },
    async (request) => getMessage(request.ctx, request.params.id),
  );
  app.post(
    '/messages/:id/events',
    {
      schema: {
        tags: ['messages'],
        description:
          'Report what happened to a message (an email provider or integration): delivered, bounced (hard or soft), failed, complained. A hard bounce marks the address invalid; a complaint opts the customer out of email.',
        params,
        body: messageEventInput,
        response: { 201: messageSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request, reply) =>
      reply.code(201).send(await addMessageEvent(request.ctx, request.params.id, request.body)),
  );
}
