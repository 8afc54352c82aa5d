/**
 * A customer's payment behaviour from their paid invoices (oldest paid first): how late, the
 * trend over the last N, how variable, plus disputes and broken promises counted elsewhere.
 */
import { daysBetween, type CalendarDate } from '../dates.js';

export interface PaidItem {
  dueDate: CalendarDate;
  paidOn: CalendarDate;
}

export interface Behaviour {
  invoices_paid: number;
  average_days_late: number | null;
  /** Least-squares slope of days late over the last `window` paid invoices, in days per invoice. */
  trend_days_per_invoice: number | null;
  trend_window: number;
  /** Population standard deviation of days late. */
  variability_days: number | null;
  /** Days late of the last `window` paid invoices, oldest first. */
  recent_days_late: number[];
}

export const TREND_WINDOW = 6;

export const daysLateOf = (item: PaidItem) => Math.max(0, daysBetween(item.dueDate, item.paidOn));

export function paymentBehaviour(paid: readonly PaidItem[], window = TREND_WINDOW): Behaviour {
  const ordered = [...paid].sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
  const late = ordered.map(daysLateOf);
  const recent = late.slice(-window);
  const mean = late.length ? late.reduce((s, v) => s + v, 0) / late.length : null;
  return {
    invoices_paid: late.length,
    average_days_late: mean === null ? null : round2(mean),
    trend_days_per_invoice: recent.length >= 2 ? round2(slope(recent)) : null,
    trend_window: window,
    variability_days:
      mean === null ? null : round2(Math.sqrt(late.reduce((s, v) => s + (v - mean) ** 2, 0) / late.length)),
    recent_days_late: recent,
  };
}

/** Least-squares slope of values against their positions 0, 1, 2… */
export function slope(values: readonly number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((s, v) => s + v, 0) / n;
  let numerator = 0;
  let denominator = 0;
  values.forEach((y, x) => {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  });
  return denominator === 0 ? 0 : numerator / denominator;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
