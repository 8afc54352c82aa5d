/**
 * `GET /reports/roll-rates`: month over month, the share of each aging bucket's balance that
 * moved on to a later bucket unpaid (domain/kpis/roll-rates.ts), from the ledger at month ends.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { agingBuckets } from '../../domain/aging.js';
import { addDays, endOfMonth, type CalendarDate } from '../../domain/dates.js';
import { invalid } from '../../domain/errors.js';
import { rollRates } from '../../domain/kpis/roll-rates.js';
import { queryRows } from '../../store/database.js';
import type { Ctx } from '../context.js';
import { currencyField, dateField } from '../fields.js';
import { loadOrganisation } from '../organisations.js';
import { moneyView } from '../views.js';

export const rollRatesQuery = z.object({
  from: dateField,
  to: dateField,
  currency: currencyField.optional(),
});

const MAX_MONTHS = 36;

export async function rollRatesReport(ctx: Ctx, query: z.infer<typeof rollRatesQuery>) {
  if (query.to < query.from) throw invalid('to', 'must not be before from');
  const currency = query.currency ?? (await loadOrganisation(ctx.db, ctx.tenantId)).row.baseCurrency;
  const buckets = agingBuckets();
  const months: { start: CalendarDate; end: CalendarDate }[] = [];
  // Each month of the period, from the end of the month before to its own end.
  for (let end = endOfMonth(query.from); end <= endOfMonth(query.to); end = endOfMonth(addDays(end, 1))) {
    months.push({ start: addDays(`${end.slice(0, 7)}-01`, -1), end: end > query.to ? query.to : end });
    if (months.length > MAX_MONTHS) throw invalid('to', `at most ${MAX_MONTHS} months`);
  }
  const data = [];
  for (const month of months) {
    const items = await itemBalances(ctx, currency, month.start, month.end);
    data.push({
      from: month.start,
      to: month.end,
      rates: rollRates(buckets, items, month.start, month.end).map((r) => ({
        ...r,
        opening: moneyView(BigInt(r.opening), currency),
        rolled: moneyView(BigInt(r.rolled), currency),
      })),
    });
  }
  return { currency, months: data };
}

/** Invoices open at `start`, with their balance then and at `end`. */
async function itemBalances(ctx: Ctx, currency: string, start: CalendarDate, end: CalendarDate) {
  const rows = await queryRows<{ due_date: string; before: string; after: string }>(
    ctx.db,
    sql`SELECT i.due_date::text AS due_date,
          (i.total + COALESCE(SUM(CASE WHEN e.effective_on <= ${start} THEN CASE WHEN e.kind = 'charge' THEN e.amount ELSE -e.amount END END), 0))::text AS before,
          (i.total + COALESCE(SUM(CASE WHEN e.kind = 'charge' THEN e.amount ELSE -e.amount END), 0))::text AS after
        FROM invoices i
        LEFT JOIN ledger_entries e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.effective_on <= ${end}
        WHERE i.tenant_id = ${ctx.tenantId} AND i.currency = ${currency} AND i.issue_date <= ${start}
          -- open now, or moved since the start: the only ones that can have been open then
          AND (i.balance > 0 OR EXISTS (SELECT 1 FROM ledger_entries x
            WHERE x.tenant_id = i.tenant_id AND x.invoice_id = i.id AND x.effective_on > ${start}))
        GROUP BY i.id, i.due_date, i.total`,
  );
  return rows.map((r) => ({ dueDate: r.due_date, before: Number(r.before), after: Number(r.after) }));
}
