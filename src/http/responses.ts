/**
 * Response shapes for the OpenAPI document. Responses are serialised as they are; these schemas
 * document them, and test/api/contract.test.ts checks real responses against them.
 */
import { z } from 'zod';

export const moneySchema = z.object({ amount: z.string(), currency: z.string() }).describe('Money');
const moneyList = z.array(moneySchema);

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

const contactSchema = z.object({
  id: z.string(),
  channel: z.string(),
  value: z.string(),
  primary: z.boolean(),
  sms_consent: z.boolean(),
  automated_call_consent: z.boolean(),
  opted_out: z.boolean(),
});

export const customerSchema = z.object({
  id: z.string(),
  external_id: z.string(),
  name: z.string(),
  kind: z.enum(['business', 'consumer']),
  country: z.string(),
  region: z.string().nullable(),
  time_zones: z.array(z.string()),
  language: z.string(),
  currency: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.unknown(),
  tags: z.array(z.string()),
  contacts: z.array(contactSchema),
  strategy_id: z.string().nullable(),
  segment: z.string(),
  created_at: z.string(),
});

export const customerWithBalanceSchema = customerSchema.extend({
  as_of: z.string(),
  balance: moneyList,
  on_account: moneyList,
  holds: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      invoice_ids: z.array(z.string()),
      ends_at: z.string().nullable(),
    }),
  ),
  collection: z.object({
    cycle: z.number().int().nullable(),
    strategy_version: z.number().int().nullable(),
    next_action_at: z.string().nullable(),
  }),
});

export const invoiceSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  number: z.string(),
  issue_date: z.string(),
  due_date: z.string(),
  currency: z.string(),
  total: moneySchema,
  balance: moneySchema,
  balance_breakdown: z.object({ principal: moneySchema, fee: moneySchema, interest: moneySchema }),
  paid: moneySchema,
  written_off: moneySchema,
  days_past_due: z.number().int(),
  status: z.enum(['open', 'partially_paid', 'paid', 'written_off', 'disputed', 'void']),
  terms: z
    .object({
      net_days: z.number().optional(),
      end_of_month: z.boolean().optional(),
      discount_percent: z.string().optional(),
      discount_days: z.number().optional(),
    })
    .nullable(),
  lines: z.unknown(),
  created_at: z.string(),
  as_of: z.string().optional(),
});

export const paymentSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  amount: moneySchema,
  currency: z.string(),
  received_on: z.string(),
  method: z.string().nullable(),
  reference: z.string().nullable(),
  allocations: z.array(z.object({ invoice_id: z.string(), amount: moneySchema })),
  unapplied: moneySchema,
  created_at: z.string(),
});

export const agingSchema = z.object({
  as_of: z.string(),
  currency: z.string(),
  buckets: z.array(
    z.object({
      label: z.string(),
      from_days: z.number().int(),
      to_days: z.number().int().nullable(),
      count: z.number().int(),
      amount: moneySchema,
    }),
  ),
  count: z.number().int(),
  total: moneySchema,
});

export const importSchema = z.object({
  id: z.string(),
  format: z.string(),
  status: z.enum(['completed', 'rejected', 'partial', 'validated']),
  counts: z.object({ rows: z.number(), created: z.number(), unchanged: z.number(), rejected: z.number() }),
  errors: z.array(z.object({ row: z.number(), field: z.string(), message: z.string() })),
});

export const customerListSchema = listOf(customerSchema);
export const invoiceListSchema = listOf(invoiceSchema);
export const paymentListSchema = listOf(paymentSchema);

/** The usual error answers of a route, for the document. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
};
