/**
 * Credit sales per month (`issuedByMonth`) kept in `kpi_issued_months`, one row per month or
 * the part of it a period covers. A row is exact while the range's invoice count is unchanged
 * (invoices are inserted, never deleted, and their issue date, currency and total never change:
 * the same count is the same invoices) and no `ledger.posted` event after its `audit_seq` voids
 * something effective in the range (seq order is commit order: see kpi-cache.ts). Counting a
 * month's invoices reads the issue-date index only; summing their totals reads every row.
 */
import { sql } from 'drizzle-orm';
import { addDays, endOfMonth, type CalendarDate } from '../../domain/dates.js';
import { queryRows } from '../../store/database.js';
import { pgArray, toBigInt } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { issuedByMonth, type Scope } from './kpi-facts.js';

export interface IssuedMonth {
  gross: bigint;
  sales: bigint;
  count: number;
}

interface PieceState {
  f: CalendarDate;
  t: CalendarDate;
  head: string;
  gross: string | null;
  sales: string | null;
  count: number | null;
  audit_seq: string | null;
  stale: boolean;
}

/** `issuedByMonth` over [start, end], start the first of a month; segments are read live. */
export async function cachedIssuedByMonth(
  ctx: Ctx,
  scope: Scope,
  start: CalendarDate,
  end: CalendarDate,
): Promise<Map<string, IssuedMonth>> {
  if (scope.segment) return issuedByMonth(ctx, scope, start, end);
  const pieces = monthPieces(start, end);
  if (pieces.length === 0) return new Map();
  const states = await queryRows<PieceState>(
    ctx.db,
    sql`WITH pieces AS (
          SELECT * FROM unnest(${pgArray(pieces.map((p) => p.from))}::date[], ${pgArray(pieces.map((p) => p.to))}::date[]) AS p(f, t)
        ),
        head AS (SELECT COALESCE((SELECT seq FROM audit_heads WHERE tenant_id = ${ctx.tenantId}), 0) AS seq)
        SELECT p.f::text AS f, p.t::text AS t, head.seq::text AS head, c.gross::text AS gross, c.sales::text AS sales,
          c.count, c.audit_seq::text AS audit_seq,
          (c.tenant_id IS NULL
            OR c.invoices <> (SELECT COUNT(*) FROM invoices i WHERE i.tenant_id = ${ctx.tenantId}
                              AND i.currency = ${scope.currency} AND i.issue_date BETWEEN p.f AND p.t)
            OR EXISTS (
              SELECT 1 FROM audit_log a
              WHERE a.tenant_id = ${ctx.tenantId} AND a.seq > c.audit_seq AND a.seq <= head.seq AND a.kind = 'ledger.posted'
                AND EXISTS (SELECT 1 FROM jsonb_array_elements(a.data -> 'entries') e
                            WHERE e ->> 'kind' = 'void' AND e ->> 'currency' = ${scope.currency}
                              AND (e ->> 'effective_on')::date BETWEEN p.f AND p.t))) AS stale
        FROM pieces p CROSS JOIN head
        LEFT JOIN kpi_issued_months c ON c.tenant_id = ${ctx.tenantId} AND c.currency = ${scope.currency}
          AND c.period_from = p.f AND c.period_to = p.t`,
  );
  const head = Number(states[0]!.head);
  const result = new Map<string, IssuedMonth>();
  const fresh: PieceState[] = [];
  await Promise.all(
    states.map(async (state) => {
      const month = state.f.slice(0, 7);
      if (!state.stale) {
        fresh.push(state);
        result.set(month, {
          gross: toBigInt(state.gross),
          sales: toBigInt(state.sales),
          count: state.count!,
        });
        return;
      }
      // Read after the head above, so it holds at least every posting up to it.
      const read = (await issuedByMonth(ctx, scope, state.f, state.t)).get(month);
      const row = read ?? { gross: 0n, sales: 0n, count: 0, invoices: 0 };
      result.set(month, { gross: row.gross, sales: row.sales, count: row.count });
      await ctx.db.execute(
        sql`INSERT INTO kpi_issued_months (tenant_id, currency, period_from, period_to, gross, sales, count, invoices, audit_seq)
            VALUES (${ctx.tenantId}, ${scope.currency}, ${state.f}, ${state.t}, ${row.gross}, ${row.sales}, ${row.count}, ${row.invoices}, ${head})
            ON CONFLICT (tenant_id, currency, period_from, period_to) DO UPDATE
              SET gross = excluded.gross, sales = excluded.sales, count = excluded.count, invoices = excluded.invoices,
                audit_seq = excluded.audit_seq, computed_at = now()
              WHERE kpi_issued_months.audit_seq <= excluded.audit_seq`,
      );
    }),
  );
  // Nothing voided in them up to the head: their next check starts there.
  const behind = fresh.filter((s) => Number(s.audit_seq) < head);
  if (behind.length > 0)
    await ctx.db.execute(
      sql`UPDATE kpi_issued_months SET audit_seq = ${head}
          WHERE tenant_id = ${ctx.tenantId} AND currency = ${scope.currency} AND audit_seq < ${head}
            AND (period_from, period_to) IN (SELECT * FROM unnest(${pgArray(behind.map((s) => s.f))}::date[], ${pgArray(behind.map((s) => s.t))}::date[]))`,
    );
  return result;
}

/** [start, end] cut at month ends. */
function monthPieces(start: CalendarDate, end: CalendarDate) {
  const pieces: { from: CalendarDate; to: CalendarDate }[] = [];
  for (let from = start; from <= end; from = addDays(endOfMonth(from), 1)) {
    const monthEnd = endOfMonth(from);
    pieces.push({ from, to: monthEnd < end ? monthEnd : end });
  }
  return pieces;
}
