import { addDays, daysBetween, type CalendarDate } from '../dates.js';
import { parseDecimal } from './decimal.js';
import { daysInYear, type DayCount } from './day-count.js';
import { ZERO, addFractions, fraction, roundFraction, type Fraction } from './fraction.js';
import { balanceOn, type BalanceHistory } from './history.js';
import type { ReferenceRate } from './rates/index.js';

/** An annual rate in percent that applies from `from` until the next segment starts. */
export interface RateSegment {
  from: CalendarDate;
  percent: string;
  /** The published rate it is built on; null for a contractual rate. */
  reference: ReferenceRate | null;
}

/** Days with one balance and one rate, both ends included. */
export interface AccruedPeriod {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  balance: bigint;
  percent: string;
  reference: ReferenceRate | null;
  exact: Fraction;
  /** This period's share of the total, so the periods add up to it exactly. */
  amount: bigint;
}

export interface Accrual {
  periods: AccruedPeriod[];
  days: number;
  exact: Fraction;
  /** The exact sum, rounded once, half-up, to the minor unit. */
  amount: bigint;
}

/** balance × rate × days / year, exactly; the balance is in minor units. */
export function simpleInterest(balance: bigint, percent: string, days: number, dayCount: DayCount): Fraction {
  const rate = parseDecimal(percent);
  return fraction(
    balance * rate.digits * BigInt(days),
    10n ** BigInt(rate.scale) * 100n * daysInYear(dayCount),
  );
}

/**
 * Simple interest on the balance of each day from `from` through `through`, split into periods
 * where the balance or the rate changes. Days with nothing owed are left out.
 */
export function accrue(input: {
  history: BalanceHistory;
  segments: readonly RateSegment[];
  from: CalendarDate;
  through: CalendarDate;
  dayCount: DayCount;
}): Accrual {
  const { history, segments, from, through, dayCount } = input;
  const periods: Omit<AccruedPeriod, 'exact' | 'amount'>[] = [];
  if (through >= from) {
    const inside = (day: CalendarDate) => day > from && day <= through;
    const starts = [
      ...new Set([
        from,
        ...history.map((s) => s.from).filter(inside),
        ...segments.map((s) => s.from).filter(inside),
      ]),
    ].sort();
    starts.forEach((start, index) => {
      const next = starts[index + 1];
      const to = next === undefined ? through : addDays(next, -1);
      const balance = balanceOn(history, start);
      const segment = segmentOn(segments, start);
      if (balance <= 0n) return;
      const previous = periods[periods.length - 1];
      if (
        previous &&
        previous.balance === balance &&
        previous.percent === segment.percent &&
        previous.reference === segment.reference &&
        addDays(previous.to, 1) === start
      ) {
        previous.to = to;
        previous.days = daysBetween(previous.from, to) + 1;
        return;
      }
      periods.push({
        from: start,
        to,
        days: daysBetween(start, to) + 1,
        balance,
        percent: segment.percent,
        reference: segment.reference,
      });
    });
  }
  // Each period shows the growth of the rounded running total, so the periods sum to the total.
  let exact = ZERO;
  let rounded = 0n;
  const accrued = periods.map((period) => {
    const own = simpleInterest(period.balance, period.percent, period.days, dayCount);
    exact = addFractions(exact, own);
    const runningTotal = roundFraction(exact);
    const amount = runningTotal - rounded;
    rounded = runningTotal;
    return { ...period, exact: own, amount };
  });
  return {
    periods: accrued,
    days: accrued.reduce((sum, p) => sum + p.days, 0),
    exact,
    amount: rounded,
  };
}

function segmentOn(segments: readonly RateSegment[], day: CalendarDate): RateSegment {
  let found: RateSegment | undefined;
  for (const segment of segments) {
    if (segment.from > day) break;
    found = segment;
  }
  if (!found) throw new RangeError(`no interest rate for ${day}`);
  return found;
}
