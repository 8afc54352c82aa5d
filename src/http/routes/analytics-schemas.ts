/** Response shapes of the analytics routes, for the OpenAPI document and the contract test. */
import { z } from 'zod';
import { moneySchema } from '../responses.js';

const figure = z.number().nullable();

const periodKpis = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  dso: figure,
  dso_countback: figure,
  best_possible_dso: figure,
  average_days_delinquent: figure,
  cei: figure,
  average_days_to_pay: figure,
  average_days_to_pay_weighted: figure,
  average_days_late: figure,
  percent_paid_late: figure,
  collection_rate: figure,
  write_off_ratio: figure,
  promise_kept_rate: figure,
  dispute_rate: figure,
  figures: z.object({
    beginning_receivables: moneySchema,
    ending_receivables: moneySchema,
    ending_current_receivables: moneySchema,
    credit_sales: moneySchema,
    invoices_issued: z.number().int(),
    invoices_paid: z.number().int(),
    collected: moneySchema,
    due_in_period: moneySchema,
    written_off: moneySchema,
    promises_kept: z.number().int(),
    promises_broken: z.number().int(),
    disputes_opened: z.number().int(),
  }),
});

export const kpiSchema = periodKpis.extend({
  currency: z.string(),
  segment: z.string().nullable(),
  periods: z.array(periodKpis).optional(),
});

export const rollRatesSchema = z.object({
  currency: z.string(),
  months: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      rates: z.array(
        z.object({
          from_bucket: z.string(),
          to_bucket: z.string(),
          opening: moneySchema,
          rolled: moneySchema,
          rate: figure,
        }),
      ),
    }),
  ),
});

const bucketSchema = z.object({ label: z.string(), count: z.number().int(), amount: moneySchema });

export const trendsSchema = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  data: z.array(
    z.object({
      as_of: z.string(),
      total: moneySchema,
      overdue: moneySchema,
      overdue_percent: figure,
      count: z.number().int(),
      buckets: z.array(bucketSchema),
    }),
  ),
});
