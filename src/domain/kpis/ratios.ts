/** Simple ratios of the period, in percent; null when there was nothing to measure. */
import { percent } from './round.js';

/** Collected ÷ what was due in the period (overdue at the start plus what fell due in it). */
export function collectionRate(collected: number, dueInPeriod: number): number | null {
  return percent(collected, dueInPeriod);
}

/** Written off ÷ credit sales. */
export function writeOffRatio(writtenOff: number, creditSales: number): number | null {
  return percent(writtenOff, creditSales);
}

/** Promises kept ÷ promises whose deadline (date + grace) fell in the period. */
export function promiseKeptRate(kept: number, broken: number): number | null {
  return percent(kept, kept + broken);
}

/** Invoices disputed in the period ÷ invoices issued in it. */
export function disputeRate(disputed: number, issued: number): number | null {
  return percent(disputed, issued);
}
