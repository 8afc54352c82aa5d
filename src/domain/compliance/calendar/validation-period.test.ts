import { describe, expect, it } from 'vitest';
import { at } from '../testing/fixtures.js';
import { assumedReceiptDate, validationPeriodEnd, validationPeriodEndAt } from './validation-period.js';

describe('validation period (12 CFR 1006.34(b)(5))', () => {
  it.each([
    // sent on,     assumed receipt, period end
    ['2026-06-01', '2026-06-08', '2026-07-08'], // Monday: plain weekdays
    ['2026-06-05', '2026-06-12', '2026-07-12'], // Friday: the weekend is skipped; the end is a Sunday and stays
    ['2026-06-29', '2026-07-07', '2026-08-06'], // July 4 2026 is a Saturday: Friday July 3 is skipped too
    ['2026-07-03', '2026-07-10', '2026-08-09'], // sent on the observed holiday: counting starts the next day
    ['2026-06-15', '2026-06-23', '2026-07-23'], // Juneteenth (Friday June 19) is skipped
    ['2027-12-30', '2028-01-07', '2028-02-06'], // New Year 2028 is a Saturday, observed Friday 31 December 2027
    ['2026-11-23', '2026-12-01', '2026-12-31'], // Thanksgiving; the Friday after is a business day
    ['2026-12-24', '2027-01-04', '2027-02-03'], // Christmas and New Year's Day in the five days
  ])('sent %s: receipt %s, end %s', (sent, receipt, end) => {
    expect(assumedReceiptDate(sent)).toBe(receipt);
    expect(validationPeriodEnd(sent)).toBe(end);
  });

  it('dates a notice sent at an instant in the consumer’s zone', () => {
    // 02:00 UTC on Tuesday June 30 is still Monday June 29 in Los Angeles.
    expect(validationPeriodEndAt(at('2026-06-30T02:00:00Z'), 'America/Los_Angeles')).toBe('2026-08-06');
    expect(validationPeriodEndAt(at('2026-06-30T02:00:00Z'), 'UTC')).toBe('2026-08-07');
  });
});
