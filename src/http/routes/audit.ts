/** The audit log over HTTP: read it (newest first) and verify its hash chain. */
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import { auditQuery, listAudit } from '../../app/audit/list.js';
import { verifyAudit } from '../../app/audit/verify.js';
import { complianceResponses } from './compliance-responses.js';

export function auditRoutes(app: ZodApp) {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: auditQuery,
        response: { 200: complianceResponses.auditList, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request) => listAudit(request.ctx, request.query),
  );
  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        response: { 200: complianceResponses.auditVerification, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request) => verifyAudit(request.ctx.db, request.ctx.tenantId),
  );
}
