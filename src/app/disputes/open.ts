import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { RecoupError, invalid } from '../../domain/errors.js';
import { attachments, disputes, invoices } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import { newId, type Ctx } from '../context.js';
import { markForReview } from '../collection-review.js';
import { recordEvents } from '../events/record.js';
import { lockCustomerOfInvoice } from '../ledger/entries.js';
import { MAX_ATTACHMENT_BYTES, type DisputeInput } from './input.js';
import { disputeView } from './view.js';

/**
 * Records a debtor's dispute of an invoice. While it is open the invoice shows `disputed`, the
 * strategy leaves it alone, contact about it is blocked, and money without instructions is not
 * applied to it. One open dispute per invoice.
 */
export async function openDispute(ctx: Ctx, input: DisputeInput) {
  const openedAt = input.opened_at ? new Date(input.opened_at) : ctx.clock.now();
  if (openedAt > ctx.clock.now()) throw invalid('opened_at', 'is in the future');
  const files = input.attachments.map((file, index) => {
    const content = Buffer.from(file.content_base64, 'base64');
    if (content.length > MAX_ATTACHMENT_BYTES)
      throw invalid(
        `attachments[${index}].content_base64`,
        `decodes to more than ${MAX_ATTACHMENT_BYTES} bytes`,
      );
    return { ...file, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  });
  const id = newId();
  return ctx.db.transaction(async (tx) => {
    await lockCustomerOfInvoice(tx, ctx.tenantId, input.invoice_id);
    const invoice = await findInvoice(tx, ctx.tenantId, input.invoice_id);
    const [open] = await tx
      .select({ id: disputes.id })
      .from(disputes)
      .where(
        and(
          eq(disputes.tenantId, ctx.tenantId),
          eq(disputes.invoiceId, invoice.id),
          isNull(disputes.resolvedAt),
        ),
      );
    if (open)
      throw new RecoupError(
        'conflict',
        'dispute_open',
        `invoice ${invoice.number} has open dispute ${open.id}`,
        [{ path: 'invoice_id', message: `has an open dispute (${open.id})` }],
      );
    const [row] = await tx
      .insert(disputes)
      .values({
        tenantId: ctx.tenantId,
        id,
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        reasonCode: input.reason_code,
        note: input.note ?? null,
        source: input.source,
        openedAt,
      })
      .returning();
    const stored = files.length
      ? await tx
          .insert(attachments)
          .values(
            files.map((file) => ({
              tenantId: ctx.tenantId,
              id: newId(),
              ownerType: 'dispute',
              ownerId: id,
              fileName: file.file_name,
              contentType: file.content_type,
              size: file.size,
              sha256: file.sha256,
              content: file.content_base64,
            })),
          )
          .returning()
      : [];
    await markForReview(tx, ctx.tenantId, [invoice.customerId]);
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'dispute.opened',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'dispute',
        subjectId: id,
        customerId: invoice.customerId,
        data: {
          invoice_id: invoice.id,
          reason_code: input.reason_code,
          opened_at: openedAt.toISOString(),
          attachments: stored.length,
        },
      },
    ]);
    return disputeView(row!, stored);
  });
}

async function findInvoice(tx: Db, tenantId: string, invoiceId: string) {
  const [invoice] = await tx
    .select({ id: invoices.id, number: invoices.number, customerId: invoices.customerId })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId)));
  if (!invoice) throw invalid('invoice_id', `no invoice ${invoiceId}`, 'unknown_invoice');
  return invoice;
}
