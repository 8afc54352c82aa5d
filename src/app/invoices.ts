import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, invalid, notFound } from '../domain/errors.js';
import { parsePositiveAmount, parseAmount } from '../domain/money.js';
import { dueDateFromTerms, type PaymentTerms } from '../domain/terms.js';
import { invoices } from '../store/schema.js';
import type { Db } from '../store/database.js';
import { pgArray } from '../store/sql-values.js';
import { newId, today, type Ctx } from './context.js';
import { amountField, currencyField, cursorField, dateField, idField, limitField } from './fields.js';
import { markForReview } from './collection-review.js';
import { resolveCustomer } from './customers.js';
import { loadInvoiceStates, type InvoiceState } from './ledger/invoice-state.js';
import { applyTotalsChanges, invoicesAdded } from './ledger/receivable-totals.js';
import { asOfDate } from './as-of.js';
import { decodeCursor, toPage } from './pagination.js';
import { invoiceView } from './views.js';

const termsInput = z.object({
  net_days: z.number().int().min(0).max(3650).optional(),
  end_of_month: z.boolean().optional(),
  discount_percent: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,4})?$/, { message: 'must be a percentage like "2" or "1.5"' })
    .optional(),
  discount_days: z.number().int().min(0).max(3650).optional(),
});

const lineInput = z.object({
  description: z.string().min(1),
  quantity: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .optional(),
  unit_price: amountField.optional(),
  amount: amountField,
});

export const invoiceInput = z
  .object({
    customer_id: idField.optional(),
    customer_external_id: z.string().min(1).optional(),
    number: z.string().trim().min(1).max(100),
    issue_date: dateField,
    due_date: dateField.optional(),
    currency: currencyField.optional(),
    total: amountField,
    terms: termsInput.optional(),
    lines: z.array(lineInput).optional(),
  })
  .refine((v) => v.customer_id !== undefined || v.customer_external_id !== undefined, {
    message: 'give customer_id or customer_external_id',
    path: ['customer_id'],
  });
export type InvoiceInput = z.infer<typeof invoiceInput>;

/** An invoice input checked against the rules and resolved to a row; throws with field paths. */
export interface ValidInvoice {
  customerId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  total: bigint;
  terms: PaymentTerms | null;
  lines: unknown;
}

export function validateInvoice(
  input: InvoiceInput,
  customer: { id: string; currency: string },
): ValidInvoice {
  const currency = input.currency ?? customer.currency;
  const terms = input.terms ? toTerms(input.terms) : null;
  const dueDate = input.due_date ?? (terms ? dueDateFromTerms(input.issue_date, terms) : null);
  if (!dueDate) throw invalid('due_date', 'is required unless terms.net_days gives it');
  if (dueDate < input.issue_date)
    throw invalid('due_date', `${dueDate} is before issue_date ${input.issue_date}`);
  if (terms?.discountPercent !== undefined && terms.discountDays === undefined) {
    throw invalid('terms.discount_days', 'is required with terms.discount_percent');
  }
  const total = parsePositiveAmount(input.total, currency, 'total');
  input.lines?.forEach((line, index) => {
    parseAmount(line.amount, currency, `lines[${index}].amount`);
    if (line.unit_price !== undefined) parseAmount(line.unit_price, currency, `lines[${index}].unit_price`);
  });
  return {
    customerId: customer.id,
    number: input.number,
    issueDate: input.issue_date,
    dueDate,
    currency,
    total,
    terms,
    lines: input.lines ?? null,
  };
}

function toTerms(input: z.infer<typeof termsInput>): PaymentTerms {
  return {
    ...(input.net_days !== undefined && { netDays: input.net_days }),
    ...(input.end_of_month !== undefined && { endOfMonth: input.end_of_month }),
    ...(input.discount_percent !== undefined && { discountPercent: input.discount_percent }),
    ...(input.discount_days !== undefined && { discountDays: input.discount_days }),
  };
}

export async function createInvoice(ctx: Ctx, input: InvoiceInput) {
  const customer = await resolveCustomer(ctx, input);
  const valid = validateInvoice(input, customer);
  const id = newId();
  const inserted = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .insert(invoices)
      .values({ tenantId: ctx.tenantId, id, ...valid, balance: valid.total })
      .onConflictDoNothing()
      .returning({ id: invoices.id });
    if (rows.length > 0) {
      await applyTotalsChanges(tx, ctx.tenantId, invoicesAdded([valid]));
      await markForReview(tx, ctx.tenantId, [customer.id]);
    }
    return rows;
  });
  if (inserted.length === 0) {
    throw new RecoupError('conflict', 'duplicate_invoice_number', `invoice number ${input.number} exists`, [
      { path: 'number', message: 'is already used by another invoice' },
    ]);
  }
  const asOf = [today(ctx), valid.issueDate].sort().at(-1)!;
  return invoiceView(await loadInvoice(ctx.db, ctx.tenantId, id, asOf));
}

export async function getInvoice(ctx: Ctx, id: string, asOfInput?: string) {
  const asOf = asOfDate(ctx, asOfInput);
  return { ...invoiceView(await loadInvoice(ctx.db, ctx.tenantId, id, asOf)), as_of: asOf };
}

export async function loadInvoice(db: Db, tenantId: string, id: string, asOf: string): Promise<InvoiceState> {
  const [state] = await loadInvoiceStates(db, tenantId, sql`i.id = ${id}`, asOf);
  if (state) return state;
  const [exists] = await db
    .select({ issueDate: invoices.issueDate })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)));
  if (exists) {
    throw new RecoupError(
      'not_found',
      'not_issued_yet',
      `invoice ${id} was issued on ${exists.issueDate}, after ${asOf}`,
    );
  }
  throw notFound('invoice', id);
}

export const listInvoicesQuery = z.object({
  customer_id: idField.optional(),
  number: z.string().optional(),
  status: z.enum(['open', 'partially_paid', 'paid', 'written_off', 'disputed', 'void', 'unpaid']).optional(),
  limit: limitField,
  cursor: cursorField,
});

/**
 * Lists invoices in creation order. `status` is derived (as of today), so candidates are read in
 * batches and checked; `unpaid` is shorthand for open + partially_paid.
 */
export async function listInvoices(ctx: Ctx, query: z.infer<typeof listInvoicesQuery>) {
  const asOf = today(ctx);
  const base: SQL[] = [eq(invoices.tenantId, ctx.tenantId)];
  if (query.customer_id) base.push(eq(invoices.customerId, query.customer_id));
  if (query.number !== undefined) base.push(eq(invoices.number, query.number));
  if (query.status === 'open' || query.status === 'partially_paid' || query.status === 'unpaid') {
    base.push(gt(invoices.balance, 0n));
  }
  const wanted = (state: InvoiceState) =>
    !query.status ||
    state.status === query.status ||
    (query.status === 'unpaid' && (state.status === 'open' || state.status === 'partially_paid'));
  const batchSize = Math.max(query.limit + 1, 200);
  const found: InvoiceState[] = [];
  let cursor = decodeCursor(query.cursor);
  while (found.length <= query.limit) {
    const batch = await ctx.db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(...base, ...(cursor ? [gt(invoices.id, cursor)] : [])))
      .orderBy(asc(invoices.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    const ids = batch.map((b) => b.id);
    const states = await loadInvoiceStates(
      ctx.db,
      ctx.tenantId,
      sql`i.id = ANY(${pgArray(ids)}::uuid[])`,
      asOf,
      {
        includeNotYetIssued: true,
      },
    );
    found.push(...states.sort((a, b) => (a.id < b.id ? -1 : 1)).filter(wanted));
    cursor = ids.at(-1)!;
    if (batch.length < batchSize) break;
  }
  return toPage(found, query.limit, invoiceView);
}
