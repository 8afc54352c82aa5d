import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import {
  segmentListSchema,
  segmentSchema,
  strategyListSchema,
  strategySchema,
} from '../collection-responses.js';
import { idField } from '../../app/fields.js';
import { createSegment, listSegments, segmentInput } from '../../app/segments.js';
import {
  createStrategy,
  getStrategy,
  listStrategies,
  listStrategiesQuery,
  strategyInput,
  updateStrategy,
} from '../../app/strategies.js';

const params = z.object({ id: idField });

export function strategyRoutes(app: ZodApp) {
  app.post(
    '/strategies',
    {
      schema: {
        tags: ['strategies'],
        body: strategyInput,
        response: { 201: strategySchema, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request, reply) => reply.code(201).send(await createStrategy(request.ctx, request.body)),
  );
  app.get(
    '/strategies',
    {
      schema: {
        tags: ['strategies'],
        querystring: listStrategiesQuery,
        response: { 200: strategyListSchema, ...errorResponses },
      },
    },
    async (request) => listStrategies(request.ctx, request.query),
  );
  app.get(
    '/strategies/:id',
    {
      schema: {
        tags: ['strategies'],
        params,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: strategySchema, ...errorResponses },
      },
    },
    async (request) => getStrategy(request.ctx, request.params.id, request.query.version),
  );
  app.put(
    '/strategies/:id',
    {
      schema: {
        tags: ['strategies'],
        description: 'Saves a changed document as the next version; runs keep the version they used.',
        params,
        body: strategyInput,
        response: { 200: strategySchema, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request) => updateStrategy(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/segments',
    {
      schema: {
        tags: ['strategies'],
        body: segmentInput,
        response: { 201: segmentSchema, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request, reply) => reply.code(201).send(await createSegment(request.ctx, request.body)),
  );
  app.get(
    '/segments',
    { schema: { tags: ['strategies'], response: { 200: segmentListSchema, ...errorResponses } } },
    async (request) => listSegments(request.ctx),
  );
}
