import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import { holdSchema, promiseListSchema, promiseSchema } from '../collection-responses.js';
import { asOfField, idField } from '../../app/fields.js';
import { holdInput, placeHold, releaseHold } from '../../app/holds.js';
import {
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
}
