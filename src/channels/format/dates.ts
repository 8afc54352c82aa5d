import { isCalendarDate } from '../../domain/dates.js';

export type DateStyle = 'long' | 'medium' | 'short';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats a calendar date (YYYY-MM-DD) for a locale: "May 1, 2024" (`en`, medium),
 * "1. Mai 2024" (`de`, long). A calendar date has no time zone, so it is formatted as midnight
 * UTC in UTC, which can never move it to the day before or after.
 */
export function formatDate(date: string, locale: string, style: DateStyle = 'medium'): string {
  if (!isCalendarDate(date)) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  const key = `${locale}|${style}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' });
    formatters.set(key, found);
  }
  return found.format(new Date(`${date}T00:00:00Z`));
}
