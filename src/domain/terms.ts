import { addDays, endOfMonth, type CalendarDate } from './dates.js';
import { divideRounded } from './money.js';

/**
 * Payment terms: `net N` (due N days after the invoice date), `N days end of month` (N days
 * after the end of the invoice month) and an early-payment discount `d/D net N`
 * (d % off when paid within D days of the invoice date).
 */
export interface PaymentTerms {
  netDays?: number;
  endOfMonth?: boolean;
  /** Percent as a decimal string, e.g. "2" or "1.5". */
  discountPercent?: string;
  discountDays?: number;
}

export function dueDateFromTerms(issueDate: CalendarDate, terms: PaymentTerms): CalendarDate | null {
  if (terms.netDays === undefined) return null;
  const start = terms.endOfMonth ? endOfMonth(issueDate) : issueDate;
  return addDays(start, terms.netDays);
}

/** Percent "2.5" as an exact fraction: [25n, 1000n]. */
export function percentFraction(percent: string): [bigint, bigint] {
  const [whole, fraction = ''] = percent.split('.');
  const scale = 10n ** BigInt(fraction.length);
  return [BigInt(whole! + fraction), 100n * scale];
}

/**
 * The discount a debtor earns by settling on `paidOn`: a share of the invoice total, rounded once
 * half-up to the minor unit; 0 outside the window (which includes the last discount day).
 */
export function earlyPaymentDiscount(
  total: bigint,
  issueDate: CalendarDate,
  terms: PaymentTerms | null | undefined,
  paidOn: CalendarDate,
): bigint {
  if (!terms?.discountPercent || terms.discountDays === undefined) return 0n;
  if (paidOn > addDays(issueDate, terms.discountDays)) return 0n;
  const [numerator, denominator] = percentFraction(terms.discountPercent);
  return divideRounded(total * numerator, denominator);
}

/**
 * Implied annual cost of not taking the discount: d/(1-d) x 365/(N-D), in percent.
 * 2/10 net 30 gives 37.24 %.
 */
export function impliedAnnualCostPercent(
  discountPercent: number,
  discountDays: number,
  netDays: number,
): number {
  const d = discountPercent / 100;
  return (d / (1 - d)) * (365 / (netDays - discountDays)) * 100;
}
