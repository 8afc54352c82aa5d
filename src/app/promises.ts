import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { localDate, type CalendarDate } from '../domain/dates.js';
import { invalid, notFound } from '../domain/errors.js';
import { parsePositiveAmount } from '../domain/money.js';
import { promiseDeadline, promiseStatus } from '../domain/promises.js';
import { promises } from '../store/schema.js';
import { queryRows, type Db } from '../store/database.js';
import { pgArray, toBigInt } from '../store/sql-values.js';
import { newId, type Ctx } from './context.js';
import { findCustomer } from './customers.js';
import {
  amountField,
  currencyField,
  cursorField,
  dateField,
  idField,
  instantField,
  limitField,
} from './fields.js';
import { asOfDate } from './as-of.js';
import { markForReview } from './collection-review.js';
import { decodeCursor, toPage } from './pagination.js';
import { moneyView } from './views.js';

export const promiseInput = z.object({
  customer_id: idField,
  amount: amountField,
  currency: currencyField,
  due_on: dateField,
  invoice_ids: z.array(idField).default([]),
  agreed_at: instantField.optional(),
  channel: z.enum(['phone', 'email', 'sms', 'letter', 'visit', 'portal']).optional(),
});

type PromiseRow = typeof promises.$inferSelect;

export async function createPromise(ctx: Ctx, input: z.infer<typeof promiseInput>) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, input.customer_id).catch(() => {
    throw invalid('customer_id', `no customer ${input.customer_id}`, 'unknown_customer');
  });
  const amount = parsePositiveAmount(input.amount, input.currency);
  const agreedAt = input.agreed_at ? new Date(input.agreed_at) : ctx.clock.now();
  const agreedOn = localDate(agreedAt, customer.timeZones[0] ?? ctx.timeZone);
  if (input.due_on < agreedOn) throw invalid('due_on', `is before the day it was agreed (${agreedOn})`);
  if (input.invoice_ids.length > 0) {
    const rows = await queryRows<{ id: string; currency: string }>(
      ctx.db,
      sql`SELECT id, currency FROM invoices WHERE tenant_id = ${ctx.tenantId} AND customer_id = ${customer.id}
            AND id = ANY(${pgArray(input.invoice_ids)}::uuid[])`,
    );
    input.invoice_ids.forEach((id, index) => {
      const found = rows.find((r) => r.id === id);
      if (!found)
        throw invalid(`invoice_ids.${index}`, `no invoice ${id} of this customer`, 'unknown_invoice');
      if (found.currency !== input.currency)
        throw invalid(`invoice_ids.${index}`, `is in ${found.currency}, the promise in ${input.currency}`);
    });
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(promises)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        customerId: customer.id,
        amount,
        currency: input.currency,
        dueOn: input.due_on,
        invoiceIds: input.invoice_ids,
        agreedAt,
        channel: input.channel ?? null,
        graceDays: ctx.settings.grace_days,
      })
      .returning();
    await markForReview(tx, ctx.tenantId, [customer.id]);
    return promiseView(row!, 0n, agreedOn);
  });
}

export async function getPromise(ctx: Ctx, id: string, asOfInput?: string) {
  const asOf = asOfDate(ctx, asOfInput);
  const [row] = await ctx.db
    .select()
    .from(promises)
    .where(and(eq(promises.tenantId, ctx.tenantId), eq(promises.id, id)));
  if (!row) throw notFound('promise', id);
  const [facts] = await promiseFacts(ctx.db, ctx.tenantId, sql`p.id = ${id}`, asOf);
  return promiseView(row, facts?.paid ?? 0n, asOf);
}

export const listPromisesQuery = z.object({
  customer_id: idField.optional(),
  limit: limitField,
  cursor: cursorField,
});

export async function listPromises(ctx: Ctx, query: z.infer<typeof listPromisesQuery>) {
  const asOf = asOfDate(ctx, undefined);
  const after = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(promises)
    .where(
      and(
        eq(promises.tenantId, ctx.tenantId),
        query.customer_id ? eq(promises.customerId, query.customer_id) : undefined,
        after ? gt(promises.id, after) : undefined,
      ),
    )
    .orderBy(asc(promises.id))
    .limit(query.limit + 1);
  const facts = await promiseFacts(
    ctx.db,
    ctx.tenantId,
    sql`p.id = ANY(${pgArray(rows.map((r) => r.id))}::uuid[])`,
    asOf,
  );
  return toPage(rows, query.limit, (row) =>
    promiseView(row, facts.find((f) => f.id === row.id)?.paid ?? 0n, asOf),
  );
}

export interface PromiseFacts {
  id: string;
  customerId: string;
  currency: string;
  amount: bigint;
  dueOn: CalendarDate;
  graceDays: number;
  invoiceIds: string[];
  /** Payments received from the day it was agreed through min(asOf, deadline). */
  paid: bigint;
}

/** Promises chosen by `where`, with what was paid toward them by `asOf`. */
export async function promiseFacts(db: Db, tenantId: string, where: SQL, asOf: CalendarDate) {
  const rows = await queryRows<
    Omit<PromiseFacts, 'amount' | 'paid'> & { amount: string; paid: string | null }
  >(
    db,
    sql`SELECT p.id, p.customer_id AS "customerId", p.currency, p.amount::text AS amount, p.due_on::text AS "dueOn",
          p.grace_days AS "graceDays", p.invoice_ids::text[] AS "invoiceIds",
          (SELECT SUM(e.amount) FROM ledger_entries e
            WHERE e.tenant_id = p.tenant_id AND e.customer_id = p.customer_id AND e.currency = p.currency
              AND e.kind = 'receipt' AND e.source_kind = 'payment'
              AND e.effective_on >= (p.agreed_at AT TIME ZONE 'UTC')::date - 1
              AND e.effective_on <= LEAST(p.due_on + p.grace_days, ${asOf}::date))::text AS paid
        FROM promises p WHERE p.tenant_id = ${tenantId} AND ${where}`,
  );
  return rows.map((r) => ({ ...r, amount: toBigInt(r.amount), paid: toBigInt(r.paid) }));
}

function promiseView(row: PromiseRow, paid: bigint, asOf: CalendarDate) {
  const terms = { amount: row.amount, dueOn: row.dueOn, graceDays: row.graceDays };
  return {
    id: row.id,
    customer_id: row.customerId,
    amount: moneyView(row.amount, row.currency),
    currency: row.currency,
    due_on: row.dueOn,
    invoice_ids: row.invoiceIds,
    agreed_at: row.agreedAt.toISOString(),
    channel: row.channel,
    grace_days: row.graceDays,
    kept_by: promiseDeadline(terms),
    paid: moneyView(paid < row.amount ? paid : row.amount, row.currency),
    status: promiseStatus(terms, paid, asOf),
    as_of: asOf,
  };
}
