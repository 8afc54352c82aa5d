import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { errorResponses, paymentListSchema, paymentSchema } from '../responses.js';
import { requireRole } from '../auth.js';
import {
  getPayment,
  listPayments,
  listPaymentsQuery,
  paymentInput,
  recordPayment,
} from '../../app/payments.js';
import { createCreditNote, creditNoteInput } from '../../app/credit-notes.js';
import { idField } from '../../app/fields.js';

export function paymentRoutes(app: ZodApp) {
  app.post(
    '/payments',
    {
      schema: { tags: ['payments'], body: paymentInput, response: { 201: paymentSchema, ...errorResponses } },
      preHandler: requireRole('collector'),
    },
    async (request, reply) => reply.code(201).send(await recordPayment(request.ctx, request.body)),
  );
  app.get(
    '/payments',
    {
      schema: {
        tags: ['payments'],
        querystring: listPaymentsQuery,
        response: { 200: paymentListSchema, ...errorResponses },
      },
    },
    async (request) => listPayments(request.ctx, request.query),
  );
  app.get(
    '/payments/:id',
    {
      schema: {
        tags: ['payments'],
        params: z.object({ id: idField }),
        response: { 200: paymentSchema, ...errorResponses },
      },
    },
    async (request) => getPayment(request.ctx, request.params.id),
  );
  app.post(
    '/credit-notes',
    { schema: { tags: ['credit notes'], body: creditNoteInput }, preHandler: requireRole('manager') },
    async (request, reply) => reply.code(201).send(await createCreditNote(request.ctx, request.body)),
  );
}
