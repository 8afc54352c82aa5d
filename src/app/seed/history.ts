import { addDays, daysBetween, type CalendarDate } from '../../domain/dates.js';
import { dueDateFromTerms, earlyPaymentDiscount, type PaymentTerms } from '../../domain/terms.js';
import { minBig, minorFromEuros, wholeUnits } from './amounts.js';
import type { DemoCustomer, PayerProfile } from './demo-customers.js';
import type { Random } from './random.js';

/**
 * A customer's two years of invoices and what they paid, simulated the way the ledger will apply
 * it: each payment goes to its one invoice (the excess stays on account), credit notes pay what
 * the invoice still owes, and the rest stays open. `owed` is what the invoice owes at the end.
 */
export interface SimInvoice {
  customer: DemoCustomer;
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  currency: string;
  total: bigint;
  owed: bigint;
  /** Last day money moved on it (payment or credit), to date later events after it. */
  lastActivity: CalendarDate;
}

export interface SimPayment {
  invoice: SimInvoice;
  receivedOn: CalendarDate;
  amount: bigint;
}

export interface SimCreditNote {
  invoice: SimInvoice;
  amount: bigint;
  issuedOn: CalendarDate;
  reason: string;
}

export interface CustomerHistory {
  invoices: SimInvoice[];
  payments: SimPayment[];
  creditNotes: SimCreditNote[];
}

const CREDIT_REASONS: readonly (readonly [string, number, number])[] = [
  ['Pricing error on invoice', 0.05, 0.2],
  ['Damaged goods returned', 0.1, 0.5],
  ['Service outage credit', 0.05, 0.15],
  ['Invoice raised twice', 1, 1],
];

export function simulateCustomer(rng: Random, customer: DemoCustomer, today: CalendarDate): CustomerHistory {
  const history: CustomerHistory = { invoices: [], payments: [], creditNotes: [] };
  issueDates(rng, customer).forEach((issueDate, n) => {
    const invoice = newInvoice(rng, customer, issueDate, n);
    history.invoices.push(invoice);
    const credit = maybeCredit(rng, invoice, today);
    const payments = settle(rng, invoice, credit?.early ? credit.note.amount : 0n, today);
    for (const payment of payments) applyPayment(invoice, payment);
    history.payments.push(...payments);
    if (!credit) return;
    // A late credit (after the invoice was settled) is a goodwill gesture; an early one is what
    // the customer deducted before paying.
    const note = credit.early
      ? credit.note
      : { ...credit.note, issuedOn: addDays(invoice.lastActivity, rng.int(5, 40)) };
    if (note.issuedOn > today) return;
    invoice.owed -= minBig(note.amount, invoice.owed);
    if (note.issuedOn > invoice.lastActivity) invoice.lastActivity = note.issuedOn;
    history.creditNotes.push(note);
  });
  return history;
}

/**
 * What the ledger does with a payment for one invoice: it pays up to what is owed (the rest stays
 * on account), and inside an early-payment discount window a remainder no larger than the
 * discount is settled by the discount.
 */
function applyPayment(invoice: SimInvoice, payment: SimPayment): void {
  const discount = minBig(
    earlyPaymentDiscount(invoice.total, invoice.issueDate, termsOf(invoice.customer), payment.receivedOn),
    invoice.owed,
  );
  invoice.owed -= minBig(payment.amount, invoice.owed);
  if (invoice.owed > 0n && invoice.owed <= discount) invoice.owed = 0n;
  invoice.lastActivity = payment.receivedOn;
}

/** Monthly on the customer's day, or irregular gaps, between `since` and `until`. */
function issueDates(rng: Random, customer: DemoCustomer): CalendarDate[] {
  const dates: CalendarDate[] = [];
  if (customer.cadence === 'monthly') {
    let [year, month] = customer.since.split('-').map(Number) as [number, number];
    for (;;) {
      const date = `${year}-${String(month).padStart(2, '0')}-${String(customer.dayOfMonth).padStart(2, '0')}`;
      if (date > customer.until) break;
      if (date >= customer.since) dates.push(date);
      month += 1;
      if (month > 12) [year, month] = [year + 1, 1];
    }
    return dates;
  }
  const meanGap = customer.row.kind === 'business' ? 30 : 75;
  for (let date = addDays(customer.since, rng.int(0, 20)); date <= customer.until;) {
    dates.push(date);
    date = addDays(date, Math.max(3, Math.round(rng.logNormal(meanGap, 0.6))));
  }
  return dates;
}

function newInvoice(rng: Random, customer: DemoCustomer, issueDate: CalendarDate, n: number): SimInvoice {
  const currency = customer.row.currency;
  // Fixed prices go up a little each year; other invoices vary around the typical amount.
  const total = customer.fixedPrice
    ? minorFromEuros(customer.typicalEuros * 1.04 ** Math.floor(n / 12), currency, true)
    : minorFromEuros(
        rng.logNormal(customer.typicalEuros, customer.cadence === 'monthly' ? 0.3 : 0.6),
        currency,
      );
  return {
    customer,
    number: '',
    issueDate,
    dueDate: dueDateFromTerms(issueDate, termsOf(customer))!,
    currency,
    total,
    owed: total,
    lastActivity: issueDate,
  };
}

export function termsOf(customer: DemoCustomer): PaymentTerms {
  const t = customer.terms;
  return {
    netDays: t.net_days,
    ...(t.end_of_month && { endOfMonth: true }),
    ...(t.discount_percent && { discountPercent: t.discount_percent, discountDays: t.discount_days! }),
  };
}

function maybeCredit(
  rng: Random,
  invoice: SimInvoice,
  today: CalendarDate,
): { note: SimCreditNote; early: boolean } | null {
  const customer = invoice.customer;
  if (customer.terms.discount_percent || !rng.chance(customer.row.kind === 'business' ? 0.015 : 0.008)) {
    return null;
  }
  const [reason, low, high] = rng.pick(CREDIT_REASONS);
  const share = low + rng.next() * (high - low);
  const amount =
    share >= 1
      ? invoice.total
      : minBig(invoice.total, wholeUnits(scale(invoice.total, share), invoice.currency));
  const issuedOn = addDays(invoice.issueDate, rng.int(2, 20));
  if (issuedOn > today) return null;
  return { note: { invoice, amount, issuedOn, reason }, early: share >= 1 || rng.chance(0.75) };
}

/**
 * The payments a customer makes for one invoice, by their habits: when (relative to the due
 * date), whether in one go or in parts, short by a bank charge, or a little over. Payments dated
 * after today have not happened yet, which leaves recent invoices open.
 */
function settle(rng: Random, invoice: SimInvoice, credited: bigint, today: CalendarDate): SimPayment[] {
  const customer = invoice.customer;
  const due = invoice.total - credited;
  if (due <= 0n) return [];
  const terms = termsOf(customer);
  if (terms.discountPercent && customer.profile === 'prompt' && rng.chance(0.75)) {
    const paidOn = addDays(invoice.issueDate, rng.int(3, terms.discountDays!));
    const discount = earlyPaymentDiscount(invoice.total, invoice.issueDate, terms, paidOn);
    return paidOn <= today ? [{ invoice, receivedOn: paidOn, amount: due - discount }] : [];
  }
  const lateBy = daysLate(rng, customer.profile);
  if (customer.stoppedPaying && addDays(invoice.dueDate, lateBy) > customer.stoppedPaying) {
    return tokenPayment(rng, invoice, today);
  }
  const finalOn = clampToIssue(
    invoice,
    addDays(invoice.dueDate, rng.chance(0.02) ? rng.int(60, 200) : lateBy),
  );
  const plan: { on: CalendarDate; amount: bigint }[] = [];
  const partial = rng.chance(PARTIAL_CHANCE[customer.profile]) && due > wholeUnits(1n, invoice.currency) * 2n;
  let rest = due;
  if (partial) {
    const first = wholeUnits(scale(due, 0.3 + rng.next() * 0.4), invoice.currency);
    const span = daysBetween(invoice.issueDate, finalOn) - 7;
    plan.push({
      on: span > 7 ? addDays(invoice.issueDate, rng.int(7, span)) : invoice.issueDate,
      amount: first,
    });
    rest -= first;
  }
  if (customer.shortPays && rng.chance(0.4)) {
    const charge = minorFromEuros(rng.int(8, 25), invoice.currency);
    if (charge * 2n < rest) rest -= charge;
  } else if (!partial && rng.chance(0.015)) {
    // Paid a round sum above the invoice; the excess stays on account.
    rest =
      wholeUnits(rest, invoice.currency) +
      wholeUnits(minorFromEuros(rng.int(1, 20), invoice.currency), invoice.currency);
  }
  plan.push({ on: finalOn, amount: rest });
  const payments: SimPayment[] = [];
  for (const step of plan) {
    if (step.on > today) break;
    payments.push({ invoice, receivedOn: step.on, amount: step.amount });
  }
  return payments;
}

const PARTIAL_CHANCE: Record<PayerProfile, number> = {
  prompt: 0.02,
  a_bit_late: 0.08,
  chronic_late: 0.3,
  non_payer: 0.05,
};

/** Days after the due date the customer pays (negative: early). */
function daysLate(rng: Random, profile: PayerProfile): number {
  switch (profile) {
    case 'prompt':
      return rng.chance(0.92) ? rng.int(-7, 1) : rng.int(2, 15);
    case 'a_bit_late':
    case 'non_payer':
      return rng.chance(0.88) ? rng.int(1, 25) : rng.int(26, 55);
    case 'chronic_late':
      return Math.min(200, Math.max(10, Math.round(rng.logNormal(50, 0.55))));
  }
}

/** A customer who stopped paying sometimes still sends a little, once. */
function tokenPayment(rng: Random, invoice: SimInvoice, today: CalendarDate): SimPayment[] {
  if (!rng.chance(0.2)) return [];
  const on = addDays(invoice.dueDate, rng.int(20, 90));
  const amount = wholeUnits(scale(invoice.total, 0.1 + rng.next() * 0.2), invoice.currency);
  return on <= today && amount < invoice.total ? [{ invoice, receivedOn: on, amount }] : [];
}

function clampToIssue(invoice: SimInvoice, date: CalendarDate): CalendarDate {
  return date < invoice.issueDate ? invoice.issueDate : date;
}

function scale(amount: bigint, share: number): bigint {
  return (amount * BigInt(Math.round(share * 10_000))) / 10_000n;
}
