import { isCalendarDate, localDate, type CalendarDate } from '../domain/dates.js';
import { invalid } from '../domain/errors.js';
import { today, type Ctx } from './context.js';

/**
 * `as_of` accepts a date or an instant; ledger reads work on calendar dates, so an instant is
 * read as the organisation's local date at that moment. Absent, it is today.
 */
export function asOfDate(ctx: Ctx, asOf: string | undefined, path = 'as_of'): CalendarDate {
  if (asOf === undefined || asOf === '') return today(ctx);
  if (isCalendarDate(asOf)) return asOf;
  const instant = new Date(asOf);
  if (Number.isNaN(instant.getTime()) || !/T/.test(asOf)) {
    throw invalid(path, 'must be a date YYYY-MM-DD or an ISO 8601 instant');
  }
  return localDate(instant, ctx.timeZone);
}
