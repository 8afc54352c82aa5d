import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { errorResponses, moneySchema } from '../responses.js';
import { claimQuery, getClaim } from '../../app/claims.js';
import { idField } from '../../app/fields.js';

const params = z.object({ id: idField });

const referenceRateSchema = z
  .object({
    source: z.enum(['boe_bank_rate', 'ecb_mro', 'de_basiszinssatz']),
    name: z.string(),
    on: z.string().describe('the day the rule reads the reference rate on'),
    rate: z.string().describe('percent'),
    since: z.string().describe('the day that rate took effect'),
    known_through: z.string().describe('the last day the rate data was checked'),
    beyond_data: z.boolean().describe('true: `on` is after known_through and the last known rate was used'),
  })
  .nullable();

export const claimSchema = z.object({
  invoice_id: z.string(),
  as_of: z.string(),
  rule: z.enum(['uk_late_payment', 'eu_late_payment', 'de_bgb_288', 'contract']),
  principal: moneySchema,
  interest: z.object({
    annual_rate: z.string().describe('percent in force on as_of, e.g. "13.25"'),
    day_count: z.enum(['ACT/365', 'ACT/360']),
    reference_rate: referenceRateSchema,
    days: z.number().int(),
    amount: moneySchema,
    periods: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        annual_rate: z.string(),
        days: z.number().int(),
        amount: moneySchema,
        balance: moneySchema,
        reference_rate: referenceRateSchema,
      }),
    ),
  }),
  compensation: moneySchema,
  total: moneySchema,
  notes: z.array(z.object({ code: z.string(), message: z.string() })),
});

export function claimRoutes(app: ZodApp) {
  app.get(
    '/invoices/:id/claim',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Late-payment claim: principal, statutory or contractual interest, fixed compensation',
        params,
        querystring: claimQuery,
        response: { 200: claimSchema, ...errorResponses },
      },
    },
    async (request) => getClaim(request.ctx, request.params.id, request.query),
  );
}
