/**
 * Analytics routes (issue 8): roll rates, AR trends, payment behaviour, forecast, worklist,
 * strategy outcomes. The KPI report is with the other reports (routes/reports.ts).
 */
import type { ZodApp } from '../server.js';
import { errorResponses } from '../responses.js';
import { rollRatesQuery, rollRatesReport } from '../../app/reports/roll-rates.js';
import { arTrends, trendsQuery } from '../../app/analytics/trends.js';
import { rollRatesSchema, trendsSchema } from './analytics-schemas.js';

export function analyticsRoutes(app: ZodApp) {
  app.get(
    '/reports/roll-rates',
    {
      schema: {
        tags: ['reports'],
        description: 'Per month, the share of each aging bucket that moved on to a later bucket unpaid.',
        querystring: rollRatesQuery,
        response: { 200: rollRatesSchema, ...errorResponses },
      },
    },
    async (request) => rollRatesReport(request.ctx, request.query),
  );
  app.get(
    '/reports/trends',
    {
      schema: {
        tags: ['reports'],
        description: 'Daily AR snapshots (written after each run): totals, overdue and aging buckets.',
        querystring: trendsQuery,
        response: { 200: trendsSchema, ...errorResponses },
      },
    },
    async (request) => arTrends(request.ctx, request.query),
  );
}
