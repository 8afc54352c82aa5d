import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { errorResponses, invoiceListSchema, invoiceSchema } from '../responses.js';
import { requireRole } from '../auth.js';
import {
  createInvoice,
  getInvoice,
  invoiceInput,
  listInvoices,
  listInvoicesQuery,
} from '../../app/invoices.js';
import {
  addCharge,
  chargeInput,
  voidInput,
  voidInvoice,
  writeOff,
  writeOffInput,
} from '../../app/invoice-adjustments.js';
import { asOfField, idField } from '../../app/fields.js';

const params = z.object({ id: idField });

export function invoiceRoutes(app: ZodApp) {
  app.post(
    '/invoices',
    {
      schema: { tags: ['invoices'], body: invoiceInput, response: { 201: invoiceSchema, ...errorResponses } },
      preHandler: requireRole('manager'),
    },
    async (request, reply) => reply.code(201).send(await createInvoice(request.ctx, request.body)),
  );
  app.get(
    '/invoices',
    {
      schema: {
        tags: ['invoices'],
        querystring: listInvoicesQuery,
        response: { 200: invoiceListSchema, ...errorResponses },
      },
    },
    async (request) => listInvoices(request.ctx, request.query),
  );
  app.get(
    '/invoices/:id',
    {
      schema: {
        tags: ['invoices'],
        params,
        querystring: z.object({ as_of: asOfField.optional() }),
        response: { 200: invoiceSchema, ...errorResponses },
      },
    },
    async (request) => getInvoice(request.ctx, request.params.id, request.query.as_of),
  );
  app.post(
    '/invoices/:id/charges',
    { schema: { tags: ['invoices'], params, body: chargeInput }, preHandler: requireRole('manager') },
    async (request, reply) =>
      reply.code(201).send(await addCharge(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/invoices/:id/write-off',
    { schema: { tags: ['invoices'], params, body: writeOffInput }, preHandler: requireRole('manager') },
    async (request, reply) =>
      reply.code(201).send(await writeOff(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/invoices/:id/void',
    {
      schema: {
        tags: ['invoices'],
        params,
        body: voidInput,
        response: { 200: invoiceSchema, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request) => voidInvoice(request.ctx, request.params.id, request.body),
  );
}
