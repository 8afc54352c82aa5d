import { round2 } from './round.js';

export interface CeiInput {
  beginningReceivables: number;
  creditSales: number;
  endingTotalReceivables: number;
  endingCurrentReceivables: number;
  /** Months in the period (days ÷ 365 × 12 when not whole months). */
  months: number;
}

/**
 * Collection Effectiveness Index, Credit Research Foundation form, in percent:
 * (beginning + sales ÷ N − ending total) ÷ (beginning + sales ÷ N − ending current) × 100.
 * Some sources leave out the ÷ N and get another number from the same data; this is the CRF form.
 */
export function collectionEffectivenessIndex(input: CeiInput): number | null {
  if (input.months <= 0) return null;
  const available = input.beginningReceivables + input.creditSales / input.months;
  const denominator = available - input.endingCurrentReceivables;
  if (denominator === 0) return null;
  return round2(((available - input.endingTotalReceivables) / denominator) * 100);
}

/** N for a period: whole calendar months when it is whole months, else days ÷ 365 × 12. */
export function monthsInPeriod(from: string, to: string, days: number): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const nextDay = new Date(Date.UTC(ty, tm - 1, Number(to.slice(8)) + 1));
  const wholeMonths = fd === 1 && nextDay.getUTCDate() === 1;
  if (wholeMonths) return (ty - fy) * 12 + (tm - fm) + 1;
  return (days / 365) * 12;
}
