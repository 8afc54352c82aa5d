import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { disputes } from '../../store/schema.js';
import {
  createTestCustomer,
  createTestOrg,
  openTestDatabase,
  type TestOrg,
} from '../../../test/support/database.js';
import { newId } from '../context.js';
import { createInvoice } from '../invoices.js';
import { recordPayment } from '../payments.js';
import { writeOff } from '../invoice-adjustments.js';
import { createPromise } from '../promises.js';
import { kpiReport } from './kpis.js';

/**
 * A hand-computed March 2024 (31 days), EUR:
 * - I4 issued 5 Jan, due 4 Feb, 200.00; 50.00 written off on 15 Mar
 * - I1 issued 1 Feb, due 2 Mar, 1000.00; paid 20 Mar (48 days to pay, 18 late)
 * - I2 issued 1 Mar, due 31 Mar, 600.00; paid 25 Mar (24 days, on time)
 * - I3 issued 10 Mar, due 9 Apr, 400.00; open, disputed on 28 Mar
 * Beginning receivables (29 Feb) 1200 (200 overdue); credit sales 1000 (I2 + I3); ending
 * receivables 550 (I3 400 current + I4 150 overdue).
 */
let database: Database;
let org: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: '2024-04-30T12:00:00Z' });
  const { ctx } = org;
  const customer = await createTestCustomer(ctx, { external_id: 'K1', currency: 'EUR' });
  const invoice = (number: string, issue: string, due: string, total: string) =>
    createInvoice(ctx, {
      customer_id: customer.id,
      number,
      issue_date: issue,
      due_date: due,
      currency: 'EUR',
      total,
    });
  const i4 = await invoice('I4', '2024-01-05', '2024-02-04', '200.00');
  const i1 = await invoice('I1', '2024-02-01', '2024-03-02', '1000.00');
  const i2 = await invoice('I2', '2024-03-01', '2024-03-31', '600.00');
  const i3 = await invoice('I3', '2024-03-10', '2024-04-09', '400.00');
  await writeOff(ctx, i4.id, { amount: '50.00', reason: 'goodwill', written_off_on: '2024-03-15' });
  const pay = (amount: string, on: string, invoiceId: string) =>
    recordPayment(ctx, {
      customer_id: customer.id,
      amount,
      currency: 'EUR',
      received_on: on,
      allocations: [{ invoice_id: invoiceId, amount }],
    });
  await pay('1000.00', '2024-03-20', i1.id);
  await pay('600.00', '2024-03-25', i2.id);
  // Kept: 600 arrives on 25 Mar. Broken: nothing arrives from 26 Mar to 30 Mar (27 Mar + 3 days' grace).
  await createPromise(ctx, {
    customer_id: customer.id,
    amount: '600.00',
    currency: 'EUR',
    due_on: '2024-03-26',
    invoice_ids: [i2.id],
    agreed_at: '2024-03-24T10:00:00Z',
  });
  await createPromise(ctx, {
    customer_id: customer.id,
    amount: '150.00',
    currency: 'EUR',
    due_on: '2024-03-27',
    invoice_ids: [i4.id],
    agreed_at: '2024-03-27T10:00:00Z',
  });
  await ctx.db.insert(disputes).values({
    tenantId: ctx.tenantId,
    id: newId(),
    customerId: customer.id,
    invoiceId: i3.id,
    reasonCode: 'quality',
    source: 'api',
    openedAt: new Date('2024-03-28T09:00:00Z'),
  });
});
afterAll(async () => database?.close());

describe('KPIs of a period, from the ledger', () => {
  it('computes every KPI of the hand-worked month', async () => {
    const report = await kpiReport(org.ctx, { from: '2024-03-01', to: '2024-03-31', currency: 'EUR' });
    expect(report).toMatchObject({
      days: 31,
      dso: 17.05, // 550 / 1000 × 31
      dso_countback: 17.05, // 550 of March's 1000 → 0.55 × 31
      best_possible_dso: 12.4, // 400 / 1000 × 31
      average_days_delinquent: 4.65,
      cei: 91.67, // (1200 + 1000 − 550) / (1200 + 1000 − 400)
      average_days_to_pay: 36, // (48 + 24) / 2
      average_days_to_pay_weighted: 39, // (48 × 1000 + 24 × 600) / 1600
      average_days_late: 9, // (18 + 0) / 2
      percent_paid_late: 50,
      collection_rate: 88.89, // 1600 collected of 200 overdue + 1600 falling due
      write_off_ratio: 5, // 50 / 1000
      promise_kept_rate: 50,
      dispute_rate: 50, // 1 dispute, 2 invoices issued
    });
    expect(report.figures).toMatchObject({
      beginning_receivables: { amount: '1200.00', currency: 'EUR' },
      ending_receivables: { amount: '550.00', currency: 'EUR' },
      credit_sales: { amount: '1000.00', currency: 'EUR' },
      invoices_paid: 2,
    });
  });

  it('reads the ledger as of the period end: April payments are not in March', async () => {
    const february = await kpiReport(org.ctx, { from: '2024-02-01', to: '2024-02-29', currency: 'EUR' });
    expect(february.figures.ending_receivables.amount).toBe('1200.00');
    expect(february.figures.invoices_paid).toBe(0);
    expect(february.average_days_to_pay).toBeNull();
  });

  it('breaks the period down by month', async () => {
    const report = await kpiReport(org.ctx, {
      from: '2024-02-01',
      to: '2024-03-31',
      currency: 'EUR',
      period: 'month',
    });
    expect(report.periods?.map((p) => [p.from, p.to])).toEqual([
      ['2024-02-01', '2024-02-29'],
      ['2024-03-01', '2024-03-31'],
    ]);
    expect(report.periods?.[1]?.cei).toBe(91.67);
    // Two months: N = 2, credit sales 2000 (I1 in Feb, I2 and I3 in Mar), beginning 200.
    expect(report.cei).toBe(Math.round(((200 + 1000 - 550) / (200 + 1000 - 400)) * 10000) / 100);
  });

  it('filters by segment: customers never evaluated are in default', async () => {
    const other = await kpiReport(org.ctx, {
      from: '2024-03-01',
      to: '2024-03-31',
      currency: 'EUR',
      segment: 'vip',
    });
    expect(other.figures).toMatchObject({
      credit_sales: { amount: '0.00' },
      collected: { amount: '0.00' },
      invoices_paid: 0,
    });
    const base = await kpiReport(org.ctx, {
      from: '2024-03-01',
      to: '2024-03-31',
      currency: 'EUR',
      segment: 'default',
    });
    expect(base.dso).toBe(17.05);
    expect(base.cei).toBe(91.67);
  });

  it('refuses a period that ends before it starts, naming the parameter', async () => {
    await expect(kpiReport(org.ctx, { from: '2024-03-31', to: '2024-03-01' })).rejects.toMatchObject({
      details: [{ path: 'to' }],
    });
  });
});
