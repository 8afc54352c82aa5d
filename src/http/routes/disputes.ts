import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import {
  attachmentContentSchema,
  disputeListSchema,
  disputeReportSchema,
  disputeSchema,
} from '../engagement-responses.js';
import { idField } from '../../app/fields.js';
import {
  disputeAgeReport,
  disputeInput,
  disputeReportQuery,
  getDispute,
  getAttachment,
  listDisputes,
  listDisputesQuery,
  openDispute,
  resolveDispute,
  resolveInput,
} from '../../app/disputes/index.js';

const params = z.object({ id: idField });

export function disputeRoutes(app: ZodApp) {
  app.post(
    '/disputes',
    {
      schema: { tags: ['disputes'], body: disputeInput, response: { 201: disputeSchema, ...errorResponses } },
      preHandler: requireRole('collector'),
    },
    async (request, reply) => reply.code(201).send(await openDispute(request.ctx, request.body)),
  );
  app.get(
    '/disputes',
    {
      schema: {
        tags: ['disputes'],
        querystring: listDisputesQuery,
        response: { 200: disputeListSchema, ...errorResponses },
      },
    },
    async (request) => listDisputes(request.ctx, request.query),
  );
  app.get(
    '/disputes/:id',
    { schema: { tags: ['disputes'], params, response: { 200: disputeSchema, ...errorResponses } } },
    async (request) => getDispute(request.ctx, request.params.id),
  );
  app.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['disputes'],
        params,
        response: { 200: attachmentContentSchema, ...errorResponses },
      },
    },
    async (request) => getAttachment(request.ctx, request.params.id),
  );
  app.post(
    '/disputes/:id/resolve',
    {
      schema: {
        tags: ['disputes'],
        params,
        body: resolveInput,
        response: { 200: disputeSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request) => resolveDispute(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/reports/disputes',
    {
      schema: {
        tags: ['reports'],
        querystring: disputeReportQuery,
        response: { 200: disputeReportSchema, ...errorResponses },
      },
    },
    async (request) => disputeAgeReport(request.ctx, request.query),
  );
}
