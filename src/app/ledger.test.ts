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
import { applyCredit, recordPayment } from './payments.js';
import { createCreditNote } from './credit-notes.js';
import { addCharge, voidInvoice, writeOff } from './invoice-adjustments.js';
import { verifyLedger } from './ledger/verify.js';
import { RecoupError } from '../domain/errors.js';

let database: Database;
let org: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database);
});
afterAll(async () => database?.close());

let counter = 0;
async function customerWithInvoices(totals: string[], currency = 'EUR') {
  const n = ++counter;
  const customer = await createTestCustomer(org.ctx, {
    external_id: `C${n}`,
    name: `Customer ${n}`,
    currency,
  });
  const invoices = [];
  for (const [index, total] of totals.entries()) {
    invoices.push(
      await createInvoice(org.ctx, {
        customer_id: customer.id,
        number: `INV-${n}-${index}`,
        issue_date: `2024-0${index + 1}-01`,
        due_date: `2024-0${index + 1}-15`,
        total,
      }),
    );
  }
  return { customer, invoices };
}

async function expectBalanced() {
  const check = await verifyLedger(database.db, org.ctx.tenantId);
  expect(check.problems).toEqual([]);
}

describe('the ledger', () => {
  it('pays the oldest invoice first and keeps the over-payment on account', async () => {
    const { customer, invoices } = await customerWithInvoices(['100.00', '50.00']);
    const payment = await recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '180.00',
      currency: 'EUR',
      received_on: '2024-05-01',
    });
    expect(payment.allocations.map((a) => a.amount.amount)).toEqual(['100.00', '50.00']);
    expect(payment.unapplied).toEqual({ amount: '30.00', currency: 'EUR' });
    const view = await getCustomer(org.ctx, customer.id);
    expect(view.balance).toEqual([{ amount: '0.00', currency: 'EUR' }]);
    expect(view.on_account).toEqual([{ amount: '30.00', currency: 'EUR' }]);
    expect((await getInvoice(org.ctx, invoices[0]!.id)).status).toBe('paid');
    await expectBalanced();
  });

  it('reads the past: a payment after as_of is not in it', async () => {
    const { customer, invoices } = await customerWithInvoices(['100.00']);
    await recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '40.00',
      currency: 'EUR',
      received_on: '2024-03-01',
    });
    const before = await getInvoice(org.ctx, invoices[0]!.id, '2024-02-20');
    expect(before.balance.amount).toBe('100.00');
    expect(before.days_past_due).toBe(36);
    expect(before.status).toBe('open');
    const after = await getInvoice(org.ctx, invoices[0]!.id, '2024-03-01');
    expect(after.balance.amount).toBe('60.00');
    expect(after.status).toBe('partially_paid');
    await expectBalanced();
  });

  it('pays fees, then interest, then principal', async () => {
    const { customer, invoices } = await customerWithInvoices(['100.00']);
    await addCharge(org.ctx, invoices[0]!.id, {
      kind: 'fee',
      amount: '40.00',
      charged_on: '2024-02-20',
      reason: 'late',
    });
    await addCharge(org.ctx, invoices[0]!.id, {
      kind: 'interest',
      amount: '1.50',
      charged_on: '2024-02-20',
      reason: 'late',
    });
    await recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '50.00',
      currency: 'EUR',
      received_on: '2024-03-01',
    });
    const invoice = await getInvoice(org.ctx, invoices[0]!.id);
    expect(invoice.balance_breakdown).toEqual({
      fee: { amount: '0.00', currency: 'EUR' },
      interest: { amount: '0.00', currency: 'EUR' },
      principal: { amount: '91.50', currency: 'EUR' },
    });
    await expectBalanced();
  });

  it('follows explicit allocations and refuses over-allocation without changing anything', async () => {
    const { customer, invoices } = await customerWithInvoices(['100.00', '50.00']);
    const refused = recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '60.00',
      currency: 'EUR',
      received_on: '2024-05-01',
      allocations: [{ invoice_id: invoices[1]!.id, amount: '50.01' }],
    });
    await expect(refused).rejects.toThrow('allocations[0].amount');
    expect((await getCustomer(org.ctx, customer.id)).on_account).toEqual([]);
    const payment = await recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '60.00',
      currency: 'EUR',
      received_on: '2024-05-01',
      allocations: [{ invoice_id: invoices[1]!.id, amount: '50.00' }],
    });
    expect(payment.allocations).toEqual([
      { invoice_id: invoices[1]!.id, amount: { amount: '50.00', currency: 'EUR' } },
    ]);
    expect(payment.unapplied.amount).toBe('10.00');
    const applied = await applyCredit(org.ctx, customer.id, { invoice_id: invoices[0]!.id });
    expect(applied.applied.amount).toBe('10.00');
    expect((await getInvoice(org.ctx, invoices[0]!.id)).balance.amount).toBe('90.00');
    await expectBalanced();
  });

  it('turns a credit note on a paid invoice into on-account credit', async () => {
    const { customer, invoices } = await customerWithInvoices(['100.00']);
    await recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '70.00',
      currency: 'EUR',
      received_on: '2024-02-01',
    });
    const note = await createCreditNote(org.ctx, {
      invoice_id: invoices[0]!.id,
      amount: '50.00',
      reason: 'damaged',
    });
    expect(note.applied.amount).toBe('30.00');
    expect(note.on_account.amount).toBe('20.00');
    await expect(
      createCreditNote(org.ctx, { invoice_id: invoices[0]!.id, amount: '50.01', reason: 'again' }),
    ).rejects.toThrow(/not yet credited/);
    await expectBalanced();
  });

  it('writes off the rest and marks the invoice written_off', async () => {
    const { customer, invoices } = await customerWithInvoices(['100.00']);
    await recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '70.00',
      currency: 'EUR',
      received_on: '2024-02-01',
    });
    const result = await writeOff(org.ctx, invoices[0]!.id, { reason: 'small balance' });
    expect(result.amount.amount).toBe('30.00');
    expect(result.invoice.status).toBe('written_off');
    await expect(writeOff(org.ctx, invoices[0]!.id, { reason: 'again' })).rejects.toBeInstanceOf(RecoupError);
    await expectBalanced();
  });

  it('never lets a back-dated write-off touch a fee charged later', async () => {
    const { invoices } = await customerWithInvoices(['100.00']);
    await addCharge(org.ctx, invoices[0]!.id, {
      kind: 'fee',
      amount: '40.00',
      charged_on: '2024-03-01',
      reason: 'late',
    });
    const result = await writeOff(org.ctx, invoices[0]!.id, { reason: 'old', written_off_on: '2024-02-15' });
    expect(result.amount.amount).toBe('100.00');
    const invoice = await getInvoice(org.ctx, invoices[0]!.id);
    expect(invoice.balance_breakdown.fee.amount).toBe('40.00');
    expect((await getInvoice(org.ctx, invoices[0]!.id, '2024-02-20')).balance.amount).toBe('0.00');
    await expect(
      writeOff(org.ctx, invoices[0]!.id, { reason: 'before issue', written_off_on: '2023-12-01' }),
    ).rejects.toThrow(/written_off_on: is before the invoice date/);
    await expectBalanced();
  });

  it('voids an untouched invoice and refuses to void a paid one', async () => {
    const { customer, invoices } = await customerWithInvoices(['100.00', '20.00']);
    const voided = await voidInvoice(org.ctx, invoices[1]!.id, { reason: 'sent twice' });
    expect(voided.status).toBe('void');
    await recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '10.00',
      currency: 'EUR',
      received_on: '2024-05-01',
    });
    await expect(voidInvoice(org.ctx, invoices[0]!.id, { reason: 'x' })).rejects.toThrow(/credit it instead/);
    await expectBalanced();
  });

  it('takes the early-payment discount when paid inside the window', async () => {
    const customer = await createTestCustomer(org.ctx, { external_id: 'DISC', name: 'Discount taker' });
    const invoice = await createInvoice(org.ctx, {
      customer_id: customer.id,
      number: 'DISC-1',
      issue_date: '2024-05-01',
      total: '1000.00',
      terms: { net_days: 30, discount_percent: '2', discount_days: 10 },
    });
    expect(invoice.due_date).toBe('2024-05-31');
    const payment = await recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '980.00',
      currency: 'EUR',
      received_on: '2024-05-10',
    });
    expect(payment.unapplied.amount).toBe('0.00');
    expect((await getInvoice(org.ctx, invoice.id)).status).toBe('paid');
    await expectBalanced();
  });

  it('never mixes currencies', async () => {
    const { customer } = await customerWithInvoices(['100.00'], 'USD');
    const payment = await recordPayment(org.ctx, {
      customer_id: customer.id,
      amount: '100.00',
      currency: 'EUR',
      received_on: '2024-05-01',
    });
    expect(payment.allocations).toEqual([]);
    const view = await getCustomer(org.ctx, customer.id);
    expect(view.balance).toEqual([{ amount: '100.00', currency: 'USD' }]);
    expect(view.on_account).toEqual([{ amount: '100.00', currency: 'EUR' }]);
    await expectBalanced();
  });
});
