import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../store/database.js';
import {
  createTestCustomer,
  createTestOrg,
  openTestDatabase,
  type TestOrg,
} from '../../../test/support/database.js';
import { createInvoice } from '../invoices.js';
import { recordPayment } from '../payments.js';
import { addCharge, voidInvoice, writeOff } from '../invoice-adjustments.js';
import { createCreditNote } from '../credit-notes.js';
import { loadInvoiceStates } from '../ledger/invoice-state.js';
import { agingBuckets, bucketIndex } from '../../domain/aging.js';
import { formatAmount } from '../../domain/money.js';
import { agingReport } from './aging.js';

let database: Database;
let org: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: '2024-12-31T12:00:00Z' });
  const { ctx } = org;
  const customers = [];
  for (let c = 0; c < 4; c++) {
    customers.push(await createTestCustomer(ctx, { external_id: `A${c}` }));
  }
  const invoices = [];
  for (let i = 0; i < 24; i++) {
    const month = String((i % 11) + 1).padStart(2, '0');
    invoices.push(
      await createInvoice(ctx, {
        customer_id: customers[i % 4]!.id,
        number: `AG-${i}`,
        issue_date: `2024-${month}-0${(i % 9) + 1}`,
        due_date: `2024-${month}-2${i % 9}`,
        currency: i % 5 === 0 ? 'USD' : 'EUR',
        total: `${100 + i * 37}.${String(i).padStart(2, '0')}`,
      }),
    );
  }
  for (let p = 0; p < 10; p++) {
    await recordPayment(ctx, {
      customer_id: customers[p % 4]!.id,
      amount: `${150 + p * 90}.00`,
      currency: 'EUR',
      received_on: `2024-${String(p + 2).padStart(2, '0')}-15`,
    });
  }
  await addCharge(ctx, invoices[3]!.id, {
    kind: 'fee',
    amount: '40.00',
    charged_on: '2024-10-01',
    reason: 'late',
  });
  await writeOff(ctx, invoices[7]!.id, { reason: 'small', written_off_on: '2024-11-30' }).catch(
    () => undefined,
  );
  await createCreditNote(ctx, {
    invoice_id: invoices[9]!.id,
    amount: '20.00',
    reason: 'x',
    issued_on: '2024-10-20',
  });
  await voidInvoice(ctx, invoices[23]!.id, { reason: 'dup', voided_on: '2024-12-01' }).catch(() => undefined);
});
afterAll(async () => database?.close());

/** The same report computed the slow way, invoice by invoice. */
async function bruteForce(asOf: string, currency: string) {
  const states = await loadInvoiceStates(org.ctx.db, org.ctx.tenantId, sql`i.currency = ${currency}`, asOf);
  const buckets = agingBuckets();
  const result = buckets.map((b) => ({ label: b.label, count: 0, amount: 0n }));
  for (const state of states.filter((s) => s.balance > 0n)) {
    const bucket = result[bucketIndex(buckets, state.daysPastDue)]!;
    bucket.count++;
    bucket.amount += state.balance;
  }
  return result.map((b) => ({ label: b.label, count: b.count, amount: formatAmount(b.amount, currency) }));
}

describe('aging report', () => {
  it.each(['2024-01-31', '2024-03-15', '2024-06-30', '2024-09-09', '2024-11-30', '2024-12-31', '2025-06-30'])(
    'matches the invoice-by-invoice computation as of %s',
    async (asOf) => {
      for (const currency of ['EUR', 'USD']) {
        const report = await agingReport(org.ctx, { as_of: asOf, currency });
        expect(
          report.buckets.map((b) => ({ label: b.label, count: b.count, amount: b.amount.amount })),
        ).toEqual(await bruteForce(asOf, currency));
      }
    },
  );

  it('uses custom bucket edges and refuses bad ones', async () => {
    const report = await agingReport(org.ctx, { as_of: '2024-12-31', buckets: '15,45' });
    expect(report.buckets.map((b) => b.label)).toEqual(['current', '1-15', '16-45', '45+']);
    await expect(agingReport(org.ctx, { buckets: '45,15' })).rejects.toThrow(/buckets: edges must increase/);
  });

  it('ages one customer', async () => {
    const [customer] = await database.db
      .execute(sql`SELECT id FROM customers WHERE external_id = 'A1'`)
      .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
    const report = await agingReport(org.ctx, { as_of: '2024-12-31', customer_id: customer!.id });
    expect(report.count).toBeGreaterThan(0);
  });
});
