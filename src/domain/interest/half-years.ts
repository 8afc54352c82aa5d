import type { CalendarDate } from '../dates.js';

/** 1 January or 1 July of the half-year `day` falls in. */
export function halfYearStart(day: CalendarDate): CalendarDate {
  const year = day.slice(0, 4);
  return day.slice(5, 7) <= '06' ? `${year}-01-01` : `${year}-07-01`;
}

export function nextHalfYearStart(day: CalendarDate): CalendarDate {
  const year = Number(day.slice(0, 4));
  return day.slice(5, 7) <= '06' ? `${year}-07-01` : `${year + 1}-01-01`;
}

/** The starts of every half-year from the one holding `from` through the one holding `through`. */
export function halfYearStarts(from: CalendarDate, through: CalendarDate): CalendarDate[] {
  const starts = [halfYearStart(from)];
  for (let next = nextHalfYearStart(from); next <= through; next = nextHalfYearStart(next)) starts.push(next);
  return starts;
}

/** The last day of the previous half-year: 31 December for January–June, 30 June for July–December. */
export function previousHalfYearEnd(day: CalendarDate): CalendarDate {
  const year = Number(day.slice(0, 4));
  return day.slice(5, 7) <= '06' ? `${year - 1}-12-31` : `${year}-06-30`;
}
