/**
 * What the KPIs are computed from, read from the ledger as of the period's end: invoices by
 * issue date, entries by effective date, promises and disputes. Each query honours `segment`.
 */
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import type { PaymentSummary } from '../../domain/kpis/index.js';
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

/**
 * Invoices issued from `start` to `end` per calendar month (`YYYY-MM`): `gross` is every
 * invoice's total, `sales` nets off invoices voided (cancelled) in that month, as a credit note
 * would; `invoices` counts every invoice issued. Reads the issue-date index and the entries of
 * the range: no per-invoice lookups.
 */
export async function issuedByMonth(ctx: Ctx, scope: Scope, start: CalendarDate, end: CalendarDate) {
  const rows = await queryRows<{
    month: string;
    gross: string;
    voided: string;
    count: number;
    voids: number;
  }>(
    ctx.db,
    sql`SELECT month, SUM(gross)::text AS gross, SUM(voided)::text AS voided, SUM(count)::int AS count, SUM(voids)::int AS voids
        FROM (
          SELECT to_char(i.issue_date, 'YYYY-MM') AS month, SUM(i.total) AS gross, 0 AS voided, COUNT(*) AS count, 0 AS voids
          FROM invoices i
          WHERE i.tenant_id = ${ctx.tenantId} AND i.currency = ${scope.currency} AND i.issue_date BETWEEN ${start} AND ${end}
            AND ${segmentFilter(ctx.tenantId, sql`i.customer_id`, scope.segment)}
          GROUP BY 1
          UNION ALL
          SELECT to_char(e.effective_on, 'YYYY-MM'), 0, SUM(e.amount), 0, COUNT(DISTINCT e.invoice_id)
          FROM ledger_entries e
          WHERE e.tenant_id = ${ctx.tenantId} AND e.currency = ${scope.currency} AND e.kind = 'void'
            AND e.effective_on BETWEEN ${start} AND ${end}
            AND ${segmentFilter(ctx.tenantId, sql`e.customer_id`, scope.segment)}
          GROUP BY 1
        ) m
        GROUP BY month`,
  );
  return new Map(
    rows.map((r) => {
      const gross = toBigInt(r.gross);
      const sales = gross - toBigInt(r.voided);
      return [r.month, { gross, sales, count: r.count - r.voids, invoices: r.count }];
    }),
  );
}

/** The same over exactly [from, to], summed. */
export async function issuedIn(ctx: Ctx, scope: Scope, from: CalendarDate, to: CalendarDate) {
  const total = { gross: 0n, sales: 0n, count: 0 };
  for (const month of (await issuedByMonth(ctx, scope, from, to)).values()) {
    total.gross += month.gross;
    total.sales += month.sales;
    total.count += month.count;
  }
  return total;
}

/**
 * The period's entries on invoices, in one pass:
 * - `net` (charges up, everything else down) links beginning and ending receivables;
 * - `collected`: payments applied to items due by `to`; `reducedDue`: every reduction of them;
 * - `paid`: the sums behind days to pay and days late, over invoices paid in full in the period
 *   (an allocation or discount in it, balance zero at the end of `to` — today's balance with
 *   the later entries undone — and no write-off or void in it); the day paid is its last entry.
 */
export async function entriesIn(ctx: Ctx, scope: Scope, from: CalendarDate, to: CalendarDate) {
  const [row] = await queryRows<Record<string, string | null>>(
    ctx.db,
    sql`WITH period AS (
          SELECT invoice_id, MAX(effective_on) AS last_on,
            bool_or(kind IN ('allocation', 'discount')) AS paid, bool_or(kind IN ('write_off', 'void')) AS settled_otherwise,
            SUM(CASE WHEN kind = 'charge' THEN amount ELSE -amount END) AS net,
            SUM(CASE WHEN kind = 'allocation' AND source_kind = 'payment' THEN amount END) AS collected,
            SUM(CASE WHEN kind <> 'charge' THEN amount END) AS reduced,
            SUM(CASE WHEN kind = 'write_off' THEN amount END) AS written_off
          FROM ledger_entries e
          WHERE tenant_id = ${ctx.tenantId} AND currency = ${scope.currency} AND invoice_id IS NOT NULL
            AND effective_on BETWEEN ${from} AND ${to}
            AND ${segmentFilter(ctx.tenantId, sql`e.customer_id`, scope.segment)}
          GROUP BY invoice_id
        ),
        later AS (
          SELECT invoice_id, SUM(CASE WHEN kind = 'charge' THEN -amount ELSE amount END) AS undo
          FROM ledger_entries
          WHERE tenant_id = ${ctx.tenantId} AND currency = ${scope.currency} AND invoice_id IS NOT NULL AND effective_on > ${to}
          GROUP BY invoice_id
        ),
        items AS (
          SELECT p.*, i.issue_date, i.due_date, i.total,
            (p.paid AND NOT p.settled_otherwise AND i.balance + COALESCE(l.undo, 0) = 0) AS paid_in_full
          FROM period p
          JOIN invoices i ON i.tenant_id = ${ctx.tenantId} AND i.id = p.invoice_id
          LEFT JOIN later l ON l.invoice_id = p.invoice_id
        )
        SELECT SUM(net)::text AS net,
          SUM(collected) FILTER (WHERE due_date <= ${to})::text AS collected,
          SUM(reduced) FILTER (WHERE due_date <= ${to})::text AS reduced_due,
          SUM(written_off)::text AS written_off,
          COUNT(*) FILTER (WHERE paid_in_full)::text AS paid_count,
          SUM(last_on - issue_date) FILTER (WHERE paid_in_full)::text AS days_to_pay,
          SUM((last_on - issue_date)::numeric * total) FILTER (WHERE paid_in_full)::text AS weighted_days,
          SUM(total) FILTER (WHERE paid_in_full)::text AS paid_total,
          SUM(GREATEST(0, last_on - due_date)) FILTER (WHERE paid_in_full)::text AS days_late,
          COUNT(*) FILTER (WHERE paid_in_full AND last_on > due_date)::text AS paid_late
        FROM items`,
  );
  const num = (key: string) => Number(row?.[key] ?? 0);
  const paid: PaymentSummary = {
    count: num('paid_count'),
    daysToPay: num('days_to_pay'),
    weightedDaysToPay: num('weighted_days'),
    weight: num('paid_total'),
    daysLate: num('days_late'),
    paidLate: num('paid_late'),
  };
  return {
    net: toBigInt(row?.net),
    collected: toBigInt(row?.collected),
    reducedDue: toBigInt(row?.reduced_due),
    writtenOff: toBigInt(row?.written_off),
    paid,
  };
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
