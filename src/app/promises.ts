import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { localDate, type CalendarDate } from '../domain/dates.js';
import { RecoupError, invalid, notFound } from '../domain/errors.js';
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
import { queueConfirmation } from './engagement/confirmation.js';
import { recordEvents } from './events/record.js';
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
  /** Send the written confirmation (default true). */
  confirm: z.boolean().optional(),
});

export const cancelPromiseInput = z.object({
  cancelled_at: instantField.optional(),
  reason: z.string().max(1000).optional(),
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
    if (input.confirm ?? true)
      await queueConfirmation(tx, ctx, {
        customerId: customer.id,
        template: 'promise_confirmation',
        event: 'promise_agreed',
        subjectId: row!.id,
        invoiceIds: input.invoice_ids,
        channels: ['email', 'sms'],
        extra: { promise: { amount: moneyView(amount, input.currency), date: input.due_on } },
        today: agreedOn,
      });
    return promiseView(row!, 0n, agreedOn);
  });
}

/** Withdraws a promise (the debtor took it back, or it was recorded by mistake): it no longer holds. */
export async function cancelPromise(ctx: Ctx, id: string, input: z.infer<typeof cancelPromiseInput>) {
  const at = input.cancelled_at ? new Date(input.cancelled_at) : ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(promises)
      .where(and(eq(promises.tenantId, ctx.tenantId), eq(promises.id, id)));
    if (!row) throw notFound('promise', id);
    if (row.cancelledAt)
      throw new RecoupError('rejected', 'promise_cancelled', `promise ${id} was cancelled already`);
    if (at < row.agreedAt) throw invalid('cancelled_at', 'is before the promise was agreed');
    const on = asOfDate(ctx, at.toISOString());
    const [facts] = await promiseFacts(tx, ctx.tenantId, sql`p.id = ${id}`, on);
    if (promiseStatus({ ...row, cancelledOn: null }, facts?.paid ?? 0n, on) === 'kept')
      throw new RecoupError('rejected', 'promise_kept', `promise ${id} was kept; there is nothing to cancel`);
    const [cancelled] = await tx
      .update(promises)
      .set({ cancelledAt: at })
      .where(and(eq(promises.tenantId, ctx.tenantId), eq(promises.id, id)))
      .returning();
    await markForReview(tx, ctx.tenantId, [row.customerId]);
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'promise.cancelled',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'promise',
        subjectId: id,
        customerId: row.customerId,
        data: { cancelled_at: at.toISOString(), reason: input.reason ?? null },
      },
    ]);
    return promiseView(cancelled!, facts?.paid ?? 0n, on, on);
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
  return promiseView(row, facts?.paid ?? 0n, asOf, facts?.cancelledOn ?? null);
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
  return toPage(rows, query.limit, (row) => {
    const found = facts.find((f) => f.id === row.id);
    return promiseView(row, found?.paid ?? 0n, asOf, found?.cancelledOn ?? null);
  });
}

export interface PromiseFacts {
  id: string;
  customerId: string;
  currency: string;
  amount: bigint;
  dueOn: CalendarDate;
  graceDays: number;
  invoiceIds: string[];
  /** The day it was cancelled, in the customer's first time zone; null if never. */
  cancelledOn: CalendarDate | null;
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
          (p.cancelled_at AT TIME ZONE COALESCE((SELECT c.time_zones[1] FROM customers c
             WHERE c.tenant_id = p.tenant_id AND c.id = p.customer_id), 'UTC'))::date::text AS "cancelledOn",
          (SELECT SUM(e.amount) FROM ledger_entries e
            WHERE e.tenant_id = p.tenant_id AND e.customer_id = p.customer_id AND e.currency = p.currency
              AND e.kind = 'receipt' AND e.source_kind = 'payment'
              AND e.effective_on >= (p.agreed_at AT TIME ZONE 'UTC')::date - 1
              AND e.effective_on <= LEAST(p.due_on + p.grace_days, ${asOf}::date))::text AS paid
        FROM promises p WHERE p.tenant_id = ${tenantId} AND ${where}`,
  );
  return rows.map((r) => ({ ...r, amount: toBigInt(r.amount), paid: toBigInt(r.paid) }));
}

function promiseView(
  row: PromiseRow,
  paid: bigint,
  asOf: CalendarDate,
  cancelledOn: CalendarDate | null = null,
) {
  const terms = {
    amount: row.amount,
    dueOn: row.dueOn,
    graceDays: row.graceDays,
    cancelledOn,
  };
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
    cancelled_at: row.cancelledAt?.toISOString() ?? null,
    as_of: asOf,
  };
}
