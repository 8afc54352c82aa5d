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

/** The sums the averages above are made of, so a database can compute them without the rows. */
export interface PaymentSummary {
  count: number;
  daysToPay: number;
  /** Σ days to pay × amount, and Σ amount. */
  weightedDaysToPay: number;
  weight: number;
  daysLate: number;
  paidLate: number;
}

export function summarisePaid(paid: readonly PaidInvoice[]): PaymentSummary {
  const summary = { count: 0, daysToPay: 0, weightedDaysToPay: 0, weight: 0, daysLate: 0, paidLate: 0 };
  for (const p of paid) {
    const days = daysBetween(p.issueDate, p.paidOn);
    const late = daysLate(p);
    summary.count++;
    summary.daysToPay += days;
    summary.weightedDaysToPay += days * p.amount;
    summary.weight += p.amount;
    summary.daysLate += late;
    if (late > 0) summary.paidLate++;
  }
  return summary;
}

export function paymentTimes(s: PaymentSummary) {
  return {
    average_days_to_pay: s.count ? round2(s.daysToPay / s.count) : null,
    average_days_to_pay_weighted: s.weight ? round2(s.weightedDaysToPay / s.weight) : null,
    average_days_late: s.count ? round2(s.daysLate / s.count) : null,
    percent_paid_late: percent(s.paidLate, s.count),
  };
}
