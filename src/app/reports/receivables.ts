import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import { queryRows } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { cellsFromTotals } from './aging.js';
import { segmentFilter } from './segment-filter.js';

export interface Receivables {
  total: bigint;
  /** Not yet due on that date (due on it or later). */
  current: bigint;
  /** Due on or before the date. */
  due: bigint;
}

/**
 * Open receivables at the end of `date`. The whole organisation reads the aging report's running
 * totals (cheap for a recent date); a segment sums its invoices' entries effective by then.
 */
export async function receivablesOn(
  ctx: Ctx,
  currency: string,
  date: CalendarDate,
  segment?: string,
): Promise<Receivables> {
  if (!segment) {
    const result = { total: 0n, current: 0n, due: 0n };
    for (const cell of await cellsFromTotals(ctx, currency, date)) {
      const amount = toBigInt(cell.amount);
      result.total += amount;
      if (cell.due_date >= date) result.current += amount;
      if (cell.due_date <= date) result.due += amount;
    }
    return result;
  }
  const [row] = await queryRows<{ total: string | null; current: string | null; due: string | null }>(
    ctx.db,
    sql`SELECT SUM(b.balance)::text AS total, SUM(CASE WHEN b.due_date >= ${date} THEN b.balance END)::text AS current,
          SUM(CASE WHEN b.due_date <= ${date} THEN b.balance END)::text AS due
        FROM (
          SELECT i.due_date, i.total + COALESCE((SELECT SUM(CASE WHEN e.kind = 'charge' THEN e.amount ELSE -e.amount END)
            FROM ledger_entries e WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.effective_on <= ${date}), 0) AS balance
          FROM invoices i
          WHERE i.tenant_id = ${ctx.tenantId} AND i.currency = ${currency} AND i.issue_date <= ${date}
            AND ${segmentFilter(ctx.tenantId, sql`i.customer_id`, segment)}
        ) b`,
  );
  return { total: toBigInt(row?.total), current: toBigInt(row?.current), due: toBigInt(row?.due) };
}
