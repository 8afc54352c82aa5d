import { isCurrency } from '../../domain/currencies.js';
import { addDays, isCalendarDate, type CalendarDate } from '../../domain/dates.js';
import { invalid } from '../../domain/errors.js';
import { formatAmount } from '../../domain/money.js';
import { adjust, type SimCharge, type SimWriteOff } from './adjustments.js';
import {
  countryWeights,
  generateCustomer,
  type CustomerContext,
  type DemoCustomer,
} from './demo-customers.js';
import { simulateCustomer, type SimCreditNote, type SimInvoice, type SimPayment } from './history.js';
import { Random } from './random.js';
import type { DemoData, PaymentRow } from './rows.js';

export interface GenerateOptions {
  /** How many customers (default 300). */
  customers?: number;
  /** PRNG seed (default 42): the same seed gives the same data. */
  seed?: number;
  /** The organisation's today; the history runs two years back from it and nothing is later. */
  today: CalendarDate;
  /** The organisation's base currency: its home market gets a little over half the customers. */
  mainCurrency?: string;
}

export const DEFAULT_CUSTOMERS = 300;
export const DEFAULT_SEED = 42;
const HISTORY_DAYS = 730;

/** Builds the whole demo data set in memory, as plain rows; no database, no clock. */
export function generateDemoData(options: GenerateOptions): DemoData {
  const { today } = options;
  const count = options.customers ?? DEFAULT_CUSTOMERS;
  const mainCurrency = options.mainCurrency ?? 'EUR';
  if (!isCalendarDate(today)) throw invalid('today', `"${today}" is not a date YYYY-MM-DD`);
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    throw invalid('customers', 'must be a whole number from 1 to 100000');
  if (!isCurrency(mainCurrency)) throw invalid('mainCurrency', `unknown currency ${mainCurrency}`);
  const root = new Random(options.seed ?? DEFAULT_SEED);
  const context: CustomerContext = {
    today,
    start: addDays(today, -HISTORY_DAYS),
    mainCurrency,
    countries: countryWeights(mainCurrency),
    usedNames: new Set(),
    usedEmails: new Set(),
  };
  const customers: DemoCustomer[] = [];
  const invoices: SimInvoice[] = [];
  const payments: SimPayment[] = [];
  const creditNotes: SimCreditNote[] = [];
  const charges: SimCharge[] = [];
  const writeOffs: SimWriteOff[] = [];
  for (let index = 0; index < count; index++) {
    // One stream per customer, so customer 7 is the same whatever the count.
    const customer = generateCustomer(root.fork(`customer:${index}`), index, context);
    const history = simulateCustomer(root.fork(`history:${index}`), customer, today);
    const adjusted = adjust(root.fork(`adjust:${index}`), history.invoices, today);
    customers.push(customer);
    invoices.push(...history.invoices);
    payments.push(...history.payments);
    creditNotes.push(...history.creditNotes);
    charges.push(...adjusted.charges);
    writeOffs.push(...adjusted.writeOffs);
  }
  numberInvoices(invoices);
  const amount = (minor: bigint, invoice: SimInvoice) => formatAmount(minor, invoice.currency);
  return {
    today,
    mainCurrency,
    customers: customers.map((c) => c.row),
    invoices: invoices.map((invoice) => ({
      customer_external_id: invoice.customer.row.external_id,
      number: invoice.number,
      issue_date: invoice.issueDate,
      due_date: invoice.dueDate,
      currency: invoice.currency,
      total: amount(invoice.total, invoice),
      terms: invoice.customer.terms,
    })),
    payments: byDate(payments, (p) => p.receivedOn).map((p): PaymentRow => ({
      customer_external_id: p.invoice.customer.row.external_id,
      invoice_number: p.invoice.number,
      amount: amount(p.amount, p.invoice),
      currency: p.invoice.currency,
      received_on: p.receivedOn,
      method: p.invoice.customer.method,
      reference: reference(p),
    })),
    creditNotes: byDate(creditNotes, (n) => n.issuedOn).map((n) => ({
      invoice_number: n.invoice.number,
      amount: amount(n.amount, n.invoice),
      reason: n.reason,
      issued_on: n.issuedOn,
    })),
    charges: byDate(charges, (c) => c.chargedOn).map((c) => ({
      invoice_number: c.invoice.number,
      kind: 'fee' as const,
      amount: amount(c.amount, c.invoice),
      charged_on: c.chargedOn,
      reason: c.reason,
    })),
    writeOffs: byDate(writeOffs, (w) => w.writtenOffOn).map((w) => ({
      invoice_number: w.invoice.number,
      amount: amount(w.amount, w.invoice),
      reason: w.reason,
      written_off_on: w.writtenOffOn,
    })),
    expectedBalances: Object.fromEntries(invoices.map((i) => [i.number, amount(i.owed, i)])),
  };
}

/** Invoice numbers run per year in issue-date order, as an accounting system would give them. */
function numberInvoices(invoices: SimInvoice[]): void {
  invoices.sort((a, b) =>
    a.issueDate !== b.issueDate ? (a.issueDate < b.issueDate ? -1 : 1) : a.customer.index - b.customer.index,
  );
  const perYear = new Map<string, number>();
  for (const invoice of invoices) {
    const year = invoice.issueDate.slice(0, 4);
    const next = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, next);
    invoice.number = `INV-${year}-${String(next).padStart(5, '0')}`;
  }
}

function byDate<T>(items: T[], date: (item: T) => string): T[] {
  return [...items].sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0));
}

function reference(payment: SimPayment): string {
  const customer = payment.invoice.customer;
  switch (customer.method) {
    case 'direct_debit':
      return `DD ${customer.row.external_id} ${payment.invoice.number}`;
    case 'card':
      return `Card payment ${payment.invoice.number}`;
    case 'cheque':
      return `Cheque for ${payment.invoice.number}`;
    default:
      return payment.invoice.number;
  }
}
