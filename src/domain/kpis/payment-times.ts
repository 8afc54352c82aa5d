/**
 * How long invoices took to be paid: over invoices paid in full in the period, days from the
 * invoice date (days to pay) or from the due date (days late, 0 when on time).
 */
import { daysBetween, type CalendarDate } from '../dates.js';
import { percent, round2 } from './round.js';

export interface PaidInvoice {
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  /** The day the balance reached zero. */
  paidOn: CalendarDate;
  /** What was paid (any one unit); weights the weighted average. */
  amount: number;
}

export function averageDaysToPay(paid: readonly PaidInvoice[]): number | null {
  if (paid.length === 0) return null;
  return round2(paid.reduce((sum, p) => sum + daysBetween(p.issueDate, p.paidOn), 0) / paid.length);
}

/** Amount-weighted: a large invoice counts for more, as it does for cash. */
export function averageDaysToPayWeighted(paid: readonly PaidInvoice[]): number | null {
  const weight = paid.reduce((sum, p) => sum + p.amount, 0);
  if (weight === 0) return null;
  return round2(paid.reduce((sum, p) => sum + daysBetween(p.issueDate, p.paidOn) * p.amount, 0) / weight);
}

export function daysLate(p: Pick<PaidInvoice, 'dueDate' | 'paidOn'>): number {
  return Math.max(0, daysBetween(p.dueDate, p.paidOn));
}

/** Average days late over all invoices paid (on-time ones count 0). */
export function averageDaysLate(paid: readonly PaidInvoice[]): number | null {
  if (paid.length === 0) return null;
  return round2(paid.reduce((sum, p) => sum + daysLate(p), 0) / paid.length);
}

export function percentPaidLate(paid: readonly PaidInvoice[]): number | null {
  return percent(paid.filter((p) => daysLate(p) > 0).length, paid.length);
}
