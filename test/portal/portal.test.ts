/**
 * The debtor portal end to end over HTTP: a magic link shows one customer's open items and how
 * to pay; forged, expired or foreign links show nothing; paying by (sandbox) card posts the
 * payment once and the ledger still balances; a promise made in the portal is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApi, type TestApi } from '../support/server.js';
import { verifyLedger } from '../../src/app/ledger/verify.js';
import { queryRows } from '../../src/store/database.js';
import type { Clock } from '../../src/app/context.js';

const start = new Date('2026-03-02T10:00:00Z');
const clock: Clock & { set(at: string): void } = (() => {
  let now = start;
  return { now: () => now, set: (at: string) => (now = new Date(at)) };
})();

describe('debtor portal', () => {
  let api: TestApi;
  let key: string;
  let tenantId: string;
  let alice: string;
  let bob: string;
  let aliceToken: string;
  let invoices: Record<string, string>;

  const portal = (method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>) => {
    const body = form
      ? new URLSearchParams(
          Object.entries(form).flatMap(([k, v]) =>
            Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]],
          ),
        ).toString()
      : undefined;
    return api.app.inject({
      method,
      url,
      ...(body !== undefined && {
        payload: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    });
  };

  beforeAll(async () => {
    api = await startTestApi(clock);
    key = await api.newOrganisation('Acme Supplies');
    const me = await api.call(key, 'GET', '/customers?limit=1');
    expect(me.status).toBe(200);
    const customer = async (external_id: string, name: string) =>
      (
        await api.call(key, 'POST', '/customers', {
          external_id,
          name,
          kind: 'business',
          country: 'DE',
          currency: 'EUR',
          email: `${external_id.toLowerCase()}@example.test`,
        })
      ).body.id as string;
    alice = await customer('ALICE-1', 'Alice GmbH');
    bob = await customer('BOB-2', 'Bob AG');
    const invoice = async (
      customer_id: string,
      number: string,
      total: string,
      issue_date: string,
      due_date: string,
      terms?: object,
    ) => {
      const response = await api.call(key, 'POST', '/invoices', {
        customer_id,
        number,
        issue_date,
        due_date,
        currency: 'EUR',
        total,
        ...(terms && { terms }),
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.id as string;
    };
    invoices = {
      late: await invoice(alice, 'INV-100', '1200.00', '2026-01-10', '2026-02-09'),
      discounted: await invoice(alice, 'INV-101', '500.00', '2026-02-25', '2026-03-27', {
        discount_percent: '2',
        discount_days: 10,
      }),
      bobs: await invoice(bob, 'INV-900', '77.00', '2026-01-10', '2026-02-09'),
    };
    const link = await api.call(key, 'POST', `/customers/${alice}/portal-link`, {});
    expect(link.status).toBe(201);
    aliceToken = new URL(link.body.url).searchParams.get('token')!;
    tenantId = (
      await queryRows<{ tenant_id: string }>(
        api.database.db,
        sql`SELECT tenant_id FROM customers WHERE id = ${alice}`,
      )
    )[0]!.tenant_id;
    await api.database.db.execute(
      sql`UPDATE organisations SET settings = settings || ${JSON.stringify({ bank_account: { iban: 'DE02120300000000202051', bic: 'BYLADEM1001', account_name: 'Acme Supplies GmbH' } })}::jsonb WHERE tenant_id = ${tenantId}`,
    );
  });
  afterAll(() => api.close());

  /** A new customer with one invoice overdue since 31 January, and their portal token. */
  const debtorWithInvoice = async (externalId: string, kind: string, number: string, total: string) => {
    const customerId = (
      await api.call(key, 'POST', '/customers', {
        external_id: externalId,
        name: externalId,
        kind,
        country: 'DE',
        currency: 'EUR',
      })
    ).body.id as string;
    const invoiceId = (
      await api.call(key, 'POST', '/invoices', {
        customer_id: customerId,
        number,
        issue_date: '2026-01-01',
        due_date: '2026-01-31',
        currency: 'EUR',
        total,
      })
    ).body.id as string;
    const link = await api.call(key, 'POST', `/customers/${customerId}/portal-link`, {});
    return { customerId, invoiceId, token: new URL(link.body.url).searchParams.get('token')! };
  };

  it('shows the customer’s own open items, the discount, the transfer reference and QR code', async () => {
    const page = await portal('GET', `/portal?token=${encodeURIComponent(aliceToken)}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const text = page.body;
    expect(text).toContain('Alice GmbH');
    expect(text).toContain('INV-100');
    expect(text).toContain('21 days late');
    expect(text).toContain('INV-101');
    expect(text).toContain('−€10.00 if paid by 2026-03-07');
    expect(text).toContain('€1,700.00');
    expect(text).toContain('Pay €1,690.00 today');
    // ISO 11649 reference naming the customer, printed in groups of four.
    expect(text).toMatch(/RF\d\d ALIC E1</);
    expect(text).toMatch(/<svg[^>]*>/);
    expect(text).not.toContain('INV-900');
    expect(text).not.toContain('Bob AG');
  });

  it('shows nothing for a tampered, foreign-signed, expired or missing token', async () => {
    const [body, signature] = aliceToken.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const asBob = Buffer.from(JSON.stringify({ ...claims, c: bob })).toString('base64url');
    for (const token of [
      `${asBob}.${signature}`,
      `${body}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`,
      'nonsense',
      '',
    ]) {
      const page = await portal('GET', `/portal?token=${encodeURIComponent(token)}`);
      expect(page.statusCode, token).toBe(401);
      expect(page.body).not.toContain('INV-');
    }
    clock.set('2026-04-02T10:00:00Z');
    const expired = await portal('GET', `/portal?token=${encodeURIComponent(aliceToken)}`);
    clock.set(start.toISOString());
    expect(expired.statusCode).toBe(401);
    expect(expired.body).toContain('expired');
  });

  it('refuses to pay another customer’s invoice, and changes nothing', async () => {
    const response = await portal('POST', '/portal/pay', {
      token: aliceToken,
      invoice_ids: [invoices.bobs!],
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('invoice_ids.0');
    const rows = await queryRows(api.database.db, sql`SELECT id FROM portal_payments`);
    expect(rows).toHaveLength(0);
  });

  it('pays by sandbox card: the payment is posted once, with the discount, and the ledger balances', async () => {
    const started = await portal('POST', '/portal/pay', {
      token: aliceToken,
      invoice_ids: [invoices.late!, invoices.discounted!],
    });
    expect(started.statusCode).toBe(303);
    const checkout = new URL(started.headers.location as string);
    expect(checkout.pathname).toBe('/portal/paid');
    const paymentId = checkout.searchParams.get('payment')!;
    const sandbox = await portal('GET', `${checkout.pathname}${checkout.search}`);
    expect(sandbox.statusCode).toBe(200);
    expect(sandbox.body).toContain('€1,690.00');
    for (let attempt = 0; attempt < 2; attempt++) {
      const paid = await portal('POST', '/portal/sandbox-pay', { token: aliceToken, payment: paymentId });
      expect(paid.statusCode).toBe(303);
      expect(paid.headers.location).toContain('done=paid');
    }
    const payments = await api.call(key, 'GET', `/payments?customer_id=${alice}`);
    expect(payments.body.data).toHaveLength(1);
    expect(payments.body.data[0]).toMatchObject({
      amount: { amount: '1690.00', currency: 'EUR' },
      method: 'card',
    });
    for (const id of [invoices.late!, invoices.discounted!]) {
      const invoice = await api.call(key, 'GET', `/invoices/${id}`);
      expect(invoice.body.status).toBe('paid');
    }
    const check = await verifyLedger(api.database.db, tenantId);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    const receipts = await queryRows<{ template: string; status: string; to: string }>(
      api.database.db,
      sql`SELECT template, status, payload->>'to' AS to FROM actions WHERE customer_id = ${alice}`,
    );
    expect(receipts).toEqual([{ template: 'thank_you', status: 'planned', to: 'alice-1@example.test' }]);
    const timeline = await api.call(key, 'GET', `/customers/${alice}/timeline`);
    expect(timeline.status).toBe(200);
    const kinds = timeline.body.data.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['payment.received', 'portal_payment.succeeded']));
    expect(timeline.body.data.find((e: { kind: string }) => e.kind === 'payment.received')).toMatchObject({
      channel: 'card',
      amount: { amount: '1690.00', currency: 'EUR' },
    });
    const after = await portal('GET', `/portal?token=${encodeURIComponent(aliceToken)}&done=paid`);
    expect(after.body).toContain('Thank you: your payment is received');
    expect(after.body).toContain('Nothing is open');
  });

  it('records a promise made in the portal, and refuses a bad one naming the field', async () => {
    const link = await api.call(key, 'POST', `/customers/${bob}/portal-link`, {});
    const bobToken = new URL(link.body.url).searchParams.get('token')!;
    const bad = await portal('POST', '/portal/promise', {
      token: bobToken,
      amount: '77.001',
      currency: 'EUR',
      due_on: '2026-03-20',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('amount');
    const made = await portal('POST', '/portal/promise', {
      token: bobToken,
      amount: '77.00',
      currency: 'EUR',
      due_on: '2026-03-20',
    });
    expect(made.statusCode).toBe(303);
    const promises = await api.call(key, 'GET', `/promises?customer_id=${bob}`);
    expect(promises.body.data).toHaveLength(1);
    expect(promises.body.data[0]).toMatchObject({
      channel: 'portal',
      status: 'pending',
      due_on: '2026-03-20',
    });
  });

  it('agrees a plan that fits the organisation’s limits, and queues one that does not for review', async () => {
    const link = await api.call(key, 'POST', `/customers/${bob}/portal-link`, {});
    const bobToken = new URL(link.body.url).searchParams.get('token')!;
    const page = await portal('GET', `/portal?token=${encodeURIComponent(bobToken)}`);
    expect(page.body).toContain('Ask to pay in instalments');
    const agreed = await portal('POST', '/portal/plan', {
      token: bobToken,
      invoice_ids: [invoices.bobs!],
      count: '2',
      frequency: 'monthly',
      start_on: '2026-03-31',
    });
    expect(agreed.statusCode).toBe(303);
    expect(agreed.headers.location).toContain('done=plan');
    const plans = await api.call(key, 'GET', `/payment-plans?customer_id=${bob}`);
    expect(plans.body.data).toHaveLength(1);
    expect(plans.body.data[0]).toMatchObject({ approval: 'active', status: 'active', source: 'portal' });
    expect(plans.body.data[0].instalments.map((i: { due_on: string }) => i.due_on)).toEqual([
      '2026-03-31',
      '2026-04-30',
    ]);

    const carol = await debtorWithInvoice('CAROL-3', 'consumer', 'INV-300', '90.00');
    const tooLong = await portal('POST', '/portal/plan', {
      token: carol.token,
      invoice_ids: [carol.invoiceId],
      count: '40',
      frequency: 'weekly',
      start_on: '2026-03-09',
    });
    expect(tooLong.statusCode).toBe(303);
    expect(tooLong.headers.location).toContain('done=plan_review');
    const review = await api.call(key, 'GET', `/payment-plans?customer_id=${carol.customerId}`);
    expect(review.body.data[0]).toMatchObject({ approval: 'pending_review' });
  });

  it('opens a dispute with an uploaded document, only on the customer’s own invoice', async () => {
    const dave = await debtorWithInvoice('DAVE-4', 'business', 'INV-400', '300.00');
    const daveToken = dave.token;
    const daveInvoice = dave.invoiceId;
    const multipart = async (
      fields: Record<string, string>,
      file?: { name: string; type: string; content: string },
    ) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      if (file) form.append('evidence', new Blob([file.content], { type: file.type }), file.name);
      const request = new Request('http://portal.test/', { method: 'POST', body: form });
      return api.app.inject({
        method: 'POST',
        url: '/portal/dispute',
        headers: { 'content-type': request.headers.get('content-type')! },
        payload: Buffer.from(await request.arrayBuffer()),
      });
    };
    const foreign = await multipart({
      token: daveToken,
      invoice_id: invoices.bobs!,
      reason_code: 'not_mine',
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('invoice_id');
    const opened = await multipart(
      {
        token: daveToken,
        invoice_id: daveInvoice,
        reason_code: 'goods_not_received',
        note: 'Never arrived <b>at all</b>',
      },
      { name: 'delivery-note.txt', type: 'text/plain', content: 'Tracking shows returned to sender.' },
    );
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toContain('done=dispute');
    const disputes = await api.call(key, 'GET', `/disputes?customer_id=${dave.customerId}`);
    expect(disputes.body.data).toHaveLength(1);
    expect(disputes.body.data[0]).toMatchObject({
      reason_code: 'goods_not_received',
      source: 'portal',
      status: 'open',
      attachments: [{ file_name: 'delivery-note.txt', content_type: 'text/plain', size: 34 }],
    });
    expect((await api.call(key, 'GET', `/invoices/${daveInvoice}`)).body.status).toBe('disputed');
    const page = await portal('GET', `/portal?token=${encodeURIComponent(daveToken)}&done=dispute`);
    expect(page.body).toContain('we are looking into it');
    expect(page.body).not.toContain('<b>at all</b>');
  });
});
