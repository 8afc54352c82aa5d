import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { createTestOrg, openTestDatabase, type TestOrg } from '../../../test/support/database.js';
import { csvText, fixture } from '../../../test/fixtures/imports/fixtures.js';
import { getCustomer, listCustomers } from '../customers.js';
import { listInvoices } from '../invoices.js';
import { verifyLedger } from '../ledger/verify.js';
import { listPayments } from '../payments.js';
import { importCsv } from './index.js';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

/** An organisation with the fixture customers and invoices. */
async function orgWithInvoices(): Promise<TestOrg> {
  const org = await createTestOrg(database);
  expect((await importCsv(org.ctx, fixture('customers.csv'), { format: 'customers-csv' })).status).toBe(
    'completed',
  );
  expect((await importCsv(org.ctx, fixture('invoices.csv'), { format: 'invoices-csv' })).status).toBe(
    'completed',
  );
  return org;
}

async function balances(org: TestOrg): Promise<Record<string, string>> {
  const { data } = await listInvoices(org.ctx, { limit: 500 });
  return Object.fromEntries(data.map((i) => [i.number, i.balance.amount]));
}

async function onAccount(org: TestOrg, externalId: string) {
  const { data } = await listCustomers(org.ctx, { external_id: externalId, limit: 1 });
  return (await getCustomer(org.ctx, data[0]!.id)).on_account;
}

async function expectBalanced(org: TestOrg) {
  const check = await verifyLedger(database.db, org.ctx.tenantId);
  expect(check.problems).toEqual([]);
}

describe('payments-csv', () => {
  it('posts payments through the ledger: to the named invoice, else by policy', async () => {
    const org = await orgWithInvoices();
    const result = await importCsv(org.ctx, fixture('payments.csv'), { format: 'payments-csv' });
    expect(result).toMatchObject({
      status: 'completed',
      counts: { rows: 4, created: 4, unchanged: 0, rejected: 0 },
    });
    expect(await balances(org)).toEqual({
      // 500.00 named this invoice, then 100.00 by policy went to it as the oldest due.
      '0122662308': '600.00',
      'INV-0002': '300.50',
      'INV-0003': '0.00',
      'JP-0001': '0',
    });
    expect(await onAccount(org, 'C-300')).toEqual([{ amount: '1000', currency: 'JPY' }]);
    const { data } = await listPayments(org.ctx, { limit: 50 });
    expect(data).toHaveLength(4);
    expect(data.find((p) => p.reference === 'RA-1')).toMatchObject({
      method: 'transfer',
      received_on: '2024-02-15',
      allocations: [{ amount: { amount: '500.00', currency: 'EUR' } }],
    });
    await expectBalanced(org);

    const again = await importCsv(org.ctx, fixture('payments.csv'), { format: 'payments-csv' });
    expect(again).toMatchObject({
      status: 'completed',
      counts: { rows: 4, created: 0, unchanged: 4, rejected: 0 },
    });
    expect((await listPayments(org.ctx, { limit: 50 })).data).toHaveLength(4);
    await expectBalanced(org);
  });

  it('pays a named invoice no more than its balance, and keeps two equal payments apart', async () => {
    const org = await orgWithInvoices();
    const text =
      'customer_external_id,amount,currency,received_on,reference,invoice_number\n' +
      'C-100,2000.00,EUR,2024-02-20,BIG,INV-0002\n' +
      'C-200,10.00,USD,2024-04-02,,\n' +
      'C-200,10.00,USD,2024-04-02,,\n';
    const result = await importCsv(org.ctx, csvText(text), { format: 'payments-csv' });
    expect(result.counts).toEqual({ rows: 3, created: 3, unchanged: 0, rejected: 0 });
    expect((await balances(org))['INV-0002']).toBe('0.00');
    expect(await onAccount(org, 'C-100')).toEqual([{ amount: '1699.50', currency: 'EUR' }]);
    expect((await balances(org))['INV-0003']).toBe('79.99');
    await expectBalanced(org);

    const again = await importCsv(org.ctx, csvText(text), { format: 'payments-csv' });
    expect(again.counts).toEqual({ rows: 3, created: 0, unchanged: 3, rejected: 0 });
    const withThird = await importCsv(org.ctx, csvText(text + 'C-200,10.00,USD,2024-04-02,,\n'), {
      format: 'payments-csv',
    });
    expect(withThird.counts).toEqual({ rows: 4, created: 1, unchanged: 3, rejected: 0 });
    expect((await balances(org))['INV-0003']).toBe('69.99');
    await expectBalanced(org);
  });

  it('refuses a file with bad rows whole, naming row and column', async () => {
    const org = await orgWithInvoices();
    const text =
      'customer_external_id,amount,currency,received_on,invoice_number\n' +
      'C-100,10.00,EUR,2024-03-01,\n' +
      'C-100,10.00,EUR,2024-03-01,NO-SUCH\n' +
      'C-100,10.00,EUR,2024-03-01,INV-0003\n' +
      'C-300,10.5,JPY,2024-03-01,\n' +
      'C-300,10,EUR,2024-03-01,JP-0001\n' +
      'C-999,10.00,EUR,2024-03-01,\n' +
      'C-100,10.00,EUR,,\n' +
      'C-100,-5.00,EUR,2024-03-01,\n';
    const result = await importCsv(org.ctx, csvText(text), { format: 'payments-csv' });
    expect(result.status).toBe('rejected');
    expect(result.errors).toEqual([
      { row: 3, field: 'invoice_number', message: 'no invoice with number NO-SUCH' },
      { row: 4, field: 'invoice_number', message: 'invoice INV-0003 belongs to another customer' },
      { row: 5, field: 'amount', message: '"10.5" has more than 0 decimals, the most JPY allows' },
      { row: 6, field: 'invoice_number', message: 'invoice JP-0001 is in JPY, the payment in EUR' },
      { row: 7, field: 'customer_external_id', message: 'no customer with external_id C-999' },
      { row: 8, field: 'received_on', message: 'is required' },
      { row: 9, field: 'amount', message: 'must be greater than zero, got "-5.00"' },
    ]);
    expect(result.counts).toEqual({ rows: 8, created: 0, unchanged: 0, rejected: 7 });
    expect((await listPayments(org.ctx, { limit: 50 })).data).toHaveLength(0);
    expect((await balances(org))['0122662308']).toBe('1200.00');

    const dry = await importCsv(org.ctx, fixture('payments.csv'), { format: 'payments-csv', dryRun: true });
    expect(dry).toMatchObject({ status: 'validated', counts: { created: 4, rejected: 0 } });
    expect((await listPayments(org.ctx, { limit: 50 })).data).toHaveLength(0);

    const partial = await importCsv(org.ctx, csvText(text), { format: 'payments-csv', partial: true });
    expect(partial).toMatchObject({ status: 'partial', counts: { created: 1, rejected: 7 } });
    expect((await balances(org))['0122662308']).toBe('1190.00');
    await expectBalanced(org);
  });
});
