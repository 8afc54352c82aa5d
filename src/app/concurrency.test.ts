import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/database.js';
import {
  createTestCustomer,
  createTestOrg,
  openTestDatabase,
  type TestOrg,
} from '../../test/support/database.js';
import { getCustomer } from './customers.js';
import { createInvoice, getInvoice } from './invoices.js';
import { recordPayment } from './payments.js';
import { writeOff } from './invoice-adjustments.js';
import { verifyLedger } from './ledger/verify.js';

/**
 * Payments and adjustments racing for the same customer (several connections on PostgreSQL)
 * must not spend one open balance twice: the customer lock serialises them.
 */
let database: Database;
let org: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database);
});
afterAll(async () => database?.close());

describe('concurrent ledger writes', () => {
  it('twelve payments and a write-off at once never over-pay an invoice', async () => {
    const customer = await createTestCustomer(org.ctx, { external_id: 'RACE', name: 'Race' });
    const invoice = await createInvoice(org.ctx, {
      customer_id: customer.id,
      number: 'RACE-1',
      issue_date: '2024-01-01',
      due_date: '2024-01-31',
      total: '1000.00',
    });
    const payments = Array.from({ length: 12 }, (_, i) =>
      recordPayment(org.ctx, {
        customer_id: customer.id,
        amount: '100.00',
        currency: 'EUR',
        received_on: '2024-02-01',
        reference: `race ${i}`,
      }),
    );
    const results = await Promise.allSettled([
      ...payments,
      writeOff(org.ctx, invoice.id, { amount: '50.00', reason: 'race' }),
    ]);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const after = await getInvoice(org.ctx, invoice.id);
    expect(after.balance.amount).toBe('0.00');
    const view = await getCustomer(org.ctx, customer.id);
    // 1,200 paid against 1,000 owed, 50 of it written off: 250 stays on account.
    expect(view.on_account).toEqual([{ amount: '250.00', currency: 'EUR' }]);
    expect((await verifyLedger(database.db, org.ctx.tenantId)).problems).toEqual([]);
  });
});
