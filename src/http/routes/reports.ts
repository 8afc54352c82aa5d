import type { ZodApp } from '../server.js';
import { agingSchema, errorResponses } from '../responses.js';
import { requireRole } from '../auth.js';
import { agingQuery, agingReport } from '../../app/reports/aging.js';
import { verifyLedger } from '../../app/ledger/verify.js';

export function reportRoutes(app: ZodApp) {
  app.get(
    '/reports/aging',
    {
      schema: {
        tags: ['reports'],
        querystring: agingQuery,
        response: { 200: agingSchema, ...errorResponses },
      },
    },
    async (request) => agingReport(request.ctx, request.query),
  );
  app.get(
    '/ledger/verify',
    { schema: { tags: ['reports'] }, preHandler: requireRole('manager') },
    async (request) => {
      const check = await verifyLedger(request.ctx.db, request.ctx.tenantId);
      return {
        ok: check.ok,
        problems: check.problems,
        totals: check.totals.map((t) => ({
          currency: t.currency,
          receivable: t.receivable.toString(),
          on_account: t.onAccount.toString(),
        })),
      };
    },
  );
}
