import { z } from 'zod';
import { amountField, cursorField, dateField, idField, instantField, limitField } from '../fields.js';

const instalmentInput = z.object({ due_on: dateField, amount: amountField });

export const planInput = z.object({
  customer_id: idField,
  invoice_ids: z.array(idField).min(1).max(500),
  /** Explicit instalments... */
  instalments: z.array(instalmentInput).min(1).max(520).optional(),
  /** ...or a series: `count` instalments, weekly or monthly from `start_on`. */
  count: z.number().int().min(1).max(520).optional(),
  frequency: z.enum(['weekly', 'monthly']).optional(),
  start_on: dateField.optional(),
  /** What the series spreads (default: the invoices' open balance). */
  total: amountField.optional(),
  /** Paid first, on `due_on` (default: the day it was agreed). */
  down_payment: z.object({ amount: amountField, due_on: dateField.optional() }).optional(),
  agreed_at: instantField.optional(),
  channel: z.enum(['phone', 'email', 'sms', 'letter', 'visit', 'portal']).optional(),
  /** Send the written confirmation (default true). */
  confirm: z.boolean().optional(),
});
export type PlanInput = z.infer<typeof planInput>;

export const listPlansQuery = z.object({
  customer_id: idField.optional(),
  status: z.enum(['active', 'completed', 'defaulted', 'cancelled']).optional(),
  as_of: z.string().optional(),
  limit: limitField,
  cursor: cursorField,
});

export const cancelPlanInput = z.object({
  cancelled_at: instantField.optional(),
  reason: z.string().max(1000).optional(),
});
