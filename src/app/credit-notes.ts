import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, invalid } from '../domain/errors.js';
import { allocateExplicitly } from '../domain/ledger/allocate.js';
import { formatAmount, parsePositiveAmount } from '../domain/money.js';
import { creditNotes } from '../store/schema.js';
import { queryRows } from '../store/database.js';
import { toBigInt } from '../store/sql-values.js';
import { newId, today, type Ctx } from './context.js';
import { amountField, dateField, idField } from './fields.js';
import { loadInvoiceOn } from './ledger/invoice-on.js';
import { lockCustomerOfInvoice, postEntries } from './ledger/entries.js';
import { allocationEntries } from './ledger/allocation-entries.js';
import { moneyView } from './views.js';

export const creditNoteInput = z.object({
  invoice_id: idField,
  amount: amountField,
  reason: z.string().min(1).max(1000),
  issued_on: dateField.optional(),
});

/**
 * A credit note lowers what an invoice is worth. Its value pays the invoice's open principal;
 * if the invoice was already paid, the surplus becomes on-account credit for the customer.
 * The credit notes on an invoice can never add up to more than its total.
 */
export async function createCreditNote(ctx: Ctx, input: z.infer<typeof creditNoteInput>) {
  const issuedOn = input.issued_on ?? today(ctx);
  const id = newId();
  return ctx.db.transaction(async (tx) => {
    await lockCustomerOfInvoice(tx, ctx.tenantId, input.invoice_id);
    const invoice = await loadInvoiceOn(
      tx,
      ctx.tenantId,
      input.invoice_id,
      issuedOn,
      today(ctx),
      'issued_on',
    ).catch((error: unknown) => {
      if (error instanceof RecoupError && error.code === 'not_found') {
        throw invalid('invoice_id', error.message, 'unknown_invoice');
      }
      throw error;
    });
    if (issuedOn < invoice.issueDate)
      throw invalid('issued_on', `is before the invoice date ${invoice.issueDate}`);
    if (invoice.voided)
      throw new RecoupError('rejected', 'invoice_void', `invoice ${invoice.number} is void`);
    const amount = parsePositiveAmount(input.amount, invoice.currency);
    const [credited] = await queryRows<{ total: string | null }>(
      tx,
      sql`SELECT SUM(amount)::text AS total FROM credit_notes WHERE tenant_id = ${ctx.tenantId} AND invoice_id = ${invoice.id}`,
    );
    const creditable = invoice.total - toBigInt(credited?.total);
    if (amount > creditable) {
      throw new RecoupError(
        'rejected',
        'credit_exceeds_invoice',
        `the amount is more than the ${formatAmount(creditable, invoice.currency)} ${invoice.currency} of invoice ${invoice.number} not yet credited`,
        [{ path: 'amount', message: 'is more than the invoice total not yet credited' }],
      );
    }
    await tx.insert(creditNotes).values({
      tenantId: ctx.tenantId,
      id,
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      amount,
      currency: invoice.currency,
      issuedOn,
      reason: input.reason,
    });
    const apply = amount < invoice.owed.principal ? amount : invoice.owed.principal;
    const item = {
      invoiceId: invoice.id,
      number: invoice.number,
      dueDate: invoice.dueDate,
      issueDate: invoice.issueDate,
      owed: invoice.owed,
      autoAllocatable: true,
      discountAvailable: 0n,
    };
    const result =
      apply > 0n
        ? allocateExplicitly([item], amount, [{ invoiceId: invoice.id, amount: apply }], {
            itemOrder: 'oldest_due_first',
            componentOrder: ['principal', 'interest', 'fee'],
          })
        : { lines: [], discounts: [], unapplied: amount };
    const source = {
      customerId: invoice.customerId,
      currency: invoice.currency,
      effectiveOn: issuedOn,
      documentId: id,
    };
    await postEntries(
      tx,
      ctx.tenantId,
      [
        { ...source, kind: 'receipt', amount, sourceKind: 'credit_note', sourceId: id },
        ...allocationEntries(result, { ...source, sourceKind: 'credit_note', sourceId: id }),
      ],
      ctx.actor,
    );
    const [row] = await tx
      .select()
      .from(creditNotes)
      .where(and(eq(creditNotes.tenantId, ctx.tenantId), eq(creditNotes.id, id)));
    return {
      id,
      invoice_id: invoice.id,
      customer_id: invoice.customerId,
      amount: moneyView(amount, invoice.currency),
      applied: moneyView(apply, invoice.currency),
      on_account: moneyView(amount - apply, invoice.currency),
      issued_on: issuedOn,
      reason: input.reason,
      created_at: row!.createdAt.toISOString(),
    };
  });
}
