import { describe, expect, it } from 'vitest';
import { agingBuckets, bucketIndex, daysPastDue } from '../../domain/aging.js';
import { minorDigits } from '../../domain/currencies.js';
import { addDays } from '../../domain/dates.js';
import { parseAmount } from '../../domain/money.js';
import { customerInput } from '../customers.js';
import { invoiceInput } from '../invoices.js';
import { paymentInput } from '../payments.js';
import { generateDemoData } from './generate.js';
import type { DemoData } from './rows.js';

const TODAY = '2024-06-01';
const data = generateDemoData({ today: TODAY });

function invoiceByNumber(d: DemoData) {
  return new Map(d.invoices.map((invoice) => [invoice.number, invoice]));
}

function agingOf(d: DemoData, currency: string): bigint[] {
  const buckets = agingBuckets();
  const amounts = buckets.map(() => 0n);
  for (const invoice of d.invoices) {
    const balance = parseAmount(d.expectedBalances[invoice.number]!, invoice.currency);
    if (invoice.currency !== currency || balance <= 0n) continue;
    amounts[bucketIndex(buckets, daysPastDue(invoice.due_date, d.today))]! += balance;
  }
  return amounts;
}

describe('generateDemoData', () => {
  it('gives the same data for the same seed, and other data for another seed', () => {
    expect(generateDemoData({ today: TODAY })).toEqual(data);
    const other = generateDemoData({ today: TODAY, seed: 43 });
    expect(other.customers.map((c) => c.name)).not.toEqual(data.customers.map((c) => c.name));
  });

  it('keeps the first customers and their history when more are asked for', () => {
    const few = generateDemoData({ today: TODAY, customers: 10 });
    expect(data.customers.slice(0, 10)).toEqual(few.customers);
    const mine = (d: DemoData) =>
      d.invoices.filter((i) => i.customer_external_id === 'C00003').map((i) => [i.issue_date, i.total]);
    expect(mine(few)).toEqual(mine(data));
  });

  it('makes a few hundred varied customers the import accepts', () => {
    expect(data.customers).toHaveLength(300);
    for (const row of data.customers) expect(customerInput.safeParse(row).error).toBeUndefined();
    const business = data.customers.filter((c) => c.kind === 'business').length / 300;
    expect(business).toBeGreaterThan(0.6);
    expect(business).toBeLessThan(0.8);
    const currencies = new Set(data.customers.map((c) => c.currency));
    for (const code of ['EUR', 'GBP', 'USD', 'CHF', 'SEK', 'JPY']) expect(currencies).toContain(code);
    const zones = new Set(data.customers.flatMap((c) => c.time_zones));
    for (const zone of [
      'Europe/London',
      'Europe/Berlin',
      'Europe/Paris',
      'America/New_York',
      'America/Chicago',
      'America/Los_Angeles',
      'Asia/Tokyo',
    ]) {
      expect(zones).toContain(zone);
    }
    expect(data.customers.some((c) => c.time_zones.length > 1)).toBe(true);
    const usConsumerRegions = new Set(
      data.customers.filter((c) => c.country === 'US' && c.kind === 'consumer').map((c) => c.region),
    );
    for (const region of ['MA', 'CA', 'NY']) expect(usConsumerRegions).toContain(region);
    const tags = new Set(data.customers.flatMap((c) => c.tags));
    for (const tag of ['key_account', 'public_sector', 'new']) expect(tags).toContain(tag);
    const unique = (values: unknown[]) => new Set(values).size === values.length;
    expect(unique(data.customers.map((c) => c.external_id))).toBe(true);
    expect(unique(data.customers.map((c) => c.email))).toBe(true);
    expect(unique(data.customers.filter((c) => c.kind === 'business').map((c) => c.name))).toBe(true);
  });

  it('writes invoices with valid dates, unique numbers and the currency’s decimals', () => {
    const start = addDays(TODAY, -730);
    const customers = new Map(data.customers.map((c) => [c.external_id, c]));
    expect(new Set(data.invoices.map((i) => i.number)).size).toBe(data.invoices.length);
    for (const invoice of data.invoices) {
      expect(invoiceInput.safeParse(invoice).error).toBeUndefined();
      expect(invoice.issue_date >= start && invoice.issue_date <= TODAY).toBe(true);
      expect(invoice.due_date >= invoice.issue_date).toBe(true);
      expect(invoice.currency).toBe(customers.get(invoice.customer_external_id)!.currency);
      expect(hasExactDecimals(invoice.total, invoice.currency)).toBe(true);
      expect(parseAmount(invoice.total, invoice.currency)).toBeGreaterThan(0n);
    }
    expect(data.invoices.some((i) => i.due_date > TODAY)).toBe(true);
    expect(data.invoices.some((i) => i.terms.discount_percent === '2')).toBe(true);
  });

  it('never dates money before its invoice or after today', () => {
    const invoices = invoiceByNumber(data);
    for (const payment of data.payments) {
      const invoice = invoices.get(payment.invoice_number)!;
      expect(paymentInput.safeParse(payment).error).toBeUndefined();
      expect(payment.customer_external_id).toBe(invoice.customer_external_id);
      expect(payment.currency).toBe(invoice.currency);
      expect(payment.received_on >= invoice.issue_date && payment.received_on <= TODAY).toBe(true);
      expect(hasExactDecimals(payment.amount, payment.currency)).toBe(true);
    }
    const dated = [
      ...data.creditNotes.map((n) => [n.invoice_number, n.issued_on, n.amount] as const),
      ...data.charges.map((c) => [c.invoice_number, c.charged_on, c.amount] as const),
      ...data.writeOffs.map((w) => [w.invoice_number, w.written_off_on, w.amount] as const),
    ];
    for (const [number, on, amount] of dated) {
      const invoice = invoices.get(number)!;
      expect(on >= invoice.issue_date && on <= TODAY).toBe(true);
      expect(hasExactDecimals(amount, invoice.currency)).toBe(true);
    }
  });

  it('has believable payment behaviour: mostly paid, some late, partial and over-payments', () => {
    const invoices = invoiceByNumber(data);
    const paid = data.invoices.filter(
      (i) => parseAmount(data.expectedBalances[i.number]!, i.currency) === 0n,
    );
    expect(paid.length / data.invoices.length).toBeGreaterThan(0.8);
    const lastPayment = new Map<string, string>();
    const perInvoice = new Map<string, number>();
    for (const p of data.payments) {
      lastPayment.set(p.invoice_number, p.received_on);
      perInvoice.set(p.invoice_number, (perInvoice.get(p.invoice_number) ?? 0) + 1);
    }
    const late = paid.filter((i) => (lastPayment.get(i.number) ?? '') > i.due_date).length / paid.length;
    expect(late).toBeGreaterThan(0.2);
    expect(late).toBeLessThan(0.6);
    expect([...perInvoice.values()].some((n) => n > 1)).toBe(true);
    const overpaid = data.payments.filter((p) => {
      const invoice = invoices.get(p.invoice_number)!;
      return parseAmount(p.amount, p.currency) > parseAmount(invoice.total, invoice.currency);
    });
    expect(overpaid.length).toBeGreaterThan(0);
    expect(data.creditNotes.length).toBeGreaterThan(0);
    expect(data.charges.length).toBeGreaterThan(0);
    expect(data.writeOffs.length).toBeGreaterThan(0);
  });

  it('leaves something in every aging bucket of the main currency', () => {
    for (const mainCurrency of ['EUR', 'GBP', 'USD']) {
      const set = mainCurrency === 'EUR' ? data : generateDemoData({ today: TODAY, mainCurrency });
      const aging = agingOf(set, mainCurrency);
      expect(
        aging.every((amount) => amount > 0n),
        `${mainCurrency}: ${aging.join(', ')}`,
      ).toBe(true);
    }
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateDemoData({ today: '2024-02-30' })).toThrow(/today/);
    expect(() => generateDemoData({ today: TODAY, customers: 0 })).toThrow(/customers/);
  });
});

function hasExactDecimals(amount: string, currency: string): boolean {
  const digits = minorDigits(currency);
  return new RegExp(digits === 0 ? '^\\d+$' : `^\\d+\\.\\d{${digits}}$`).test(amount);
}
