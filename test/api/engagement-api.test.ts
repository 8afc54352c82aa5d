/**
 * Payment plans, disputes, reasons for non-payment and promise cancellation over HTTP: the
 * shapes of API.md, and bad input refused with the field named and nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/server.js';

let api: TestApi;
let key: string;
const ids: Record<string, string> = {};

async function invoice(customer: string, number: string, total: string, due: string, currency = 'EUR') {
  const created = await api.call(key, 'POST', '/invoices', {
    customer_id: customer,
    number,
    issue_date: '2024-03-01',
    due_date: due,
    currency,
    total,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

beforeAll(async () => {
  api = await startTestApi(); // today is 2024-06-01 (Europe/London)
  key = await api.newOrganisation();
  for (const name of ['ONE', 'TWO']) {
    const created = await api.call(key, 'POST', '/customers', {
      external_id: name,
      name: `Customer ${name}`,
      kind: 'business',
      country: 'GB',
      email: `${name.toLowerCase()}@example.com`,
    });
    ids[name] = created.body.id;
  }
  ids.i1 = await invoice(ids.ONE!, 'I-1', '1000.00', '2024-04-30');
  ids.i2 = await invoice(ids.ONE!, 'I-2', '500.00', '2024-05-15');
  ids.i3 = await invoice(ids.ONE!, 'I-3', '200.00', '2024-05-15', 'USD');
  ids.i5 = await invoice(ids.ONE!, 'I-5', '300.00', '2024-05-20');
  ids.i4 = await invoice(ids.TWO!, 'I-4', '300.00', '2024-05-15');
});
afterAll(async () => api?.close());

const plansOfOne = async () =>
  (await api.call(key, 'GET', `/payment-plans?customer_id=${ids.ONE}`)).body.data.length as number;

describe('payment plans', () => {
  it('spreads the balance over monthly instalments after a down payment, and confirms it in writing', async () => {
    const created = await api.call(key, 'POST', '/payment-plans', {
      customer_id: ids.ONE,
      invoice_ids: [ids.i1, ids.i2],
      count: 3,
      frequency: 'monthly',
      start_on: '2024-08-31',
      down_payment: { amount: '100.00' },
    });
    expect(created.status).toBe(201);
    ids.plan = created.body.id;
    expect(created.body).toMatchObject({
      status: 'active',
      total: { amount: '1500.00', currency: 'EUR' },
      rule_problems: [],
      confirmation: { channel: 'email', status: 'planned' },
    });
    expect(
      created.body.instalments.map((i: { due_on: string; amount: { amount: string }; status: string }) =>
        [i.due_on, i.amount.amount, i.status].join(' '),
      ),
    ).toEqual([
      '2024-06-01 100.00 pending',
      '2024-08-31 466.66 pending',
      '2024-09-30 466.66 pending',
      '2024-10-31 466.68 pending',
    ]);
    const later = await api.call(key, 'GET', `/payment-plans/${ids.plan}?as_of=2024-06-05`);
    // The down payment is missed after its 3 days' grace; one miss does not put the plan in default.
    expect(later.body).toMatchObject({ status: 'active', missed_count: 1 });
    expect(later.body.instalments[0]).toMatchObject({ status: 'missed', missed_on: '2024-06-05' });

    const customer = await api.call(key, 'GET', `/customers/${ids.ONE}`);
    expect(customer.body.holds).toContainEqual(
      expect.objectContaining({ reason: 'payment_plan', invoice_ids: [ids.i1, ids.i2] }),
    );
    // A plan does not change its invoices' days past due.
    expect((await api.call(key, 'GET', `/invoices/${ids.i1}`)).body.days_past_due).toBe(32);
    const outbox = await api.call(key, 'GET', `/actions?customer_id=${ids.ONE}`);
    expect(outbox.body.data).toContainEqual(
      expect.objectContaining({ step: 'payment_plan_confirmation', channel: 'email', status: 'planned' }),
    );
  });

  it('takes explicit instalments', async () => {
    const created = await api.call(key, 'POST', '/payment-plans', {
      customer_id: ids.ONE,
      invoice_ids: [ids.i5],
      instalments: [
        { due_on: '2024-06-15', amount: '100.00' },
        { due_on: '2024-07-15', amount: '200.00' },
      ],
      agreed_at: '2024-06-01T09:00:00+01:00',
      confirm: false,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      total: { amount: '300.00' },
      confirmation: null,
      next_due_on: '2024-06-15',
    });
    ids.plan2 = created.body.id;
  });

  it.each([
    ['another customer’s invoice', { invoice_ids: ['I4'] }, 400, 'invoice_ids[0]'],
    ['mixed currencies', { invoice_ids: ['I5', 'I3'] }, 400, 'invoice_ids[1]'],
    ['an invoice under an active plan', { invoice_ids: ['I1'] }, 409, 'invoice_ids[0]'],
    [
      'more than the invoices owe',
      {
        invoice_ids: ['I3'],
        instalments: [{ due_on: '2024-07-01', amount: '200.01' }],
        count: undefined,
        frequency: undefined,
        start_on: undefined,
      },
      422,
      'instalments',
    ],
    [
      'both ways at once',
      { invoice_ids: ['I3'], instalments: [{ due_on: '2024-07-01', amount: '1.00' }] },
      400,
      'instalments',
    ],
    ['a series without start', { invoice_ids: ['I3'], start_on: undefined }, 400, 'start_on'],
    [
      'too many decimals',
      {
        invoice_ids: ['I3'],
        instalments: [{ due_on: '2024-07-01', amount: '1.001' }],
        count: undefined,
        frequency: undefined,
        start_on: undefined,
      },
      400,
      'instalments[0].amount',
    ],
    [
      'dates out of order',
      {
        invoice_ids: ['I3'],
        instalments: [
          { due_on: '2024-07-01', amount: '1.00' },
          { due_on: '2024-06-30', amount: '1.00' },
        ],
        count: undefined,
        frequency: undefined,
        start_on: undefined,
      },
      400,
      'instalments[1].due_on',
    ],
    ['a date before the agreement', { invoice_ids: ['I3'], start_on: '2024-05-01' }, 400, 'start_on'],
    [
      'an unknown customer',
      { customer_id: '018f0000-0000-7000-8000-000000000001', invoice_ids: ['I3'] },
      400,
      'customer_id',
    ],
  ])('refuses %s, naming the field and changing nothing', async (_, change, status, path) => {
    const before = await plansOfOne();
    const body: Record<string, unknown> = {
      customer_id: ids.ONE,
      count: 2,
      frequency: 'weekly',
      start_on: '2024-06-10',
      ...change,
    };
    body.invoice_ids = (change.invoice_ids as string[]).map((n) => ids[n.toLowerCase().replace('-', '')]);
    const response = await api.call(key, 'POST', '/payment-plans', JSON.parse(JSON.stringify(body)));
    expect(response.status).toBe(status);
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await plansOfOne()).toBe(before);
  });

  it('cancels a plan once, and its invoices may go into a new one', async () => {
    const cancelled = await api.call(key, 'POST', `/payment-plans/${ids.plan2}/cancel`, {
      reason: 'renegotiated',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await api.call(key, 'POST', `/payment-plans/${ids.plan2}/cancel`, {})).status).toBe(422);
    const again = await api.call(key, 'POST', '/payment-plans', {
      customer_id: ids.ONE,
      invoice_ids: [ids.i5],
      count: 2,
      frequency: 'weekly',
      start_on: '2024-06-03',
    });
    expect(again.status).toBe(201);
    const active = await api.call(key, 'GET', `/payment-plans?customer_id=${ids.ONE}&status=active`);
    expect(active.body.data.map((p: { id: string }) => p.id)).toEqual([ids.plan, again.body.id]);
  });

  it('answers 404 for another organisation’s plan', async () => {
    const other = await api.newOrganisation('Other');
    expect((await api.call(other, 'GET', `/payment-plans/${ids.plan}`)).status).toBe(404);
    expect((await api.call(other, 'POST', `/payment-plans/${ids.plan}/cancel`, {})).status).toBe(404);
  });
});

describe('disputes', () => {
  const evidence = {
    file_name: 'note.txt',
    content_type: 'text/plain',
    content_base64: Buffer.from('hello').toString('base64'),
  };

  it('opens a dispute with evidence; the invoice shows disputed and the age report counts it', async () => {
    const opened = await api.call(key, 'POST', '/disputes', {
      invoice_id: ids.i4,
      reason_code: 'wrong_amount',
      note: 'we ordered 2, not 3',
      attachments: [evidence],
    });
    expect(opened.status).toBe(201);
    ids.dispute = opened.body.id;
    expect(opened.body).toMatchObject({ status: 'open', customer_id: ids.TWO, attachments: [{ size: 5 }] });
    expect((await api.call(key, 'GET', `/invoices/${ids.i4}`)).body.status).toBe('disputed');
    const listed = await api.call(key, 'GET', '/invoices?status=disputed');
    expect(listed.body.data.map((i: { id: string }) => i.id)).toEqual([ids.i4]);
    const file = await api.call(key, 'GET', `/attachments/${opened.body.attachments[0].id}`);
    expect(file.body.content_base64).toBe(evidence.content_base64);
    const open = await api.call(key, 'GET', `/disputes?status=open&customer_id=${ids.TWO}`);
    expect(open.body.data).toHaveLength(1);
    const report = await api.call(key, 'GET', '/reports/disputes?as_of=2024-06-01');
    expect(report.body.total).toEqual({ count: 1, amounts: [{ amount: '300.00', currency: 'EUR' }] });
    expect(report.body.buckets[0]).toMatchObject({ label: '0-7', count: 1 });
    expect(
      report.body.by_reason.find((r: { reason_code: string }) => r.reason_code === 'wrong_amount'),
    ).toMatchObject({ count: 1, average_age_days: 0 });
    const customer = await api.call(key, 'GET', `/customers/${ids.TWO}`);
    expect(customer.body.holds).toContainEqual(
      expect.objectContaining({ reason: 'dispute', invoice_ids: [ids.i4] }),
    );
  });

  it.each([
    ['a second open dispute', { invoice_id: 'i4' }, 409, 'invoice_id'],
    ['an unknown reason', { reason_code: 'bored' }, 400, 'reason_code'],
    [
      'bad base64',
      { attachments: [{ ...evidence, content_base64: 'not base64!' }] },
      400,
      'attachments.0.content_base64',
    ],
    [
      'a file too large',
      {
        attachments: [{ ...evidence, content_base64: Buffer.alloc(2 * 1024 * 1024 + 1).toString('base64') }],
      },
      400,
      'attachments[0].content_base64',
    ],
    ['an unknown invoice', { invoice_id: '018f0000-0000-7000-8000-000000000001' }, 400, 'invoice_id'],
  ])('refuses %s', async (_, change, status, path) => {
    const body = { invoice_id: ids.i4, reason_code: 'quality', ...change } as Record<string, unknown>;
    if (body.invoice_id === 'i4') body.invoice_id = ids.i4;
    const response = await api.call(key, 'POST', '/disputes', body);
    expect(response.status).toBe(status);
    expect(
      response.body.error.details.map((d: { path: string }) => d.path),
      JSON.stringify(response.body),
    ).toContain(path);
    expect((await api.call(key, 'GET', '/disputes')).body.data).toHaveLength(1);
  });

  it('resolves upheld with a credit note; the ledger stays balanced and the invoice is chased for the rest', async () => {
    const url = `/disputes/${ids.dispute}/resolve`;
    const rejectedWithCredit = await api.call(key, 'POST', url, {
      outcome: 'rejected',
      credit_amount: '10.00',
    });
    expect(rejectedWithCredit.status).toBe(400);
    expect(rejectedWithCredit.body.error.details[0].path).toBe('credit_amount');
    const tooMuch = await api.call(key, 'POST', url, { outcome: 'upheld', credit_amount: '300.01' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.details[0].path).toBe('credit_amount');
    expect((await api.call(key, 'GET', `/disputes/${ids.dispute}`)).body.status).toBe('open');

    const resolved = await api.call(key, 'POST', url, {
      outcome: 'upheld',
      credit_amount: '100.00',
      note: 'one unit credited',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      outcome: 'upheld',
      resolution_note: 'one unit credited',
    });
    expect(resolved.body.credit_note_id).toEqual(expect.any(String));
    const invoice = await api.call(key, 'GET', `/invoices/${ids.i4}`);
    expect(invoice.body).toMatchObject({ status: 'open', balance: { amount: '200.00' } });
    expect((await api.call(key, 'POST', url, { outcome: 'rejected' })).status).toBe(422);
    expect((await api.call(key, 'GET', '/ledger/verify')).body.ok).toBe(true);
    expect((await api.call(key, 'GET', '/reports/disputes')).body.total.count).toBe(0);
  });
});

describe('another organisation', () => {
  it('sees none of these: 404 for ids, nothing in lists', async () => {
    const other = await api.newOrganisation('Outsider');
    const dispute = (await api.call(key, 'GET', `/disputes/${ids.dispute}`)).body;
    for (const url of [
      `/disputes/${ids.dispute}`,
      `/attachments/${dispute.attachments[0].id}`,
      `/customers/${ids.ONE}/non-payment-reasons`,
    ])
      expect((await api.call(other, 'GET', url)).status, url).toBe(404);
    expect(
      (await api.call(other, 'POST', `/disputes/${ids.dispute}/resolve`, { outcome: 'rejected' })).status,
    ).toBe(404);
    expect((await api.call(other, 'GET', '/disputes')).body.data).toEqual([]);
    expect((await api.call(other, 'GET', '/payment-plans')).body.data).toEqual([]);
    expect((await api.call(other, 'GET', '/reports/disputes')).body.total.count).toBe(0);
    expect((await api.call(other, 'GET', '/reports/non-payment-reasons')).body.count).toBe(0);
  });
});

describe('reasons for non-payment', () => {
  it('records reasons and reports them by reason and segment', async () => {
    const url = `/customers/${ids.ONE}/non-payment-reasons`;
    const recorded = await api.call(key, 'POST', url, {
      reason: 'cash_flow',
      invoice_ids: [ids.i1],
      note: 'payroll first',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ reason: 'cash_flow', invoice_ids: [ids.i1] });
    const wrongInvoice = await api.call(key, 'POST', url, { reason: 'cash_flow', invoice_ids: [ids.i4] });
    expect(wrongInvoice.status).toBe(400);
    expect(wrongInvoice.body.error.details[0].path).toBe('invoice_ids[0]');
    expect((await api.call(key, 'POST', url, { reason: 'forgot' })).status).toBe(400);
    expect((await api.call(key, 'GET', url)).body.data).toHaveLength(1);
    const report = await api.call(key, 'GET', '/reports/non-payment-reasons?from=2024-06-01&to=2024-06-01');
    expect(report.body).toMatchObject({
      count: 1,
      by_segment: [{ segment: 'default', count: 1, reasons: [{ reason: 'cash_flow', count: 1 }] }],
    });
    expect(report.body.by_reason.find((r: { reason: string }) => r.reason === 'cash_flow')).toEqual({
      reason: 'cash_flow',
      count: 1,
      customers: 1,
    });
  });
});

describe('promises', () => {
  it('confirms a promise in writing and cancels it once', async () => {
    const promise = await api.call(key, 'POST', '/promises', {
      customer_id: ids.TWO,
      amount: '200.00',
      currency: 'EUR',
      due_on: '2024-06-10',
      invoice_ids: [ids.i4],
    });
    expect(promise.status).toBe(201);
    const outbox = await api.call(key, 'GET', `/actions?customer_id=${ids.TWO}`);
    expect(outbox.body.data).toContainEqual(
      expect.objectContaining({ step: 'promise_confirmation', status: 'planned' }),
    );
    const cancelled = await api.call(key, 'POST', `/promises/${promise.body.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await api.call(key, 'POST', `/promises/${promise.body.id}/cancel`, {})).status).toBe(422);
    const read = await api.call(key, 'GET', `/promises/${promise.body.id}?as_of=2024-06-20`);
    expect(read.body).toMatchObject({ status: 'cancelled', cancelled_at: '2024-06-01T12:00:00.000Z' });
    const customer = await api.call(key, 'GET', `/customers/${ids.TWO}`);
    expect(customer.body.holds.filter((h: { reason: string }) => h.reason === 'promise')).toEqual([]);
  });
});
