import { addDays, endOfMonth, type CalendarDate } from '../../domain/dates.js';

export type PeriodKind = 'month' | 'quarter';

/** Splits [from, to] at calendar month or quarter boundaries; the first and last may be partial. */
export function splitPeriod(from: CalendarDate, to: CalendarDate, kind: PeriodKind) {
  const parts: { from: CalendarDate; to: CalendarDate }[] = [];
  let start = from;
  while (start <= to) {
    let end = endOfMonth(start);
    if (kind === 'quarter') while (Number(end.slice(5, 7)) % 3 !== 0) end = endOfMonth(addDays(end, 1));
    if (end > to) end = to;
    parts.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return parts;
}

/** Month starts going back from the month of `to`, newest first, each with the days it counts. */
export function monthsBack(to: CalendarDate, count: number) {
  const months: { month: string; days: number }[] = [];
  let end = to;
  for (let i = 0; i < count; i++) {
    months.push({ month: end.slice(0, 7), days: Number(end.slice(8, 10)) });
    end = addDays(`${end.slice(0, 7)}-01`, -1);
  }
  return months;
}
