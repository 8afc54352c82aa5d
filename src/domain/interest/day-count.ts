/**
 * Day-count conventions for simple interest: actual days elapsed over a fixed year of 365 days
 * (ACT/365 Fixed, also in leap years) or 360 days (ACT/360, money-market style).
 */
export type DayCount = 'ACT/365' | 'ACT/360';

export const DAY_COUNTS: readonly DayCount[] = ['ACT/365', 'ACT/360'];

export function daysInYear(dayCount: DayCount): bigint {
  return dayCount === 'ACT/360' ? 360n : 365n;
}
