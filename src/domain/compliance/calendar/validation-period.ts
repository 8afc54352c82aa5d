/**
 * The validation period of Regulation F (12 CFR 1006.34(b)(5)) ends 30 days after the consumer
 * receives the validation information. A debt collector may assume receipt on any date at least
 * five days after providing it, not counting Saturdays, Sundays and legal public holidays
 * (§1006.34(b)(5) citing 5 U.S.C. 6103(a)); observed days off are skipped too, to be safe.
 * The 30 days are calendar days and the end date is not moved off a weekend or holiday.
 */
import { fromDayNumber, toDayNumber, type CalendarDate } from '../../dates.js';
import { isUsFederalNonBusinessDay } from './us-federal-holidays.js';
import { zoneClock } from '../time/zone-clock.js';
import { RecoupError } from '../../errors.js';
import type { Instant } from '../types.js';

export const RECEIPT_BUSINESS_DAYS = 5;
export const VALIDATION_PERIOD_DAYS = 30;

export function assumedReceiptDay(sentDay: number): number {
  let day = sentDay;
  for (let counted = 0; counted < RECEIPT_BUSINESS_DAYS;) {
    day++;
    if (!isUsFederalNonBusinessDay(day)) counted++;
  }
  return day;
}

export function validationPeriodEndDay(sentDay: number): number {
  return assumedReceiptDay(sentDay) + VALIDATION_PERIOD_DAYS;
}

/** Assumed receipt date of a validation notice sent on `sentOn`. */
export function assumedReceiptDate(sentOn: CalendarDate): CalendarDate {
  return fromDayNumber(assumedReceiptDay(toDayNumber(sentOn)));
}

/** Validation period end date for a notice sent on `sentOn`. */
export function validationPeriodEnd(sentOn: CalendarDate): CalendarDate {
  return fromDayNumber(validationPeriodEndDay(toDayNumber(sentOn)));
}

/** Validation period end date for a notice sent at an instant, dated in the consumer's time zone. */
export function validationPeriodEndAt(sentAt: Instant, timeZone: string): CalendarDate {
  const clock = zoneClock(timeZone);
  if (!clock) throw new RecoupError('invalid', 'time_zone_invalid', `${timeZone} is not an IANA time zone`);
  return fromDayNumber(validationPeriodEndDay(clock.localDay(sentAt)));
}
