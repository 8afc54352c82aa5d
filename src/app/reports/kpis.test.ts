import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { createTestOrg, openTestDatabase, type TestOrg } from '../../../test/support/database.js';
import { kpiReport } from './kpis.js';
import { handWorkedMarch } from './test-support/hand-worked-march.js';

/** The hand-worked March 2024 of `test-support/hand-worked-march.ts`. */
let database: Database;
let org: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: '2024-04-30T12:00:00Z' });
  await handWorkedMarch(org.ctx);
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
