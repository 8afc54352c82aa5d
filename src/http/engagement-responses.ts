/** Response shapes of payment plans, disputes, non-payment reasons and their reports. */
import { z } from 'zod';
import { moneySchema } from './responses.js';

const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export const planSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  invoice_ids: z.array(z.string()),
  currency: z.string(),
  total: moneySchema,
  paid: moneySchema,
  remaining: moneySchema,
  status: z.enum(['active', 'completed', 'defaulted', 'cancelled']),
  approval: z.string(),
  source: z.string(),
  agreed_at: z.string(),
  agreed_on: z.string(),
  grace_days: z.number().int(),
  default_after: z.number().int(),
  missed_count: z.number().int(),
  defaulted_on: z.string().nullable(),
  completed_on: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  next_due_on: z.string().nullable(),
  instalments: z.array(
    z.object({
      position: z.number().int(),
      due_on: z.string(),
      amount: moneySchema,
      paid_amount: moneySchema,
      status: z.enum(['pending', 'paid', 'missed']),
      is_down_payment: z.boolean(),
      missed_on: z.string().nullable(),
    }),
  ),
  as_of: z.string(),
  created_at: z.string(),
});

export const createdPlanSchema = planSchema.extend({
  rule_problems: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })),
  confirmation: z
    .object({ action_id: z.string(), channel: z.string().nullable(), status: z.string() })
    .nullable(),
});

const attachmentSchema = z.object({
  id: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  created_at: z.string(),
});

export const attachmentContentSchema = attachmentSchema.extend({
  owner_type: z.string(),
  owner_id: z.string(),
  content_base64: z.string(),
});

export const disputeSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  invoice_id: z.string(),
  reason_code: z.string(),
  note: z.string().nullable(),
  source: z.string(),
  status: z.enum(['open', 'resolved']),
  opened_at: z.string(),
  resolved_at: z.string().nullable(),
  outcome: z.enum(['upheld', 'rejected']).nullable(),
  resolution_note: z.string().nullable(),
  credit_note_id: z.string().nullable(),
  verification_sent_at: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  created_at: z.string(),
});

const countAndAmounts = { count: z.number().int(), amounts: z.array(moneySchema) };

export const disputeReportSchema = z.object({
  as_of: z.string(),
  buckets: z.array(
    z.object({
      label: z.string(),
      from_days: z.number().int(),
      to_days: z.number().int().nullable(),
      ...countAndAmounts,
    }),
  ),
  by_reason: z.array(
    z.object({
      reason_code: z.string(),
      ...countAndAmounts,
      average_age_days: z.number().nullable(),
      buckets: z.array(z.object({ label: z.string(), count: z.number().int() })),
    }),
  ),
  total: z.object(countAndAmounts),
});

export const nonPaymentReasonSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  reason: z.string(),
  note: z.string().nullable(),
  invoice_ids: z.array(z.string()),
  source: z.string(),
  recorded_at: z.string(),
  created_at: z.string(),
});

export const nonPaymentReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  count: z.number().int(),
  by_reason: z.array(z.object({ reason: z.string(), count: z.number().int(), customers: z.number().int() })),
  by_segment: z.array(
    z.object({
      segment: z.string(),
      count: z.number().int(),
      reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    }),
  ),
});

export const planListSchema = listOf(planSchema);
export const disputeListSchema = listOf(disputeSchema);
export const nonPaymentReasonListSchema = listOf(nonPaymentReasonSchema);
