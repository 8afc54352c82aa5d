/**
 * Legal public holidays of 5 U.S.C. 6103(a), as rules that produce each year's dates, and the
 * day off observed for them (5 U.S.C. 6103(b), Executive Order 11582): a holiday on a Saturday
 * is observed the Friday before, one on a Sunday the Monday after. The rules hold from 1986
 * (the first federal Martin Luther King Jr. Day); Juneteenth from 2021 (Pub. L. 117-17).
 */
import { MS_PER_DAY } from '../time/zone-clock.js';
import { weekday } from '../time/wall-window.js';

type HolidayDate =
  | { kind: 'fixed'; month: number; day: number }
  /** The nth (1–4) given weekday (0 = Sunday) of a month; n = -1 for the last. */
  | { kind: 'weekday'; month: number; weekday: number; n: number };

export interface HolidayRule {
  name: string;
  date: HolidayDate;
  fromYear?: number;
}

const MONDAY = 1;
const THURSDAY = 4;

export const US_FEDERAL_HOLIDAYS: readonly HolidayRule[] = [
  { name: 'New Year’s Day', date: { kind: 'fixed', month: 1, day: 1 } },
  {
    name: 'Birthday of Martin Luther King, Jr.',
    date: { kind: 'weekday', month: 1, weekday: MONDAY, n: 3 },
    fromYear: 1986,
  },
  { name: 'Washington’s Birthday', date: { kind: 'weekday', month: 2, weekday: MONDAY, n: 3 } },
  { name: 'Memorial Day', date: { kind: 'weekday', month: 5, weekday: MONDAY, n: -1 } },
  {
    name: 'Juneteenth National Independence Day',
    date: { kind: 'fixed', month: 6, day: 19 },
    fromYear: 2021,
  },
  { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
  { name: 'Labor Day', date: { kind: 'weekday', month: 9, weekday: MONDAY, n: 1 } },
  { name: 'Columbus Day', date: { kind: 'weekday', month: 10, weekday: MONDAY, n: 2 } },
  { name: 'Veterans Day', date: { kind: 'fixed', month: 11, day: 11 } },
  { name: 'Thanksgiving Day', date: { kind: 'weekday', month: 11, weekday: THURSDAY, n: 4 } },
  { name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
];

export interface Holiday {
  name: string;
  /** Day number (days since 1970-01-01) of the holiday itself. */
  day: number;
  /** Day number of the day off: the holiday, or the Friday before / Monday after a weekend. */
  observed: number;
}

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function holidayDay(year: number, date: HolidayDate): number {
  if (date.kind === 'fixed') return dayNumber(year, date.month, date.day);
  if (date.n > 0) {
    const first = dayNumber(year, date.month, 1);
    return first + ((date.weekday - weekday(first) + 7) % 7) + (date.n - 1) * 7;
  }
  const last = dayNumber(year, date.month + 1, 0);
  return last - ((weekday(last) - date.weekday + 7) % 7);
}

/** The year's legal public holidays with their observed days (which may fall in another year). */
export function usFederalHolidays(year: number): Holiday[] {
  const holidays: Holiday[] = [];
  for (const rule of US_FEDERAL_HOLIDAYS) {
    if (rule.fromYear !== undefined && year < rule.fromYear) continue;
    const day = holidayDay(year, rule.date);
    const dow = weekday(day);
    const observed = dow === 6 ? day - 1 : dow === 0 ? day + 1 : day;
    holidays.push({ name: rule.name, day, observed });
  }
  return holidays;
}

const closedDays = new Map<number, ReadonlySet<number>>();

/** Holidays and observed days off that fall in `year`, as day numbers. */
function closedDaysOf(year: number): ReadonlySet<number> {
  let days = closedDays.get(year);
  if (!days) {
    const set = new Set<number>();
    // An observed day can cross the year: 1 January on a Saturday is observed on 31 December.
    for (const y of [year - 1, year, year + 1]) {
      for (const h of usFederalHolidays(y)) set.add(h.day).add(h.observed);
    }
    days = set;
    closedDays.set(year, days);
  }
  return days;
}

/** True for Saturdays, Sundays, legal public holidays and their observed days. */
export function isUsFederalNonBusinessDay(day: number): boolean {
  const dow = weekday(day);
  if (dow === 0 || dow === 6) return true;
  return closedDaysOf(new Date(day * MS_PER_DAY).getUTCFullYear()).has(day);
}
