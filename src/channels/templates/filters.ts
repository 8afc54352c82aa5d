import type { Liquid } from 'liquidjs';
import { addDays, isCalendarDate } from '../../domain/dates.js';
import { formatDate, type DateStyle } from '../format/dates.js';
import { formatMoney, formatMoneyList } from '../format/money.js';
import type { MoneyFigure } from '../message.js';

/** What Liquid binds `this` to in a filter (liquidjs does not export the type). */
interface FilterImpl {
  context: { getSync(paths: PropertyKey[]): unknown };
}

/** The locale every filter formats for: set by the renderer in the template scope. */
function localeOf(filter: FilterImpl): string {
  const locale = filter.context.getSync(['locale']);
  return typeof locale === 'string' ? locale : 'en';
}

function asFigure(value: unknown): MoneyFigure {
  const figure = value as Partial<MoneyFigure> | null;
  if (!figure || typeof figure.amount !== 'string' || typeof figure.currency !== 'string') {
    throw new TypeError('money expects an amount with a currency, like item.balance or fee');
  }
  return { amount: figure.amount, currency: figure.currency };
}

function asDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new TypeError(`expected a calendar date (YYYY-MM-DD), got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * The filters Recoup adds to Liquid. All are pure formatting of the data they are given:
 *
 * - `money`: `{{ item.balance | money }}` → "€1,234.56" (the customer's locale)
 * - `money_list`: `{{ totals | money_list }}` → "€1,200.00 and $300.00"
 * - `date_long`, `date_medium`, `date_short`: `{{ item.due_date | date_medium }}` → "May 31, 2024"
 * - `add_days`: `{{ as_of | add_days: 35 | date_long }}` (calendar arithmetic on YYYY-MM-DD)
 * - `pad_end`, `pad_start`: `{{ item.number | pad_end: 14 }}`, for plain-text columns
 */
export function registerFilters(liquid: Liquid): void {
  liquid.registerFilter('money', function (this: FilterImpl, value: unknown) {
    return formatMoney(asFigure(value), localeOf(this));
  });
  liquid.registerFilter('money_list', function (this: FilterImpl, value: unknown) {
    if (!Array.isArray(value)) throw new TypeError('money_list expects a list of amounts, like totals');
    return formatMoneyList(value.map(asFigure), localeOf(this));
  });
  for (const style of ['long', 'medium', 'short'] as DateStyle[]) {
    liquid.registerFilter(`date_${style}`, function (this: FilterImpl, value: unknown) {
      return formatDate(asDate(value), localeOf(this), style);
    });
  }
  liquid.registerFilter('add_days', (value: unknown, days: unknown) => {
    if (typeof days !== 'number' || !Number.isInteger(days))
      throw new TypeError('add_days expects whole days');
    return addDays(asDate(value), days);
  });
  liquid.registerFilter('pad_end', (value: unknown, width: unknown) => String(value).padEnd(Number(width)));
  liquid.registerFilter('pad_start', (value: unknown, width: unknown) =>
    String(value).padStart(Number(width)),
  );
}
