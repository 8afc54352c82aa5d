import { z } from 'zod';
import type { ZodApp } from '../server.js';
import {
  customerListSchema,
  customerSchema,
  customerWithBalanceSchema,
  errorResponses,
} from '../responses.js';
import { requireRole } from '../auth.js';
import { applyCredit, applyCreditInput } from '../../app/payments.js';
import {
  createCustomer,
  customerInput,
  getCustomer,
  listCustomers,
  listCustomersQuery,
} from '../../app/customers.js';
import { asOfField, idField } from '../../app/fields.js';

export function customerRoutes(app: ZodApp) {
  app.post(
    '/customers',
    {
      schema: {
        tags: ['customers'],
        body: customerInput,
        response: { 201: customerSchema, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request, reply) => reply.code(201).send(await createCustomer(request.ctx, request.body)),
  );
  app.get(
    '/customers',
    {
      schema: {
        tags: ['customers'],
        querystring: listCustomersQuery,
        response: { 200: customerListSchema, ...errorResponses },
      },
    },
    async (request) => listCustomers(request.ctx, request.query),
  );
  app.get(
    '/customers/:id',
    {
      schema: {
        tags: ['customers'],
        params: z.object({ id: idField }),
        querystring: z.object({ as_of: asOfField.optional() }),
        response: { 200: customerWithBalanceSchema, ...errorResponses },
      },
    },
    async (request) => getCustomer(request.ctx, request.params.id, request.query.as_of),
  );
  app.post(
    '/customers/:id/apply-credit',
    {
      schema: { tags: ['customers'], params: z.object({ id: idField }), body: applyCreditInput },
      preHandler: requireRole('collector'),
    },
    async (request) => applyCredit(request.ctx, request.params.id, request.body),
  );
}
