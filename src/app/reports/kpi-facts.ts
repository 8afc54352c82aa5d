/**
 * What the KPIs are computed from, read from the ledger as of the period's end: invoices by
 * issue date, entries by effective date, promises and disputes. Each query honours `segment`.
 */
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import type { PaidInvoice } from '../../domain/kpis/index.js';
import { promiseStatus } from '../../domain/promises.js';
import { queryRows } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { promiseFacts } from '../promises.js';
import { segmentFilter } from './segment-filter.js';

export interface Scope {
  currency: string;
  segment?: string;
}

/** Credit sales per calendar month (`YYYY-MM`) of invoices issued from `start` to `end`, voids left out. */
export async function creditSalesByMonth(ctx: Ctx, scope: Scope, start: CalendarDate, end: CalendarDate) {
  const rows = await queryRows<{ month: string; sales: string; count: number }>(
    ctx.db,
    sql`SELECT to_char(i.issue_date, 'YYYY-MM') AS month, SUM(i.total)::text AS sales, COUNT(*)::int AS count
        FROM invoices i
        WHERE i.tenant_id = ${ctx.tenantId} AND i.currency = ${scope.currency}
          AND i.issue_date BETWEEN ${start} AND ${end}
          AND ${segmentFilter(ctx.tenantId, sql`i.customer_id`, scope.segment)}
          AND NOT EXISTS (SELECT 1 FROM ledger_entries v WHERE v.tenant_id = i.tenant_id AND v.invoice_id = i.id
            AND v.kind = 'void' AND v.effective_on <= ${end})
        GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.month, { sales: toBigInt(r.sales), count: r.count }]));
}

/** Credit sales and count of invoices issued in the period exactly (the month map may cover more). */
export async function creditSalesIn(ctx: Ctx, scope: Scope, from: CalendarDate, to: CalendarDate) {
  const [row] = await queryRows<{ sales: string | null; count: number }>(
    ctx.db,
    sql`SELECT SUM(i.total)::text AS sales, COUNT(*)::int AS count FROM invoices i
        WHERE i.tenant_id = ${ctx.tenantId} AND i.currency = ${scope.currency} AND i.issue_date BETWEEN ${from} AND ${to}
          AND ${segmentFilter(ctx.tenantId, sql`i.customer_id`, scope.segment)}
          AND NOT EXISTS (SELECT 1 FROM ledger_entries v WHERE v.tenant_id = i.tenant_id AND v.invoice_id = i.id
            AND v.kind = 'void' AND v.effective_on <= ${to})`,
  );
  return { sales: toBigInt(row?.sales), count: row?.count ?? 0 };
}

/**
 * Invoices paid in full in the period: balance zero at the end of `to`, the last entry that
 * brought it there inside the period, and no write-off or void among them (not paid, settled).
 */
export async function invoicesPaidIn(
  ctx: Ctx,
  scope: Scope,
  from: CalendarDate,
  to: CalendarDate,
): Promise<PaidInvoice[]> {
  const rows = await queryRows<{ issue_date: string; due_date: string; paid_on: string; total: string }>(
    ctx.db,
    sql`WITH touched AS (
          SELECT DISTINCT invoice_id FROM ledger_entries
          WHERE tenant_id = ${ctx.tenantId} AND currency = ${scope.currency} AND invoice_id IS NOT NULL
            AND kind IN ('allocation', 'discount') AND effective_on BETWEEN ${from} AND ${to}
        )
        SELECT i.issue_date::text AS issue_date, i.due_date::text AS due_date, s.paid_on::text AS paid_on, i.total::text AS total
        FROM touched t
        JOIN invoices i ON i.tenant_id = ${ctx.tenantId} AND i.id = t.invoice_id
        JOIN LATERAL (
          SELECT MAX(e.effective_on) AS paid_on,
            SUM(CASE WHEN e.kind = 'charge' THEN e.amount ELSE -e.amount END) AS delta,
            bool_or(e.kind IN ('write_off', 'void')) AS settled_otherwise
          FROM ledger_entries e WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.effective_on <= ${to}
        ) s ON true
        WHERE i.total + s.delta = 0 AND NOT s.settled_otherwise AND s.paid_on >= ${from}
          AND ${segmentFilter(ctx.tenantId, sql`i.customer_id`, scope.segment)}`,
  );
  return rows.map((r) => ({
    issueDate: r.issue_date,
    dueDate: r.due_date,
    paidOn: r.paid_on,
    amount: Number(r.total),
  }));
}

/** Money moved in the period: payments applied to items due by `to`, and write-offs. */
export async function movementsIn(ctx: Ctx, scope: Scope, from: CalendarDate, to: CalendarDate) {
  const [row] = await queryRows<{ collected: string | null; written_off: string | null }>(
    ctx.db,
    sql`SELECT SUM(CASE WHEN e.kind = 'allocation' AND e.source_kind = 'payment' AND i.due_date <= ${to} THEN e.amount END)::text AS collected,
          SUM(CASE WHEN e.kind = 'write_off' THEN e.amount END)::text AS written_off
        FROM ledger_entries e JOIN invoices i ON i.tenant_id = e.tenant_id AND i.id = e.invoice_id
        WHERE e.tenant_id = ${ctx.tenantId} AND e.currency = ${scope.currency}
          AND e.kind IN ('allocation', 'write_off') AND e.effective_on BETWEEN ${from} AND ${to}
          AND ${segmentFilter(ctx.tenantId, sql`e.customer_id`, scope.segment)}`,
  );
  return { collected: toBigInt(row?.collected), writtenOff: toBigInt(row?.written_off) };
}

/** The original amounts of items falling due inside the period (what became collectable in it). */
export async function fallingDueIn(ctx: Ctx, scope: Scope, from: CalendarDate, to: CalendarDate) {
  const [row] = await queryRows<{ amount: string | null }>(
    ctx.db,
    sql`SELECT SUM(i.total)::text AS amount FROM invoices i
        WHERE i.tenant_id = ${ctx.tenantId} AND i.currency = ${scope.currency} AND i.due_date BETWEEN ${from} AND ${to}
          AND i.issue_date <= ${to}
          AND ${segmentFilter(ctx.tenantId, sql`i.customer_id`, scope.segment)}`,
  );
  return toBigInt(row?.amount);
}

/** Promises whose deadline (date + grace) fell in the period, judged at its end. */
export async function promiseOutcomes(ctx: Ctx, scope: Scope, from: CalendarDate, to: CalendarDate) {
  const facts = await promiseFacts(
    ctx.db,
    ctx.tenantId,
    sql`p.currency = ${scope.currency} AND p.due_on + p.grace_days BETWEEN ${from}::date AND ${to}::date
        AND ${segmentFilter(ctx.tenantId, sql`p.customer_id`, scope.segment)}`,
    to,
  );
  let kept = 0;
  let broken = 0;
  for (const promise of facts) {
    const status = promiseStatus(promise, promise.paid, to);
    if (status === 'kept') kept++;
    else if (status === 'broken') broken++;
  }
  return { kept, broken };
}

/** Disputes opened in the period on invoices in the currency. */
export async function disputesOpenedIn(ctx: Ctx, scope: Scope, from: CalendarDate, to: CalendarDate) {
  const [row] = await queryRows<{ count: number }>(
    ctx.db,
    sql`SELECT COUNT(*)::int AS count FROM disputes d JOIN invoices i ON i.tenant_id = d.tenant_id AND i.id = d.invoice_id
        WHERE d.tenant_id = ${ctx.tenantId} AND i.currency = ${scope.currency}
          AND d.opened_at >= ${from}::date AND d.opened_at < ${to}::date + 1
          AND ${segmentFilter(ctx.tenantId, sql`d.customer_id`, scope.segment)}`,
  );
  return row?.count ?? 0;
}
