import { z } from 'zod';
import { amountField, cursorField, dateField, idField, instantField, limitField } from '../fields.js';

export const DISPUTE_REASONS = [
  'wrong_amount',
  'goods_not_received',
  'quality',
  'already_paid',
  'not_mine',
  'other',
] as const;

/** Largest attachment, decoded, and how many a dispute may carry. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

export const attachmentInput = z.object({
  file_name: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[^/\\\0]+$/, { message: 'must be a file name without a path' }),
  content_type: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, { message: 'must be a media type such as application/pdf' }),
  content_base64: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4, {
      message: `must decode to at most ${MAX_ATTACHMENT_BYTES} bytes`,
    })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' })
    .refine((text) => text.length % 4 === 0, { message: 'must be base64 (length a multiple of 4)' }),
});

export const disputeInput = z.object({
  invoice_id: idField,
  reason_code: z.enum(DISPUTE_REASONS),
  note: z.string().max(5000).optional(),
  opened_at: instantField.optional(),
  source: z.enum(['api', 'phone', 'email', 'letter', 'portal']).default('api'),
  attachments: z.array(attachmentInput).max(MAX_ATTACHMENTS).default([]),
});
export type DisputeInput = z.infer<typeof disputeInput>;

export const resolveInput = z.object({
  outcome: z.enum(['upheld', 'rejected']),
  /** Upheld only: a credit note of this amount on the invoice. */
  credit_amount: amountField.optional(),
  resolved_at: instantField.optional(),
  note: z.string().max(5000).optional(),
  /** When verification (or the evidence for a rejection) was sent to the debtor. */
  verification_sent_at: instantField.optional(),
});
export type ResolveInput = z.infer<typeof resolveInput>;

export const listDisputesQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  customer_id: idField.optional(),
  invoice_id: idField.optional(),
  limit: limitField,
  cursor: cursorField,
});

export const disputeReportQuery = z.object({ as_of: dateField.optional() });
