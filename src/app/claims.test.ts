import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/database.js';
import { createTestOrg, openTestDatabase, type TestOrg } from '../../test/support/database.js';
import { RecoupError } from '../domain/errors.js';
import { claimSchema } from '../http/routes/claims.js';
import { buildServer } from '../http/server.js';
import { getClaim } from './claims.js';
import { fixedClock, type Ctx } from './context.js';
import { createCreditNote } from './credit-notes.js';
import { createCustomer } from './customers.js';
import { addCharge, voidInvoice, writeOff } from './invoice-adjustments.js';
import { createInvoice } from './invoices.js';
import { recordPayment } from './payments.js';

let database: Database;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: '2025-01-15T12:00:00Z', baseCurrency: 'GBP' });
  other = await createTestOrg(database, { name: 'Other Ltd', now: '2025-01-15T12:00:00Z' });
});
afterAll(async () => database?.close());

let counter = 0;

/** A customer with one invoice of `total` issued 2024-03-01, due 2024-03-31. */
async function invoiceFor(
  customer: { kind: 'business' | 'consumer'; country: string; currency: string },
  total = '10000.00',
  dates = { issue_date: '2024-03-01', due_date: '2024-03-31' },
) {
  const n = ++counter;
  const created = await createCustomer(org.ctx, {
    external_id: `CL${n}`,
    name: `Claim customer ${n}`,
    tags: [],
    contacts: [],
    ...customer,
  });
  const invoice = await createInvoice(org.ctx, {
    customer_id: created.id,
    number: `CL-${n}`,
    total,
    ...dates,
  });
  return { customerId: created.id, invoiceId: invoice.id };
}

const ukBusiness = { kind: 'business', country: 'GB', currency: 'GBP' } as const;

async function pay(customerId: string, amount: string, receivedOn: string, currency = 'GBP') {
  await recordPayment(org.ctx, { customer_id: customerId, amount, currency, received_on: receivedOn });
}

async function refusal(promise: Promise<unknown>): Promise<RecoupError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RecoupError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('claims', () => {
  it('UK business: statutory interest on each day’s principal, £100 compensation, the API shape', async () => {
    const { customerId, invoiceId } = await invoiceFor(ukBusiness);
    await pay(customerId, '4000.00', '2024-05-01');
    const claim = await getClaim(org.ctx, invoiceId, { as_of: '2024-06-30' });
    // (10,000 × 30 + 6,000 × 61) × 13.25 % / 365 = 241.767… → 241.77 (see the domain tests)
    expect(claim).toMatchObject({
      rule: 'uk_late_payment',
      as_of: '2024-06-30',
      principal: { amount: '6000.00', currency: 'GBP' },
      interest: { annual_rate: '13.25', days: 91, amount: { amount: '241.77', currency: 'GBP' } },
      compensation: { amount: '100.00', currency: 'GBP' },
      total: { amount: '6341.77', currency: 'GBP' },
      notes: [],
    });
    expect(claim.interest.periods).toEqual([
      expect.objectContaining({ from: '2024-04-01', to: '2024-04-30', annual_rate: '13.25', days: 30 }),
      expect.objectContaining({ from: '2024-05-01', to: '2024-06-30', annual_rate: '13.25', days: 61 }),
    ]);
    expect(claim.interest.periods[0]?.amount).toEqual({ amount: '108.90', currency: 'GBP' });
    expect(claim.interest.reference_rate).toMatchObject({
      source: 'boe_bank_rate',
      on: '2023-12-31',
      rate: '5.25',
    });
  });

  it('reads the past: a payment after as_of is not in it', async () => {
    const { customerId, invoiceId } = await invoiceFor(ukBusiness);
    await pay(customerId, '4000.00', '2024-05-01');
    const claim = await getClaim(org.ctx, invoiceId, { as_of: '2024-04-30' });
    // 30 days on £10,000: 108.904 → 108.90
    expect(claim.principal.amount).toBe('10000.00');
    expect(claim.interest.amount.amount).toBe('108.90');
  });

  it('a paid invoice keeps the interest that ran until it was paid', async () => {
    const { customerId, invoiceId } = await invoiceFor(ukBusiness);
    await pay(customerId, '10000.00', '2024-04-30');
    const claim = await getClaim(org.ctx, invoiceId, { as_of: '2024-12-31' });
    // 29 days × 10,000 × 13.25 % / 365 = 105.274 → 105.27
    expect(claim).toMatchObject({
      principal: { amount: '0.00' },
      interest: { days: 29, amount: { amount: '105.27' } },
      total: { amount: '205.27' },
    });
  });

  it('counts only principal: a fee charged and paid leaves the interest alone', async () => {
    const { customerId, invoiceId } = await invoiceFor(ukBusiness);
    await addCharge(org.ctx, invoiceId, {
      kind: 'fee',
      amount: '70.00',
      charged_on: '2024-04-10',
      reason: 'late',
    });
    await pay(customerId, '70.00', '2024-04-20'); // pays the fee first (allocation policy)
    const claim = await getClaim(org.ctx, invoiceId, { as_of: '2024-06-30' });
    expect(claim.principal.amount).toBe('10000.00');
    expect(claim.interest.amount.amount).toBe('330.34');
  });

  it('credit notes and write-offs lower the principal from their dates', async () => {
    const { invoiceId } = await invoiceFor(ukBusiness);
    await createCreditNote(org.ctx, {
      invoice_id: invoiceId,
      amount: '4000.00',
      reason: 'returned goods',
      issued_on: '2024-05-01',
    });
    await writeOff(org.ctx, invoiceId, { reason: 'gave up', written_off_on: '2024-07-01' });
    const claim = await getClaim(org.ctx, invoiceId, { as_of: '2024-12-31' });
    // 10,000 × 30 days + 6,000 × 61 days, as in the first case; nothing after the write-off
    expect(claim.interest.amount.amount).toBe('241.77');
    expect(claim.principal.amount).toBe('0.00');
  });

  it('Germany, consumer: § 288 BGB by default, split at 1 July, no flat fee, with a note', async () => {
    const { invoiceId } = await invoiceFor({ kind: 'consumer', country: 'DE', currency: 'EUR' }, '10000.00', {
      issue_date: '2024-05-01',
      due_date: '2024-05-31',
    });
    const claim = await getClaim(org.ctx, invoiceId, { as_of: '2024-08-31' });
    expect(claim.rule).toBe('de_bgb_288');
    expect(claim.interest.periods.map((p) => [p.from, p.annual_rate, p.amount.amount])).toEqual([
      ['2024-06-01', '8.62', '70.85'],
      ['2024-07-01', '8.37', '142.17'],
    ]);
    expect(claim.interest.amount).toEqual({ amount: '213.02', currency: 'EUR' });
    expect(claim.compensation).toEqual({ amount: '0.00', currency: 'EUR' });
    expect(claim.notes.map((n) => n.code)).toEqual(['no_compensation_for_consumers']);
  });

  it('an explicit rule wins; one that does not fit is refused naming the rule parameter', async () => {
    const { invoiceId } = await invoiceFor({ kind: 'consumer', country: 'GB', currency: 'GBP' });
    const error = await refusal(
      getClaim(org.ctx, invoiceId, { as_of: '2024-06-30', rule: 'uk_late_payment' }),
    );
    expect(error).toMatchObject({ kind: 'rejected', code: 'rule_not_applicable' });
    expect(error.details.map((d) => d.path)).toEqual(['rule']);
  });

  it('contract rule: the organisation setting, or no_contract_rate', async () => {
    const { invoiceId } = await invoiceFor({ kind: 'business', country: 'US', currency: 'USD' });
    const missing = await refusal(getClaim(org.ctx, invoiceId, { as_of: '2024-06-30' }));
    expect(missing.code).toBe('no_contract_rate');
    const ctx: Ctx = {
      ...org.ctx,
      settings: { ...org.ctx.settings, contract_interest: { annual_rate: '12', day_count: 'ACT/360' } },
    };
    const claim = await getClaim(ctx, invoiceId, { as_of: '2024-06-30' });
    // 10,000 × 12 % × 91 / 360 = 303.333… → 303.33
    expect(claim).toMatchObject({
      rule: 'contract',
      interest: { annual_rate: '12.00', day_count: 'ACT/360', amount: { amount: '303.33', currency: 'USD' } },
      compensation: { amount: '0.00', currency: 'USD' },
    });
    expect(claim.interest.reference_rate).toBeNull();
  });

  it('refuses a void invoice, and another organisation’s invoice is not found', async () => {
    const { invoiceId } = await invoiceFor(ukBusiness);
    expect((await refusal(getClaim(other.ctx, invoiceId))).kind).toBe('not_found');
    await voidInvoice(org.ctx, invoiceId, { reason: 'wrong customer' });
    expect((await refusal(getClaim(org.ctx, invoiceId))).code).toBe('invoice_void');
  });
});

describe('GET /invoices/:id/claim', () => {
  it('answers in the documented shape and names the rule parameter when refusing', async () => {
    const app = await buildServer({ database, clock: fixedClock('2025-01-15T12:00:00Z') });
    const get = async (url: string) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${org.apiKey}` },
      });
      return { status: response.statusCode, body: response.json() };
    };
    try {
      const { invoiceId } = await invoiceFor(ukBusiness);
      const ok = await get(`/invoices/${invoiceId}/claim?as_of=2024-06-30T23:00:00%2B00:00`);
      expect(ok.status).toBe(200);
      expect(claimSchema.safeParse(ok.body).success).toBe(true);
      // 23:00 UTC on 30 June is 1 July in London: 92 days, 10,000 × 13.25 % × 92 / 365 = 333.97
      expect(ok.body).toMatchObject({ as_of: '2024-07-01', total: { amount: '10433.97', currency: 'GBP' } });

      const unknownRule = await get(`/invoices/${invoiceId}/claim?rule=french_law`);
      expect(unknownRule.status).toBe(400);
      expect(unknownRule.body.error.details[0].path).toBe('rule');

      const consumer = await invoiceFor({ kind: 'consumer', country: 'GB', currency: 'GBP' });
      const refused = await get(`/invoices/${consumer.invoiceId}/claim?rule=eu_late_payment`);
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'rule_not_applicable', details: [{ path: 'rule' }] });
    } finally {
      await app.close();
    }
  });
});
