import type { ZodApp } from '../server.js';
import { agingSchema, errorResponses } from '../responses.js';
import { requireRole } from '../auth.js';
import { agingQuery, agingReport } from '../../app/reports/aging.js';
import { kpiQuery, kpiReport } from '../../app/reports/kpis.js';
import { verifyLedger } from '../../app/ledger/verify.js';
import { kpiSchema } from './analytics-schemas.js';

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
    '/reports/kpis',
    {
      schema: {
        tags: ['reports'],
        description: 'Collection KPIs of a period (docs/analytics.md): ratios in percent, days as decimals.',
        querystring: kpiQuery,
        response: { 200: kpiSchema, ...errorResponses },
      },
    },
    async (request) => kpiReport(request.ctx, request.query),
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
