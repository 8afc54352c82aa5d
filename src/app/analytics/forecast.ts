/**
 * `GET /reports/forecast`: cash expected in per week, from each open invoice's predicted
 * payment date (predictions.ts). Week 1 runs from the day after `as_of` for 7 days; what is
 * expected later than the last week is in `later`. Each invoice's balance counts once, in the
 * week of its expected date: a point forecast, not a probability-weighted one.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, daysBetween } from '../../domain/dates.js';
import type { Ctx } from '../context.js';
import { asOfDate } from '../as-of.js';
import { asOfField, currencyField } from '../fields.js';
import { loadOrganisation } from '../organisations.js';
import { moneyView } from '../views.js';
import { predictOpenInvoices } from './predictions.js';

export const forecastQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(52).default(13),
  as_of: asOfField.optional(),
  currency: currencyField.optional(),
});

export async function cashForecast(ctx: Ctx, query: z.infer<typeof forecastQuery>) {
  const asOf = asOfDate(ctx, query.as_of);
  const currency = query.currency ?? (await loadOrganisation(ctx.db, ctx.tenantId)).row.baseCurrency;
  const predictions = await predictOpenInvoices(ctx, asOf, sql`i.currency = ${currency}`);
  const weeks = Array.from({ length: query.weeks }, (_, w) => ({
    from: addDays(asOf, 7 * w + 1),
    to: addDays(asOf, 7 * w + 7),
    amount: 0n,
    invoices: 0,
  }));
  const later = { amount: 0n, invoices: 0 };
  for (const p of predictions) {
    const index = Math.floor((daysBetween(asOf, p.expected_payment_date) - 1) / 7);
    const slot = weeks[Math.max(0, index)] ?? later;
    slot.amount += p.invoice.balance;
    slot.invoices++;
  }
  const open = predictions.reduce((s, p) => s + p.invoice.balance, 0n);
  return {
    as_of: asOf,
    currency,
    open: moneyView(open, currency),
    weeks: weeks.map((w, i) => ({
      week: i + 1,
      from: w.from,
      to: w.to,
      expected: moneyView(w.amount, currency),
      invoices: w.invoices,
    })),
    later: { expected: moneyView(later.amount, currency), invoices: later.invoices },
  };
}
