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
