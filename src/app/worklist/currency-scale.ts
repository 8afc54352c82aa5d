/**
 * Scores compare money across currencies, and Recoup keeps no exchange rates. A customer owing
 * ¥3.6M is not worth 180 times one owing £20k, so each currency is scaled to the organisation's
 * base currency by the ratio of their median invoice totals over the last year: an
 * organisation's invoices are about the same size in value whatever currency they are billed in.
 * A rough rate, but enough to rank; a currency with no invoices in the year, or a base currency
 * without any, counts at par.
 */
import { sql } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../domain/dates.js';
import { minorDigits } from '../../domain/currencies.js';
import { queryRows } from '../../store/database.js';
import type { Ctx } from '../context.js';

/** Per currency, the factor that turns one major unit into (roughly) base-currency units. */
export async function currencyScale(ctx: Ctx, asOf: CalendarDate): Promise<Map<string, number>> {
  const rows = await queryRows<{ currency: string; median: string; base: string }>(
    ctx.db,
    sql`SELECT i.currency, percentile_cont(0.5) WITHIN GROUP (ORDER BY i.total)::text AS median,
          o.base_currency AS base
        FROM invoices i JOIN organisations o ON o.tenant_id = i.tenant_id
        WHERE i.tenant_id = ${ctx.tenantId} AND i.issue_date > ${addDays(asOf, -365)}::date
          AND i.issue_date <= ${asOf}::date
        GROUP BY i.currency, o.base_currency`,
  );
  const medianMajor = new Map(
    rows.map((r) => [r.currency, Number(r.median) / 10 ** minorDigits(r.currency)] as const),
  );
  const base = rows[0]?.base;
  const baseMedian = base ? medianMajor.get(base) : undefined;
  const scale = new Map<string, number>();
  for (const [currency, median] of medianMajor)
    scale.set(currency, baseMedian && median > 0 ? baseMedian / median : 1);
  return scale;
}
