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

const predictionSchema = z.object({
  invoice_id: z.string(),
  number: z.string(),
  due_date: z.string(),
  expected_payment_date: z.string(),
  expected_delay_days: z.number(),
  probability_within_30_days: z.number(),
  probability_on_time: z.number(),
  customer_invoices: z.number().int(),
  customer_weight: z.number(),
});

const reasonSchema = z.object({ code: z.string(), message: z.string() });

export const behaviourSchema = z.object({
  customer_id: z.string(),
  as_of: z.string(),
  invoices_paid: z.number().int(),
  average_days_late: figure,
  trend_days_per_invoice: figure,
  trend_window: z.number().int(),
  variability_days: figure,
  recent_days_late: z.array(z.number()),
  disputes: z.object({ opened: z.number().int(), open: z.number().int() }),
  promises: z.object({
    kept: z.number().int(),
    broken: z.number().int(),
    pending: z.number().int(),
    cancelled: z.number().int(),
  }),
  alerts: z.array(reasonSchema),
  predictions: z.array(predictionSchema),
});

export const forecastSchema = z.object({
  as_of: z.string(),
  currency: z.string(),
  open: moneySchema,
  weeks: z.array(
    z.object({
      week: z.number().int(),
      from: z.string(),
      to: z.string(),
      expected: moneySchema,
      invoices: z.number().int(),
    }),
  ),
  later: z.object({ expected: moneySchema, invoices: z.number().int() }),
});

export const worklistSchema = z.object({
  as_of: z.string(),
  data: z.array(
    z.object({
      customer_id: z.string(),
      name: z.string(),
      assignee: z.string().nullable(),
      segment: z.string(),
      score: z.number(),
      overdue: z.array(moneySchema),
      overdue_invoices: z.number().int(),
      oldest_days_past_due: z.number().int(),
      probability_paid_within_30_days: z.number(),
      reasons: z.array(reasonSchema),
    }),
  ),
  next_cursor: z.string().nullable(),
});

export const assignSchema = z.object({
  as_of: z.string(),
  method: z.string(),
  count: z.number().int(),
  assigned: z.array(z.object({ customer_id: z.string(), assignee: z.string() })),
});

const armSchema = z.object({ actions: z.number().int(), cured: z.number().int(), cure_rate: figure });

export const strategyOutcomesSchema = z.object({
  from: z.string(),
  to: z.string(),
  cure_days: z.number().int(),
  data: z.array(
    z.object({
      strategy_id: z.string().nullable(),
      strategy_name: z.string().nullable(),
      step: z.string(),
      template: z.string().nullable(),
      variant: z.string(),
      actions: z.number().int(),
      cured: z.number().int(),
      cure_rate: figure,
      collected: z.array(moneySchema),
      average_days_to_pay: figure,
      opt_outs: z.number().int(),
      complaints: z.number().int(),
    }),
  ),
  experiments: z.array(
    z.object({
      step: z.string(),
      champion: armSchema,
      challenger: armSchema,
      z: figure,
      p_value: figure,
      small_sample: z.boolean(),
      significant: z.boolean(),
    }),
  ),
});
