/**
 * Analytics routes (issue 8): roll rates, AR trends, payment behaviour, forecast, worklist,
 * strategy outcomes. The KPI report is with the other reports (routes/reports.ts).
 */
import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import { idField } from '../../app/fields.js';
import { behaviourQuery, customerBehaviour } from '../../app/analytics/behaviour.js';
import { cashForecast, forecastQuery } from '../../app/analytics/forecast.js';
import { worklist, worklistQuery } from '../../app/worklist/worklist.js';
import { strategyOutcomes, strategyOutcomesQuery } from '../../app/reports/strategy-outcomes.js';
import { assignInput, assignWorklist } from '../../app/worklist/assign.js';
import { rollRatesQuery, rollRatesReport } from '../../app/reports/roll-rates.js';
import { arTrends, trendsQuery } from '../../app/analytics/trends.js';
import {
  assignSchema,
  behaviourSchema,
  forecastSchema,
  rollRatesSchema,
  strategyOutcomesSchema,
  trendsSchema,
  worklistSchema,
} from './analytics-schemas.js';

const params = z.object({ id: idField });

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
  app.get(
    '/reports/forecast',
    {
      schema: {
        tags: ['reports'],
        description: 'Cash expected in per week from the predicted payment dates of open invoices.',
        querystring: forecastQuery,
        response: { 200: forecastSchema, ...errorResponses },
      },
    },
    async (request) => cashForecast(request.ctx, request.query),
  );
  app.get(
    '/customers/:id/behaviour',
    {
      schema: {
        tags: ['customers'],
        description: 'Payment behaviour, early-warning alerts and payment predictions of a customer.',
        params,
        querystring: behaviourQuery,
        response: { 200: behaviourSchema, ...errorResponses },
      },
    },
    async (request) => customerBehaviour(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/worklist',
    {
      schema: {
        tags: ['worklist'],
        description: 'Customers to call, highest score first, each with the reasons for its place.',
        querystring: worklistQuery,
        response: { 200: worklistSchema, ...errorResponses },
      },
    },
    async (request) => worklist(request.ctx, request.query),
  );
  app.post(
    '/worklist/assign',
    {
      schema: {
        tags: ['worklist'],
        description: 'Assigns the worklist customers to collectors, by segment or round-robin.',
        body: assignInput,
        response: { 200: assignSchema, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request) => assignWorklist(request.ctx, request.body),
  );
  app.get(
    '/reports/strategy-outcomes',
    {
      schema: {
        tags: ['reports'],
        description:
          'Per strategy, step, template and variant: cure rate, amount collected, days to pay, opt-outs and complaints; champion against challenger with a two-proportion z-test.',
        querystring: strategyOutcomesQuery,
        response: { 200: strategyOutcomesSchema, ...errorResponses },
      },
    },
    async (request) => strategyOutcomes(request.ctx, request.query),
  );
}
