import { and, eq } from 'drizzle-orm';
import { localDate } from '../../domain/dates.js';
import { RecoupError, invalid } from '../../domain/errors.js';
import { parsePositiveAmount } from '../../domain/money.js';
import { disputes, invoices } from '../../store/schema.js';
import type { Ctx } from '../context.js';
import { markForReview } from '../collection-review.js';
import { createCreditNote } from '../credit-notes.js';
import { recordEvents } from '../events/record.js';
import { lockCustomerOfInvoice } from '../ledger/entries.js';
import type { ResolveInput } from './input.js';
import { findDispute, getDispute } from './read.js';

const RENAMED: Record<string, string> = { amount: 'credit_amount', issued_on: 'resolved_at' };

/**
 * Closes a dispute. Upheld, it may credit the invoice: a credit note through the ledger's own
 * use case (so the books stay balanced), issued on the day of the resolution. Rejected, the
 * debt stands and collection resumes. Either way a `dispute_resolved` step may fire next run.
 */
export async function resolveDispute(ctx: Ctx, id: string, input: ResolveInput) {
  const resolvedAt = input.resolved_at ? new Date(input.resolved_at) : ctx.clock.now();
  if (input.credit_amount !== undefined && input.outcome !== 'upheld')
    throw invalid('credit_amount', 'only an upheld dispute is credited');
  await ctx.db.transaction(async (tx) => {
    const found = await findDispute(tx, ctx.tenantId, id);
    await lockCustomerOfInvoice(tx, ctx.tenantId, found.invoiceId);
    const dispute = await findDispute(tx, ctx.tenantId, id);
    if (dispute.resolvedAt)
      throw new RecoupError(
        'rejected',
        'dispute_resolved',
        `dispute ${id} was resolved at ${dispute.resolvedAt.toISOString()}`,
      );
    if (resolvedAt < dispute.openedAt) throw invalid('resolved_at', 'is before the dispute was opened');
    if (resolvedAt > ctx.clock.now()) throw invalid('resolved_at', 'is in the future');
    const [invoice] = await tx
      .select({ currency: invoices.currency })
      .from(invoices)
      .where(and(eq(invoices.tenantId, ctx.tenantId), eq(invoices.id, dispute.invoiceId)));
    let creditNoteId: string | null = null;
    if (input.credit_amount !== undefined) {
      parsePositiveAmount(input.credit_amount, invoice!.currency, 'credit_amount');
      const note = await createCreditNote(
        { ...ctx, db: tx },
        {
          invoice_id: dispute.invoiceId,
          amount: input.credit_amount,
          reason: `dispute ${id} upheld (${dispute.reasonCode})${input.note ? `: ${input.note}` : ''}`.slice(
            0,
            1000,
          ),
          issued_on: localDate(resolvedAt, ctx.timeZone),
        },
      ).catch((error: unknown) => {
        // The credit note names its own fields; here they are the request's.
        if (error instanceof RecoupError)
          throw new RecoupError(
            error.kind,
            error.code,
            error.message,
            error.details.map((d) => ({ ...d, path: RENAMED[d.path] ?? d.path })),
          );
        throw error;
      });
      creditNoteId = note.id;
    }
    await tx
      .update(disputes)
      .set({
        resolvedAt,
        outcome: input.outcome,
        resolutionNote: input.note ?? null,
        creditNoteId,
        verificationSentAt: input.verification_sent_at ? new Date(input.verification_sent_at) : null,
      })
      .where(and(eq(disputes.tenantId, ctx.tenantId), eq(disputes.id, id)));
    await markForReview(tx, ctx.tenantId, [dispute.customerId]);
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'dispute.resolved',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'dispute',
        subjectId: id,
        customerId: dispute.customerId,
        data: {
          invoice_id: dispute.invoiceId,
          outcome: input.outcome,
          resolved_at: resolvedAt.toISOString(),
          credit_note_id: creditNoteId,
          credit_amount: input.credit_amount
            ? { amount: input.credit_amount, currency: invoice!.currency }
            : null,
        },
      },
    ]);
  });
  return getDispute(ctx, id);
}
