import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import { holdSchema, promiseListSchema, promiseSchema } from '../collection-responses.js';
import { asOfField, idField } from '../../app/fields.js';
import {
  listNonPaymentReasons,
  listReasonsQuery,
  nonPaymentReasonInput,
  nonPaymentReasonReport,
  reasonReportQuery,
  recordNonPaymentReason,
} from '../../app/engagement/non-payment-reasons.js';
import {
  nonPaymentReasonListSchema,
  nonPaymentReasonSchema,
  nonPaymentReportSchema,
} from '../engagement-responses.js';
import { holdInput, placeHold, releaseHold } from '../../app/holds.js';
import {
  cancelPromise,
  cancelPromiseInput,
  createPromise,
  getPromise,
  listPromises,
  listPromisesQuery,
  promiseInput,
} from '../../app/promises.js';

const params = z.object({ id: idField });

export function engagementRoutes(app: ZodApp) {
  app.post(
    '/customers/:id/holds',
    {
      schema: {
        tags: ['customers'],
        params,
        body: holdInput,
        response: { 201: holdSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request, reply) =>
      reply.code(201).send(await placeHold(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/holds/:id/release',
    {
      schema: {
        tags: ['customers'],
        params,
        body: z.object({}).default({}),
        response: { 200: holdSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request) => releaseHold(request.ctx, request.params.id),
  );
  app.post(
    '/promises',
    {
      schema: { tags: ['promises'], body: promiseInput, response: { 201: promiseSchema, ...errorResponses } },
      preHandler: requireRole('collector'),
    },
    async (request, reply) => reply.code(201).send(await createPromise(request.ctx, request.body)),
  );
  app.get(
    '/promises',
    {
      schema: {
        tags: ['promises'],
        querystring: listPromisesQuery,
        response: { 200: promiseListSchema, ...errorResponses },
      },
    },
    async (request) => listPromises(request.ctx, request.query),
  );
  app.get(
    '/promises/:id',
    {
      schema: {
        tags: ['promises'],
        params,
        querystring: z.object({ as_of: asOfField.optional() }),
        response: { 200: promiseSchema, ...errorResponses },
      },
    },
    async (request) => getPromise(request.ctx, request.params.id, request.query.as_of),
  );
  app.post(
    '/promises/:id/cancel',
    {
      schema: {
        tags: ['promises'],
        params,
        body: cancelPromiseInput.default({}),
        response: { 200: promiseSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request) => cancelPromise(request.ctx, request.params.id, request.body),
  );
  nonPaymentReasonRoutes(app);
}

function nonPaymentReasonRoutes(app: ZodApp) {
  app.post(
    '/customers/:id/non-payment-reasons',
    {
      schema: {
        tags: ['customers'],
        params,
        body: nonPaymentReasonInput,
        response: { 201: nonPaymentReasonSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request, reply) =>
      reply.code(201).send(await recordNonPaymentReason(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/customers/:id/non-payment-reasons',
    {
      schema: {
        tags: ['customers'],
        params,
        querystring: listReasonsQuery,
        response: { 200: nonPaymentReasonListSchema, ...errorResponses },
      },
    },
    async (request) => listNonPaymentReasons(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/reports/non-payment-reasons',
    {
      schema: {
        tags: ['reports'],
        querystring: reasonReportQuery,
        response: { 200: nonPaymentReportSchema, ...errorResponses },
      },
    },
    async (request) => nonPaymentReasonReport(request.ctx, request.query),
  );
}
