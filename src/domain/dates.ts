/**
 * Calendar dates are `YYYY-MM-DD` strings: an invoice is due on a day, not at an instant.
 * Arithmetic goes through a day number (days since 1970-01-01, UTC), so no time zone or
 * daylight-saving shift can move a date. "Today" is never read here; callers pass it in.
 */
export type CalendarDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function toDayNumber(date: CalendarDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

export function fromDayNumber(day: number): CalendarDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Last day of the month that `date` falls in. */
export function endOfMonth(date: CalendarDate): CalendarDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD; building a formatter is slow, so keep one per zone.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date at `instant` in an IANA time zone. */
export function localDate(instant: Date, timeZone: string): CalendarDate {
  return dateFormat(timeZone).format(instant);
}

/** The first instant of a calendar date in a time zone (midnight, or the first moment after a DST gap). */
export function startOfLocalDay(date: CalendarDate, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // Zone offsets lie within ±14 h: the day starts between 14 h before and after UTC midnight.
  let low = midnightUtc - 15 * 3_600_000;
  let high = midnightUtc + 15 * 3_600_000;
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2);
    if (localDate(new Date(middle), timeZone) >= date) high = middle;
    else low = middle;
  }
  return new Date(Math.ceil(high / 1000) * 1000);
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
