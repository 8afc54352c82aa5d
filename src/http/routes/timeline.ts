import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { errorResponses } from '../responses.js';
import { idField } from '../../app/fields.js';
import { customerTimeline, timelineQuery } from '../../app/timeline.js';

const moneySchema = z.object({ amount: z.string(), currency: z.string() });
const timelineSchema = z.object({
  data: z.array(
    z.object({
      at: z.string(),
      kind: z.string(),
      id: z.string(),
      channel: z.string().nullable(),
      title: z.string().nullable(),
      status: z.string().nullable(),
      amount: moneySchema.nullable(),
    }),
  ),
  next_cursor: z.string().nullable(),
});

export function timelineRoutes(app: ZodApp) {
  app.get(
    '/customers/:id/timeline',
    {
      schema: {
        tags: ['customers'],
        summary: 'Everything that happened with the customer, newest first',
        params: z.object({ id: idField }),
        querystring: timelineQuery,
        response: { 200: timelineSchema, ...errorResponses },
      },
    },
    async (request) => customerTimeline(request.ctx, request.params.id, request.query),
  );
}
