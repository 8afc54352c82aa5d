/**
 * Days sales outstanding and its relatives (Credit Research Foundation definitions, DOMAIN.md).
 * Amounts are plain numbers in any one unit (minor units of one currency); days are whole days.
 */
import { ratio, round2 } from './round.js';

/** Standard DSO: ending receivables ÷ credit sales × days in the period. */
export function standardDso(endingReceivables: number, creditSales: number, days: number): number | null {
  const r = ratio(endingReceivables, creditSales);
  return r === null ? null : round2(r * days);
}

/** Best possible DSO: the standard formula with current (not yet due) receivables only. */
export function bestPossibleDso(
  currentReceivables: number,
  creditSales: number,
  days: number,
): number | null {
  return standardDso(currentReceivables, creditSales, days);
}

/** Average days delinquent = DSO − best possible DSO. */
export function averageDaysDelinquent(dso: number | null, bestPossible: number | null): number | null {
  return dso === null || bestPossible === null ? null : round2(dso - bestPossible);
}

export interface MonthSales {
  /** Credit sales of the month (or of the part of it inside the period). */
  sales: number;
  /** Days the month counts for. */
  days: number;
}

/**
 * Count-back DSO: take ending receivables, subtract the latest month's sales, then the month
 * before, and so on while they cover it; each month exhausted counts its days, the month that
 * exhausts them counts the same fraction of its days. `months` runs newest first. When the
 * history runs out before the receivables do, the days counted so far are returned (a floor).
 */
export function countBackDso(endingReceivables: number, months: readonly MonthSales[]): number | null {
  if (months.length === 0) return null;
  let left = endingReceivables;
  let days = 0;
  for (const month of months) {
    if (left <= 0) break;
    if (month.sales >= left) {
      days += (left / month.sales) * month.days;
      left = 0;
    } else {
      days += month.days;
      left -= month.sales;
    }
  }
  return round2(days);
}
