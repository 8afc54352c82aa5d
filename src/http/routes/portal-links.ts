import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import { idField } from '../../app/fields.js';
import { portalLink } from '../../app/portal/links.js';

const portalLinkSchema = z.object({ customer_id: z.string(), url: z.string(), expires_at: z.string() });

export function portalLinkRoutes(app: ZodApp, publicUrl: string) {
  app.post(
    '/customers/:id/portal-link',
    {
      schema: {
        tags: ['customers'],
        summary: 'A signed magic link to the customer’s portal (valid 30 days)',
        params: z.object({ id: idField }),
        body: z.object({}).default({}),
        response: { 201: portalLinkSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request, reply) =>
      reply.code(201).send(await portalLink(request.ctx, request.params.id, publicUrl)),
  );
}
