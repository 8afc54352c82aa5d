import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, invalid } from '../domain/errors.js';
import { COMPONENTS } from '../domain/ledger/allocate.js';
import { parsePositiveAmount } from '../domain/money.js';
import { charges, writeOffs } from '../store/schema.js';
import { queryRows, type Db } from '../store/database.js';
import { newId, today, type Ctx } from './context.js';
import { amountField, dateField } from './fields.js';
import { loadInvoice } from './invoices.js';
import { lockCustomer, postEntries, type NewEntry } from './ledger/entries.js';
import type { InvoiceState } from './ledger/invoice-state.js';
import { loadInvoiceOn } from './ledger/invoice-on.js';
import { invoiceView, moneyView } from './views.js';

export const chargeInput = z.object({
  kind: z.enum(['fee', 'interest']),
  amount: amountField,
  charged_on: dateField.optional(),
  reason: z.string().min(1).max(1000),
});

/** Adds a fee or interest item to an invoice; allocation pays it before the principal. */
export async function addCharge(ctx: Ctx, invoiceId: string, input: z.infer<typeof chargeInput>) {
  const chargedOn = input.charged_on ?? today(ctx);
  return withInvoice(ctx, invoiceId, chargedOn, 'charged_on', async (tx, invoice) => {
    if (chargedOn < invoice.issueDate)
      throw invalid('charged_on', `is before the invoice date ${invoice.issueDate}`);
    const amount = parsePositiveAmount(input.amount, invoice.currency);
    const id = newId();
    await tx.insert(charges).values({
      tenantId: ctx.tenantId,
      id,
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      kind: input.kind,
      amount,
      currency: invoice.currency,
      chargedOn,
      reason: input.reason,
    });
    await postEntries(
      tx,
      ctx.tenantId,
      [
        {
          customerId: invoice.customerId,
          currency: invoice.currency,
          kind: 'charge',
          amount,
          effectiveOn: chargedOn,
          documentId: id,
          invoiceId: invoice.id,
          component: input.kind,
        },
      ],
      ctx.actor,
    );
    return {
      id,
      invoice_id: invoice.id,
      kind: input.kind,
      amount: moneyView(amount, invoice.currency),
      charged_on: chargedOn,
      reason: input.reason,
    };
  });
}

export const writeOffInput = z.object({
  amount: amountField.optional(),
  reason: z.string().min(1).max(1000),
  written_off_on: dateField.optional(),
});

/** Writes off part or all (the default) of an invoice's balance: fees first, then interest, then principal. */
export async function writeOff(ctx: Ctx, invoiceId: string, input: z.infer<typeof writeOffInput>) {
  const on = input.written_off_on ?? today(ctx);
  return withInvoice(ctx, invoiceId, on, 'written_off_on', async (tx, invoice) => {
    if (on < invoice.issueDate)
      throw invalid('written_off_on', `is before the invoice date ${invoice.issueDate}`);
    const amount = input.amount ? parsePositiveAmount(input.amount, invoice.currency) : invoice.balance;
    if (amount <= 0n)
      throw new RecoupError('rejected', 'nothing_to_write_off', `invoice ${invoice.number} has no balance`);
    if (amount > invoice.balance) {
      throw new RecoupError(
        'rejected',
        'write_off_exceeds_balance',
        `invoice ${invoice.number} owes less than that`,
        [{ path: 'amount', message: 'is more than the invoice balance' }],
      );
    }
    const id = newId();
    await tx.insert(writeOffs).values({
      tenantId: ctx.tenantId,
      id,
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      amount,
      currency: invoice.currency,
      writtenOffOn: on,
      reason: input.reason,
    });
    await postEntries(tx, ctx.tenantId, reduceComponents(invoice, amount, 'write_off', on, id), ctx.actor);
    return {
      id,
      invoice_id: invoice.id,
      amount: moneyView(amount, invoice.currency),
      written_off_on: on,
      reason: input.reason,
      invoice: invoiceView(await loadInvoice(tx, ctx.tenantId, invoice.id, on)),
    };
  });
}

export const voidInput = z.object({ reason: z.string().min(1).max(1000), voided_on: dateField.optional() });

/** Cancels an invoice nobody has paid or credited; the entry keeps the history. */
export async function voidInvoice(ctx: Ctx, invoiceId: string, input: z.infer<typeof voidInput>) {
  const on = input.voided_on ?? today(ctx);
  return withInvoice(ctx, invoiceId, on, 'voided_on', async (tx, invoice) => {
    const [moved] = await queryRows<{ n: number }>(
      tx,
      sql`SELECT COUNT(*)::int AS n FROM ledger_entries WHERE tenant_id = ${ctx.tenantId} AND invoice_id = ${invoice.id}
          AND kind IN ('allocation', 'write_off', 'discount')`,
    );
    if ((moved?.n ?? 0) > 0) {
      throw new RecoupError(
        'rejected',
        'invoice_has_money',
        `invoice ${invoice.number} has payments, credits or write-offs; credit it instead`,
      );
    }
    await postEntries(
      tx,
      ctx.tenantId,
      reduceComponents(invoice, invoice.balance, 'void', on, invoice.id),
      ctx.actor,
    );
    return invoiceView(await loadInvoice(tx, ctx.tenantId, invoice.id, on));
  });
}

function reduceComponents(
  invoice: InvoiceState,
  amount: bigint,
  kind: 'write_off' | 'void',
  on: string,
  documentId: string,
) {
  const entries: NewEntry[] = [];
  let left = amount;
  for (const component of COMPONENTS) {
    const take = invoice.owed[component] < left ? invoice.owed[component] : left;
    if (take <= 0n) continue;
    entries.push({
      customerId: invoice.customerId,
      currency: invoice.currency,
      kind,
      amount: take,
      effectiveOn: on,
      documentId,
      invoiceId: invoice.id,
      component,
    });
    left -= take;
  }
  return entries;
}

/** Loads the invoice as an adjustment dated `on` sees it, under the customer's ledger lock. */
async function withInvoice<T>(
  ctx: Ctx,
  invoiceId: string,
  on: string,
  datePath: string,
  work: (tx: Db, invoice: InvoiceState) => Promise<T>,
): Promise<T> {
  const now = today(ctx);
  return ctx.db.transaction(async (tx) => {
    const first = await loadInvoice(tx, ctx.tenantId, invoiceId, on > now ? on : now);
    await lockCustomer(tx, ctx.tenantId, first.customerId);
    const invoice = await loadInvoiceOn(tx, ctx.tenantId, invoiceId, on, now, datePath);
    if (invoice.voided)
      throw new RecoupError('rejected', 'invoice_void', `invoice ${invoice.number} is void`);
    return work(tx, invoice);
  });
}
