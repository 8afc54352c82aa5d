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
import {
  creditSalesByMonth,
  creditSalesIn,
  disputesOpenedIn,
  fallingDueIn,
  invoicesPaidIn,
  movementsIn,
  promiseOutcomes,
  type Scope,
} from './kpi-facts.js';
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
  // One after another: a PGlite connection runs one query at a time anyway.
  const beginning = await receivablesOn(ctx, scope.currency, addDays(from, -1), scope.segment);
  const ending = await receivablesOn(ctx, scope.currency, to, scope.segment);
  const sales = await creditSalesIn(ctx, scope, from, to);
  const months = monthsBack(to, COUNT_BACK_MONTHS);
  const byMonth = await creditSalesByMonth(ctx, scope, `${months.at(-1)!.month}-01`, to);
  const paid = await invoicesPaidIn(ctx, scope, from, to);
  const moved = await movementsIn(ctx, scope, from, to);
  const fallingDue = await fallingDueIn(ctx, scope, from, to);
  const promises = await promiseOutcomes(ctx, scope, from, to);
  const disputes = await disputesOpenedIn(ctx, scope, from, to);

  const n = (v: bigint) => Number(v);
  const dso = kpi.standardDso(n(ending.total), n(sales.sales), days);
  const best = kpi.bestPossibleDso(n(ending.current), n(sales.sales), days);
  const dueInPeriod = beginning.total - beginning.current + fallingDue;
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
      beginningReceivables: n(beginning.total),
      creditSales: n(sales.sales),
      endingTotalReceivables: n(ending.total),
      endingCurrentReceivables: n(ending.current),
      months: kpi.monthsInPeriod(from, to, days),
    }),
    average_days_to_pay: kpi.averageDaysToPay(paid),
    average_days_to_pay_weighted: kpi.averageDaysToPayWeighted(paid),
    average_days_late: kpi.averageDaysLate(paid),
    percent_paid_late: kpi.percentPaidLate(paid),
    collection_rate: kpi.collectionRate(n(moved.collected), n(dueInPeriod)),
    write_off_ratio: kpi.writeOffRatio(n(moved.writtenOff), n(sales.sales)),
    promise_kept_rate: kpi.promiseKeptRate(promises.kept, promises.broken),
    dispute_rate: kpi.disputeRate(disputes, sales.count),
    figures: {
      beginning_receivables: money(beginning.total),
      ending_receivables: money(ending.total),
      ending_current_receivables: money(ending.current),
      credit_sales: money(sales.sales),
      invoices_issued: sales.count,
      invoices_paid: paid.length,
      collected: money(moved.collected),
      due_in_period: money(dueInPeriod),
      written_off: money(moved.writtenOff),
      promises_kept: promises.kept,
      promises_broken: promises.broken,
      disputes_opened: disputes,
    },
  };
}
