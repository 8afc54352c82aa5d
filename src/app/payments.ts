import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, invalid, notFound } from '../domain/errors.js';
import { allocateExplicitly } from '../domain/ledger/allocate.js';
import { formatAmount, parsePositiveAmount } from '../domain/money.js';
import { payments } from '../store/schema.js';
import { queryRows, type Db } from '../store/database.js';
import { pgArray, toBigInt } from '../store/sql-values.js';
import { today, type Ctx } from './context.js';
import { amountField, currencyField, cursorField, dateField, idField, limitField } from './fields.js';
import { findCustomer, resolveCustomer } from './customers.js';
import { lockCustomer, postEntries, type NewEntry, type SourceKind } from './ledger/entries.js';
import { loadOpenItems } from './ledger/open-items.js';
import { allocationEntries } from './ledger/allocation-entries.js';
import { postPayment } from './ledger/post-payment.js';
import { decodeCursor, toPage } from './pagination.js';
import { moneyView } from './views.js';

export const paymentInput = z
  .object({
    customer_id: idField.optional(),
    customer_external_id: z.string().min(1).optional(),
    amount: amountField,
    currency: currencyField,
    received_on: dateField,
    method: z.string().max(50).nullish(),
    reference: z.string().max(500).nullish(),
    allocations: z.array(z.object({ invoice_id: idField, amount: amountField })).optional(),
  })
  .refine((v) => v.customer_id !== undefined || v.customer_external_id !== undefined, {
    message: 'give customer_id or customer_external_id',
    path: ['customer_id'],
  });
export type PaymentInput = z.infer<typeof paymentInput>;

/**
 * Records money received and applies it: explicit allocations exactly as given, otherwise by the
 * organisation's policy (fees, interest, principal; oldest due first; never a disputed item).
 * What is not applied stays on account.
 */
export async function recordPayment(ctx: Ctx, input: PaymentInput) {
  const customer = await resolveCustomer(ctx, input);
  const amount = parsePositiveAmount(input.amount, input.currency);
  const instructions = input.allocations?.map((a, index) => ({
    invoiceId: a.invoice_id,
    amount: parsePositiveAmount(a.amount, input.currency, `allocations[${index}].amount`),
  }));
  const id = await ctx.db.transaction((tx) =>
    postPayment(tx, ctx, {
      customerId: customer.id,
      amount,
      currency: input.currency,
      receivedOn: input.received_on,
      method: input.method ?? null,
      reference: input.reference ?? null,
      instructions,
    }),
  );
  return getPayment(ctx, id);
}

export async function getPayment(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, ctx.tenantId), eq(payments.id, id)));
  if (!row) throw notFound('payment', id);
  const [view] = await paymentViews(ctx.db, ctx.tenantId, [row]);
  return view!;
}

export const listPaymentsQuery = z.object({
  customer_id: idField.optional(),
  limit: limitField,
  cursor: cursorField,
});

export async function listPayments(ctx: Ctx, query: z.infer<typeof listPaymentsQuery>) {
  const after = decodeCursor(query.cursor);
  const conditions: SQL[] = [eq(payments.tenantId, ctx.tenantId)];
  if (query.customer_id) conditions.push(eq(payments.customerId, query.customer_id));
  if (after) conditions.push(gt(payments.id, after));
  const rows = await ctx.db
    .select()
    .from(payments)
    .where(and(...conditions))
    .orderBy(asc(payments.id))
    .limit(query.limit + 1);
  const views = await paymentViews(ctx.db, ctx.tenantId, rows.slice(0, query.limit));
  return toPage(rows, query.limit, (row) => views.find((v) => v.id === row.id)!);
}

type PaymentRow = typeof payments.$inferSelect;

async function paymentViews(db: Db, tenantId: string, rows: PaymentRow[]) {
  if (rows.length === 0) return [];
  const entries = await queryRows<{
    source_id: string;
    invoice_id: string | null;
    kind: string;
    amount: string;
  }>(
    db,
    sql`SELECT source_id, invoice_id, kind, SUM(amount)::text AS amount FROM ledger_entries
        WHERE tenant_id = ${tenantId} AND source_id = ANY(${pgArray(rows.map((r) => r.id))}::uuid[])
        GROUP BY source_id, invoice_id, kind ORDER BY invoice_id`,
  );
  return rows.map((row) => {
    const mine = entries.filter((e) => e.source_id === row.id && e.kind === 'allocation');
    const allocated = mine.reduce((sum, e) => sum + toBigInt(e.amount), 0n);
    return {
      id: row.id,
      customer_id: row.customerId,
      amount: moneyView(row.amount, row.currency),
      currency: row.currency,
      received_on: row.receivedOn,
      method: row.method,
      reference: row.reference,
      allocations: mine.map((e) => ({
        invoice_id: e.invoice_id!,
        amount: moneyView(toBigInt(e.amount), row.currency),
      })),
      unapplied: moneyView(row.amount - allocated, row.currency),
      created_at: row.createdAt.toISOString(),
    };
  });
}

export const applyCreditInput = z.object({ invoice_id: idField, amount: amountField.optional() });

/**
 * Applies a customer's on-account money (unapplied payments, credit-note surpluses) to one
 * invoice, oldest source first, effective today. Without `amount`, as much as both allow.
 */
export async function applyCredit(ctx: Ctx, customerId: string, input: z.infer<typeof applyCreditInput>) {
  await findCustomer(ctx.db, ctx.tenantId, customerId);
  const on = today(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockCustomer(tx, ctx.tenantId, customerId);
    const item = await openItemOf(tx, ctx.tenantId, customerId, input.invoice_id, on);
    if (!item) throw invalid('invoice_id', 'is not an open invoice of this customer', 'not_open');
    const sources = await unappliedSources(tx, ctx.tenantId, customerId, item.currency);
    const available = sources.reduce((sum, s) => sum + s.unapplied, 0n);
    const owed = item.item.owed.fee + item.item.owed.interest + item.item.owed.principal;
    const amount = input.amount
      ? parsePositiveAmount(input.amount, item.currency)
      : available < owed
        ? available
        : owed;
    if (amount <= 0n)
      throw new RecoupError('rejected', 'no_credit', `the customer has no ${item.currency} on account`);
    if (amount > available) {
      throw new RecoupError(
        'rejected',
        'insufficient_credit',
        `only ${formatAmount(available, item.currency)} ${item.currency} is on account`,
        [{ path: 'amount', message: 'is more than the customer has on account' }],
      );
    }
    let left = amount;
    const entries: NewEntry[] = [];
    for (const source of sources) {
      if (left === 0n) break;
      const take = source.unapplied < left ? source.unapplied : left;
      const result = allocateExplicitly(
        [{ ...item.item, discountAvailable: 0n }],
        take,
        [{ invoiceId: item.item.invoiceId, amount: take }],
        ctx.settings.allocation,
      );
      entries.push(
        ...allocationEntries(result, {
          customerId,
          currency: item.currency,
          effectiveOn: on,
          documentId: source.sourceId,
          sourceKind: source.sourceKind,
          sourceId: source.sourceId,
        }),
      );
      for (const line of result.lines) item.item.owed[line.component] -= line.amount;
      left -= take;
    }
    await postEntries(tx, ctx.tenantId, entries, ctx.actor);
    return { invoice_id: input.invoice_id, applied: moneyView(amount, item.currency) };
  });
}

/** One open invoice of a customer as money applied `on` sees it, with its currency; null if not open. */
async function openItemOf(tx: Db, tenantId: string, customerId: string, invoiceId: string, on: string) {
  const [invoice] = await queryRows<{ currency: string }>(
    tx,
    sql`SELECT currency FROM invoices WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND id = ${invoiceId}`,
  );
  if (!invoice) return null;
  const items = await loadOpenItems(tx, tenantId, customerId, invoice.currency, on, on);
  const item = items.find((i) => i.invoiceId === invoiceId);
  return item ? { item, currency: invoice.currency } : null;
}

/** Payments and credit notes with money not yet applied, oldest first. */
export async function unappliedSources(db: Db, tenantId: string, customerId: string, currency: string) {
  const rows = await queryRows<{ source_id: string; source_kind: SourceKind; unapplied: string }>(
    db,
    sql`SELECT source_id, MIN(source_kind) AS source_kind,
          SUM(CASE WHEN kind = 'receipt' THEN amount WHEN kind = 'allocation' THEN -amount ELSE 0 END)::text AS unapplied
        FROM ledger_entries
        WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND currency = ${currency} AND source_id IS NOT NULL
        GROUP BY source_id
        HAVING SUM(CASE WHEN kind = 'receipt' THEN amount WHEN kind = 'allocation' THEN -amount ELSE 0 END) > 0
        ORDER BY MIN(effective_on), source_id`,
  );
  return rows.map((r) => ({
    sourceId: r.source_id,
    sourceKind: r.source_kind,
    unapplied: toBigInt(r.unapplied),
  }));
}
