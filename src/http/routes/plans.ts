import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import { createdPlanSchema, planListSchema, planSchema } from '../engagement-responses.js';
import { asOfField, idField } from '../../app/fields.js';
import {
  approvePlan,
  cancelPlan,
  cancelPlanInput,
  createPlan,
  getPlan,
  listPlans,
  listPlansQuery,
  planInput,
} from '../../app/plans/index.js';

const params = z.object({ id: idField });

export function planRoutes(app: ZodApp) {
  app.post(
    '/payment-plans',
    {
      schema: {
        tags: ['payment plans'],
        body: planInput,
        response: { 201: createdPlanSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request, reply) => reply.code(201).send(await createPlan(request.ctx, request.body)),
  );
  app.get(
    '/payment-plans',
    {
      schema: {
        tags: ['payment plans'],
        querystring: listPlansQuery,
        response: { 200: planListSchema, ...errorResponses },
      },
    },
    async (request) => listPlans(request.ctx, request.query),
  );
  app.get(
    '/payment-plans/:id',
    {
      schema: {
        tags: ['payment plans'],
        params,
        querystring: z.object({ as_of: asOfField.optional() }),
        response: { 200: planSchema, ...errorResponses },
      },
    },
    async (request) => getPlan(request.ctx, request.params.id, request.query.as_of),
  );
  app.post(
    '/payment-plans/:id/cancel',
    {
      schema: {
        tags: ['payment plans'],
        params,
        body: cancelPlanInput.default({}),
        response: { 200: planSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request) => cancelPlan(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/payment-plans/:id/approve',
    {
      schema: {
        tags: ['payment plans'],
        params,
        body: z.object({}).default({}),
        response: { 200: planSchema, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request) => approvePlan(request.ctx, request.params.id),
  );
}
