/**
 * When will an open invoice be paid? A transparent empirical-Bayes model of payment delay
 * (days from the due date to the day it was paid in full, negative when early):
 *
 * - Each customer's own delays, on invoices like this one (disputed or not), each weigh 1.
 * - The organisation's delays on such invoices share a prior weight `k` (default 2), so a
 *   customer with no history gets the organisation's behaviour and one with many invoices
 *   mostly their own. n/(n+k) of the weight is the customer's.
 * - The expected delay is the weighted median (it minimises the mean absolute error in days).
 * - An invoice still unpaid `d` days after its due date can only have a delay above `d`: both
 *   the median and the probabilities are taken over that part of the distribution.
 * - P(paid within 30 days after due) is the weighted share of delays ≤ 30 (given > d), with
 *   one pseudo-invoice split evenly (Laplace smoothing), so a short history never says 0 or 1.
 * - Where nothing in the history was ever that late, the organisation's tail is used; where
 *   the organisation has none either, the expected delay is d + 30 and the probability 0
 *   past 30 days (0.5 before): the model says it does not know.
 */
import { addDays, daysBetween, type CalendarDate } from '../dates.js';
import { weightedMedian, weightedShare, type Weighted } from './weighted.js';

export interface PaidHistoryItem {
  customerId: string;
  dueDate: CalendarDate;
  paidOn: CalendarDate;
  disputed: boolean;
}

export interface DelayModel {
  priorWeight: number;
  horizonDays: number;
  organisation: Record<'disputed' | 'undisputed', number[]>;
  customers: Map<string, Record<'disputed' | 'undisputed', number[]>>;
}

export interface OpenInvoice {
  customerId: string;
  dueDate: CalendarDate;
  disputed: boolean;
}

export interface DelayPrediction {
  expected_delay_days: number;
  expected_payment_date: CalendarDate;
  /** Probability that it is paid within `horizonDays` (30) after the due date. */
  probability_within_30_days: number;
  /** Probability that it is paid by the due date (0 once it is overdue). */
  probability_on_time: number;
  customer_invoices: number;
  customer_weight: number;
}

const klass = (disputed: boolean) => (disputed ? 'disputed' : 'undisputed');

export function trainDelayModel(
  history: readonly PaidHistoryItem[],
  options: { priorWeight?: number; horizonDays?: number } = {},
): DelayModel {
  const organisation = { disputed: [] as number[], undisputed: [] as number[] };
  const customers = new Map<string, Record<'disputed' | 'undisputed', number[]>>();
  for (const item of history) {
    const delay = daysBetween(item.dueDate, item.paidOn);
    organisation[klass(item.disputed)].push(delay);
    let own = customers.get(item.customerId);
    if (!own) customers.set(item.customerId, (own = { disputed: [], undisputed: [] }));
    own[klass(item.disputed)].push(delay);
  }
  return {
    priorWeight: options.priorWeight ?? 2,
    horizonDays: options.horizonDays ?? 30,
    organisation,
    customers,
  };
}

/** The weighted sample for one invoice: the customer's delays, then the organisation's prior. */
export function delaySample(model: DelayModel, invoice: Pick<OpenInvoice, 'customerId' | 'disputed'>) {
  const kind = klass(invoice.disputed);
  // A disputed invoice with no disputed history falls back on all of the history.
  let org = model.organisation[kind];
  if (org.length === 0) org = [...model.organisation.disputed, ...model.organisation.undisputed];
  const ownAll = model.customers.get(invoice.customerId);
  let own = ownAll?.[kind] ?? [];
  if (own.length === 0 && ownAll) own = [...ownAll.disputed, ...ownAll.undisputed];
  const sample: Weighted[] = own.map((value) => ({ value, weight: 1 }));
  const share = org.length ? model.priorWeight / org.length : 0;
  for (const value of org) sample.push({ value, weight: share });
  return { sample, customerInvoices: own.length, orgSample: org };
}

export function predictPayment(model: DelayModel, invoice: OpenInvoice, asOf: CalendarDate): DelayPrediction {
  const { sample, customerInvoices, orgSample } = delaySample(model, invoice);
  const overdue = Math.max(0, daysBetween(invoice.dueDate, asOf));
  // Unpaid at the end of asOf: it will be paid after it, so the delay is above `floor`.
  const floor = daysBetween(invoice.dueDate, asOf);
  const after = (v: number) => v > floor;
  let tail = sample.filter((s) => after(s.value));
  if (tail.length === 0) tail = orgSample.filter(after).map((value) => ({ value, weight: 1 }));
  const horizon = model.horizonDays;
  let delay: number;
  let within: number;
  if (tail.length === 0) {
    delay = overdue + horizon;
    within = overdue > horizon ? 0 : 0.5;
  } else {
    delay = weightedMedian(tail)!;
    within = smoothed(tail, (v) => v <= horizon);
  }
  const onTime = floor >= 0 ? 0 : smoothed(tail.length ? tail : sample, (v) => v <= 0);
  return {
    expected_delay_days: delay,
    expected_payment_date: addDays(invoice.dueDate, delay),
    probability_within_30_days: round3(within),
    probability_on_time: round3(onTime),
    customer_invoices: customerInvoices,
    customer_weight: round3(customerInvoices / (customerInvoices + model.priorWeight)),
  };
}

/** (weight of hits + ½) ÷ (total weight + 1). */
function smoothed(sample: readonly Weighted[], test: (value: number) => boolean): number {
  const total = sample.reduce((sum, s) => sum + s.weight, 0);
  const share = weightedShare(sample, test) ?? 0.5;
  return (share * total + 0.5) / (total + 1);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
