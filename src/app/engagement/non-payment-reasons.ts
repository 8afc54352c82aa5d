/**
 * Why a customer says they have not paid: recorded by collectors (or the portal) against the
 * customer and, optionally, some invoices. The report counts reasons over a period, per reason
 * and per segment (the segment the runs last placed the customer in), to show where cash is stuck.
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { addDays } from '../../domain/dates.js';
import { invalid } from '../../domain/errors.js';
import { nonPaymentReasons } from '../../store/schema.js';
import { queryRows } from '../../store/database.js';
import { plainArray } from '../../store/sql-values.js';
import { newId, today, type Ctx } from '../context.js';
import { findCustomer } from '../customers.js';
import { recordEvents } from '../events/record.js';
import { cursorField, dateField, idField, instantField, limitField } from '../fields.js';
import { decodeCursor, toPage } from '../pagination.js';

export const NON_PAYMENT_REASONS = [
  'cash_flow',
  'dispute',
  'lost_invoice',
  'not_received',
  'wrong_amount',
  'awaiting_approval',
  'bankruptcy',
  'other',
] as const;

export const nonPaymentReasonInput = z.object({
  reason: z.enum(NON_PAYMENT_REASONS),
  note: z.string().max(5000).optional(),
  invoice_ids: z.array(idField).max(500).default([]),
  recorded_at: instantField.optional(),
  source: z.enum(['api', 'phone', 'email', 'letter', 'visit', 'portal']).default('api'),
});

export const listReasonsQuery = z.object({ limit: limitField, cursor: cursorField });

export const reasonReportQuery = z.object({ from: dateField.optional(), to: dateField.optional() });

type Row = typeof nonPaymentReasons.$inferSelect;

function reasonView(row: Row) {
  return {
    id: row.id,
    customer_id: row.customerId,
    reason: row.reason,
    note: row.note,
    invoice_ids: row.invoiceIds,
    source: row.source,
    recorded_at: row.recordedAt.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}

export async function recordNonPaymentReason(
  ctx: Ctx,
  customerId: string,
  input: z.infer<typeof nonPaymentReasonInput>,
) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  const recordedAt = input.recorded_at ? new Date(input.recorded_at) : ctx.clock.now();
  if (recordedAt > ctx.clock.now()) throw invalid('recorded_at', 'is in the future');
  if (input.invoice_ids.length) {
    const rows = await queryRows<{ id: string }>(
      ctx.db,
      sql`SELECT id FROM invoices WHERE tenant_id = ${ctx.tenantId} AND customer_id = ${customer.id}
            AND id = ANY(${plainArray(input.invoice_ids)}::uuid[])`,
    );
    input.invoice_ids.forEach((id, index) => {
      if (!rows.some((r) => r.id === id))
        throw invalid(`invoice_ids[${index}]`, `no invoice ${id} of this customer`, 'unknown_invoice');
    });
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(nonPaymentReasons)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        customerId: customer.id,
        invoiceIds: input.invoice_ids,
        reason: input.reason,
        note: input.note ?? null,
        source: input.source,
        recordedAt,
      })
      .returning();
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'non_payment_reason.recorded',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'non_payment_reason',
        subjectId: row!.id,
        customerId: customer.id,
        data: { reason: input.reason, invoice_ids: input.invoice_ids },
      },
    ]);
    return reasonView(row!);
  });
}

/** A customer's reasons, newest first. */
export async function listNonPaymentReasons(
  ctx: Ctx,
  customerId: string,
  query: z.infer<typeof listReasonsQuery>,
) {
  await findCustomer(ctx.db, ctx.tenantId, customerId);
  const before = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(nonPaymentReasons)
    .where(
      and(
        eq(nonPaymentReasons.tenantId, ctx.tenantId),
        eq(nonPaymentReasons.customerId, customerId),
        before ? lt(nonPaymentReasons.id, before) : undefined,
      ),
    )
    .orderBy(desc(nonPaymentReasons.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, reasonView);
}

/** Reasons recorded from `from` to `to` (both included, organisation's days; default: the last 30 days). */
export async function nonPaymentReasonReport(ctx: Ctx, query: z.infer<typeof reasonReportQuery>) {
  const to = query.to ?? today(ctx);
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw invalid('from', `is after to (${to})`);
  const rows = await queryRows<{
    reason: string;
    segment: string;
    count: string | number;
    customers: string | number;
  }>(
    ctx.db,
    sql`SELECT r.reason, COALESCE(s.segment, 'default') AS segment, COUNT(*) AS count,
          COUNT(DISTINCT r.customer_id) AS customers
        FROM non_payment_reasons r
        LEFT JOIN collection_states s ON s.tenant_id = r.tenant_id AND s.customer_id = r.customer_id
        WHERE r.tenant_id = ${ctx.tenantId}
          AND (r.recorded_at AT TIME ZONE ${ctx.timeZone})::date BETWEEN ${from}::date AND ${to}::date
        GROUP BY r.reason, COALESCE(s.segment, 'default')`,
  );
  const counted = rows.map((r) => ({ ...r, count: Number(r.count), customers: Number(r.customers) }));
  const segments = [...new Set(counted.map((r) => r.segment))].sort();
  const reasonsOf = (list: typeof counted) =>
    NON_PAYMENT_REASONS.map((reason) => ({
      reason,
      count: list.filter((r) => r.reason === reason).reduce((sum, r) => sum + r.count, 0),
    })).filter((r) => r.count > 0);
  return {
    from,
    to,
    count: counted.reduce((sum, r) => sum + r.count, 0),
    by_reason: NON_PAYMENT_REASONS.map((reason) => {
      const list = counted.filter((r) => r.reason === reason);
      return {
        reason,
        count: list.reduce((sum, r) => sum + r.count, 0),
        // A customer in two segments is counted in each: segments are rarely changed mid-period.
        customers: list.reduce((sum, r) => sum + r.customers, 0),
      };
    }),
    by_segment: segments.map((segment) => {
      const list = counted.filter((r) => r.segment === segment);
      return { segment, count: list.reduce((sum, r) => sum + r.count, 0), reasons: reasonsOf(list) };
    }),
  };
}
