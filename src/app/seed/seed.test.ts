import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmount, parseAmount } from '../../domain/money.js';
import { queryRows, type Database } from '../../store/database.js';
import { createTestOrg, openTestDatabase, type TestOrg } from '../../../test/support/database.js';
import { verifyLedger } from '../ledger/verify.js';
import { agingReport } from '../reports/aging.js';
import { generateDemoData } from './generate.js';
import { listDisputes, listDisputesQuery } from '../disputes/index.js';
import { listPlans, listPlansQuery } from '../plans/index.js';
import { listPromises, listPromisesQuery } from '../promises.js';
import { isEmpty, seedDemoData } from './seed.js';

const TODAY = '2024-06-01';
// A third of the default keeps the suite quick and still fills every aging bucket in EUR.
const CUSTOMERS = 100;
let database: Database;
let org: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: `${TODAY}T12:00:00Z`, baseCurrency: 'EUR' });
});
afterAll(async () => database?.close());

describe('seedDemoData', () => {
  it('fills an empty organisation with a consistent, aged ledger', { timeout: 120_000 }, async () => {
    expect(await isEmpty(org.ctx)).toBe(true);
    const started = performance.now();
    const result = await seedDemoData(org.ctx, { today: TODAY, customers: CUSTOMERS });
    const seconds = (performance.now() - started) / 1000;
    console.info(`seeded ${JSON.stringify(result)} on ${database.kind} in ${seconds.toFixed(1)} s`);

    const expected = generateDemoData({ today: TODAY, customers: CUSTOMERS, mainCurrency: 'EUR' });
    expect(result).toEqual({
      customers: CUSTOMERS,
      invoices: expected.invoices.length,
      payments: expected.payments.length,
      creditNotes: expected.creditNotes.length,
      writeOffs: expected.writeOffs.length,
      engagement: { plans: 3, promises: 2, disputes: 3, reasons: 5 },
    });
    expect(await isEmpty(org.ctx)).toBe(false);

    const check = await verifyLedger(database.db, org.ctx.tenantId);
    expect(check.problems).toEqual([]);

    // Every invoice owes what the generator's own simulation of the ledger says.
    const rows = await queryRows<{ number: string; currency: string; balance: string; due_date: string }>(
      database.db,
      sql`SELECT number, currency, balance::text AS balance, due_date::text AS due_date
          FROM invoices WHERE tenant_id = ${org.ctx.tenantId}`,
    );
    const actual = Object.fromEntries(
      rows.map((r) => [r.number, formatAmount(BigInt(r.balance), r.currency)]),
    );
    expect(actual).toEqual(expected.expectedBalances);
    expect(rows.some((r) => r.balance === '0')).toBe(true);
    expect(rows.some((r) => r.balance !== '0' && r.due_date < TODAY)).toBe(true);

    // The arrangements with debtors show each state.
    const plans = await listPlans(org.ctx, listPlansQuery.parse({}));
    expect(plans.data.map((p) => p.status).sort()).toEqual(['active', 'active', 'defaulted']);
    const promises = await listPromises(org.ctx, listPromisesQuery.parse({}));
    expect(promises.data.map((p) => p.status).sort()).toEqual(['broken', 'pending']);
    const disputes = await listDisputes(org.ctx, listDisputesQuery.parse({}));
    expect(disputes.data.map((d) => d.status).sort()).toEqual(['open', 'open', 'resolved']);

    const aging = await agingReport(org.ctx, {});
    expect(aging.currency).toBe('EUR');
    for (const bucket of aging.buckets) {
      expect(parseAmount(bucket.amount.amount, 'EUR'), bucket.label).toBeGreaterThan(0n);
    }
  });

  it('refuses an organisation that already has customers', async () => {
    await expect(seedDemoData(org.ctx, { today: TODAY })).rejects.toThrow(/already has customers/);
  });

  it('refuses a today after the organisation’s clock', async () => {
    const other = await createTestOrg(database, { now: `${TODAY}T12:00:00Z` });
    await expect(seedDemoData(other.ctx, { today: '2024-06-02' })).rejects.toThrow(/today/);
    expect(await isEmpty(other.ctx)).toBe(true);
  });
});
