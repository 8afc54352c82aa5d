import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../store/database.js';
import { queryRows } from '../../store/database.js';
import {
  createTestCustomer,
  createTestOrg,
  openTestDatabase,
  type TestOrg,
} from '../../../test/support/database.js';
import { createInvoice } from '../invoices.js';
import { recordPayment } from '../payments.js';
import { writeArSnapshots } from './ar-snapshots.js';
import { arTrends } from './trends.js';

let database: Database;
let org: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: '2024-06-01T12:00:00Z' });
  const customer = await createTestCustomer(org.ctx, { external_id: 'S1' });
  for (const [number, due, currency, total] of [
    ['S-1', '2024-05-01', 'EUR', '100.00'],
    ['S-2', '2024-06-10', 'EUR', '50.00'],
    ['S-3', '2024-04-01', 'JPY', '7000'],
  ] as const)
    await createInvoice(org.ctx, {
      customer_id: customer.id,
      number,
      issue_date: '2024-03-01',
      due_date: due,
      currency,
      total,
    });
  await recordPayment(org.ctx, {
    customer_id: customer.id,
    amount: '30.00',
    currency: 'EUR',
    received_on: '2024-05-31',
  });
});
afterAll(async () => database?.close());

describe('daily AR snapshots', () => {
  it('writes one row per day and currency, again and again', async () => {
    await writeArSnapshots(org.ctx, new Date('2024-05-31T20:00:00Z'));
    await writeArSnapshots(org.ctx, new Date('2024-05-31T21:00:00Z'));
    await writeArSnapshots(org.ctx, new Date('2024-05-20T08:00:00Z'));
    const rows = await queryRows<{ as_of: string; currency: string }>(
      org.ctx.db,
      sql`SELECT as_of::text AS as_of, currency FROM ar_snapshots WHERE tenant_id = ${org.ctx.tenantId} ORDER BY as_of, currency`,
    );
    expect(rows).toEqual([
      { as_of: '2024-05-20', currency: 'EUR' },
      { as_of: '2024-05-20', currency: 'JPY' },
      { as_of: '2024-05-31', currency: 'EUR' },
      { as_of: '2024-05-31', currency: 'JPY' },
    ]);
  });

  it('reads the trend of a currency from them, as the aging was that day', async () => {
    const trend = await arTrends(org.ctx, { from: '2024-05-01', to: '2024-05-31', currency: 'EUR' });
    expect(trend.data.map((d) => [d.as_of, d.total.amount, d.overdue.amount, d.overdue_percent])).toEqual([
      ['2024-05-20', '150.00', '100.00', 66.67],
      ['2024-05-31', '120.00', '70.00', 58.33],
    ]);
    expect(trend.data[1]!.buckets.find((b) => b.label === '1-30')).toEqual({
      label: '1-30',
      count: 1,
      amount: { amount: '70.00', currency: 'EUR' },
    });
    const yen = await arTrends(org.ctx, { from: '2024-05-31', to: '2024-05-31', currency: 'JPY' });
    expect(yen.data[0]!.total).toEqual({ amount: '7000', currency: 'JPY' });
  });
});
