/**
 * `GET /reports/kpis`: the collection KPIs of a period (DOMAIN.md, docs/analytics.md), computed
 * from the ledger as of the period's end, in one currency, optionally for one segment and
 * broken down by month or quarter.
 */
import { z } from 'zod';
import { addDays, daysBetween, type CalendarDate } from '../../domain/dates.js';
import { invalid } from '../../domain/errors.js';
import * as kpi from '../../domain/kpis/index.js';
import type { Ctx } from '../context.js';
import { currencyField, dateField } from '../fields.js';
import { loadOrganisation } from '../organisations.js';
import { moneyView } from '../views.js';
import { cachedEntriesIn } from './kpi-cache.js';
import { disputesOpenedIn, issuedIn, promiseOutcomes, type Scope } from './kpi-facts.js';
import { cachedIssuedByMonth } from './kpi-issued-cache.js';
import { monthsBack, splitPeriod } from './periods.js';
import { receivablesOn } from './receivables.js';

export const kpiQuery = z.object({
  from: dateField,
  to: dateField,
  currency: currencyField.optional(),
  segment: z.string().min(1).max(100).optional(),
  period: z.enum(['month', 'quarter']).optional(),
});

/** Count-back DSO looks back at most this many months for sales to exhaust the receivables. */
const COUNT_BACK_MONTHS = 24;
/** Months read with the other figures; more only when they do not exhaust the receivables. */
const COUNT_BACK_FIRST = 4;
const MAX_PERIOD_DAYS = 3 * 366;

export async function kpiReport(ctx: Ctx, query: z.infer<typeof kpiQuery>) {
  if (query.to < query.from) throw invalid('to', 'must not be before from');
  if (daysBetween(query.from, query.to) >= MAX_PERIOD_DAYS)
    throw invalid('to', 'period is longer than 3 years');
  const currency = query.currency ?? (await loadOrganisation(ctx.db, ctx.tenantId)).row.baseCurrency;
  const scope: Scope = { currency, segment: query.segment };
  const whole = await periodKpis(ctx, scope, query.from, query.to);
  const periods = query.period
    ? await Promise.all(
        splitPeriod(query.from, query.to, query.period).map((p) => periodKpis(ctx, scope, p.from, p.to)),
      )
    : undefined;
  return { currency, segment: query.segment ?? null, ...whole, ...(periods && { periods }) };
}

async function periodKpis(ctx: Ctx, scope: Scope, from: CalendarDate, to: CalendarDate) {
  const days = daysBetween(from, to) + 1;
  const months = monthsBack(to, COUNT_BACK_MONTHS);
  // Monthly sales for count-back, from the period's first month or four months back if earlier.
  const recentStart = [`${months[COUNT_BACK_FIRST - 1]!.month}-01`, `${from.slice(0, 7)}-01`].sort()[0]!;
  // Independent reads: on PostgreSQL they run side by side on the pool; PGlite queues them.
  const [ending, recent, moved, promises, disputes] = await Promise.all([
    receivablesOn(ctx, scope.currency, to, scope.segment),
    cachedIssuedByMonth(ctx, scope, recentStart, to),
    cachedEntriesIn(ctx, scope, from, to),
    promiseOutcomes(ctx, scope, from, to),
    disputesOpenedIn(ctx, scope, from, to),
  ]);
  // A period of whole months (the usual dashboard) reads its sales from the months already read.
  const issued = from.endsWith('-01')
    ? sumMonths(recent, from.slice(0, 7))
    : await issuedIn(ctx, scope, from, to);
  const n = (v: bigint) => Number(v);
  const sales = { sales: issued.sales, count: issued.count };
  // Receivables at the start, from the end: what was issued and moved in the period undone.
  const beginningTotal = ending.total - issued.gross - moved.net;
  // What could be collected in the period: items due by its end, open at the end or reduced in it.
  const dueInPeriod = ending.due + moved.reducedDue;
  const byMonth = await salesToExhaust(ctx, scope, months, recent, ending.total);
  const dso = kpi.standardDso(n(ending.total), n(sales.sales), days);
  const best = kpi.bestPossibleDso(n(ending.current), n(sales.sales), days);
  const money = (v: bigint) => moneyView(v, scope.currency);
  return {
    from,
    to,
    days,
    dso,
    dso_countback: kpi.countBackDso(
      n(ending.total),
      months.map((m) => ({ sales: n(byMonth.get(m.month)?.sales ?? 0n), days: m.days })),
    ),
    best_possible_dso: best,
    average_days_delinquent: kpi.averageDaysDelinquent(dso, best),
    cei: kpi.collectionEffectivenessIndex({
      beginningReceivables: n(beginningTotal),
      creditSales: n(sales.sales),
      endingTotalReceivables: n(ending.total),
      endingCurrentReceivables: n(ending.current),
      months: kpi.monthsInPeriod(from, to, days),
    }),
    ...kpi.paymentTimes(moved.paid),
    collection_rate: kpi.collectionRate(n(moved.collected), n(dueInPeriod)),
    write_off_ratio: kpi.writeOffRatio(n(moved.writtenOff), n(sales.sales)),
    promise_kept_rate: kpi.promiseKeptRate(promises.kept, promises.broken),
    dispute_rate: kpi.disputeRate(disputes, sales.count),
    figures: {
      beginning_receivables: money(beginningTotal),
      ending_receivables: money(ending.total),
      ending_current_receivables: money(ending.current),
      credit_sales: money(sales.sales),
      invoices_issued: sales.count,
      invoices_paid: moved.paid.count,
      collected: money(moved.collected),
      due_in_period: money(dueInPeriod),
      written_off: money(moved.writtenOff),
      promises_kept: promises.kept,
      promises_broken: promises.broken,
      disputes_opened: disputes,
    },
  };
}

/** Monthly sales going back until they cover the receivables, reading further back only if needed. */
async function salesToExhaust(
  ctx: Ctx,
  scope: Scope,
  months: { month: string; days: number }[],
  recent: Map<string, { sales: bigint }>,
  receivables: bigint,
) {
  const covered = months
    .slice(0, COUNT_BACK_FIRST)
    .reduce((s, m) => s + (recent.get(m.month)?.sales ?? 0n), 0n);
  if (covered >= receivables) return recent;
  const older = await cachedIssuedByMonth(
    ctx,
    scope,
    `${months.at(-1)!.month}-01`,
    addDays(`${months[COUNT_BACK_FIRST - 1]!.month}-01`, -1),
  );
  return new Map([...recent, ...older]);
}

function sumMonths(byMonth: Map<string, { gross: bigint; sales: bigint; count: number }>, fromMonth: string) {
  const total = { gross: 0n, sales: 0n, count: 0 };
  for (const [month, m] of byMonth)
    if (month >= fromMonth) {
      total.gross += m.gross;
      total.sales += m.sales;
      total.count += m.count;
    }
  return total;
}
