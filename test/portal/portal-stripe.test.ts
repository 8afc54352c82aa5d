/**
 * Paying through a Stripe-compatible provider: the portal opens a hosted checkout on a local
 * server speaking Stripe's API, the provider's signed webhook posts the payment, a repeated
 * webhook or the debtor's return does not post it again, and a forged webhook is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { buildServer, type ZodApp } from '../../src/http/server.js';
import { fixedClock } from '../../src/app/context.js';
import { createOrganisation } from '../../src/app/organisations.js';
import { verifyLedger } from '../../src/app/ledger/verify.js';
import { stripeProvider, stripeSignature } from '../../src/payments/stripe.js';
import { startStripeServer, type LocalStripe } from '../../src/payments/test-support/stripe-server.js';
import { queryRows, type Database } from '../../src/store/database.js';
import { openTestDatabase } from '../support/database.js';

const keys = { secretKey: 'sk_test_portal', webhookSecret: 'whsec_portal' };

describe('portal card payment through a Stripe-compatible provider', () => {
  let database: Database;
  let stripe: LocalStripe;
  let app: ZodApp;
  let base: string;
  let apiKey: string;
  let tenantId: string;
  let customerId: string;
  let token: string;

  const api = async (method: 'GET' | 'POST', path: string, body?: object) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body && { 'content-type': 'application/json' }) },
      ...(body && { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response JSON, read freely in tests
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    stripe = await startStripeServer(keys);
    const org = await createOrganisation(database.db, {
      name: 'Acme',
      country: 'DE',
      time_zone: 'Europe/Berlin',
      base_currency: 'EUR',
      rule_packs: [],
    });
    apiKey = org.api_key;
    tenantId = org.id;
    app = await buildServer({
      database,
      clock: fixedClock(new Date()),
      cardProvider: stripeProvider({ baseUrl: stripe.url, ...keys }),
      publicUrl: 'http://portal.example.test',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    customerId = (
      await api('POST', '/customers', {
        external_id: 'C-1',
        name: 'Carla',
        kind: 'business',
        country: 'DE',
        currency: 'EUR',
      })
    ).body.id;
    const today = new Date().toISOString().slice(0, 10);
    const invoice = await api('POST', '/invoices', {
      customer_id: customerId,
      number: 'INV-1',
      issue_date: today,
      due_date: today,
      currency: 'EUR',
      total: '250.00',
    });
    expect(invoice.status).toBe(201);
    const link = await api('POST', `/customers/${customerId}/portal-link`, {});
    token = new URL(link.body.url).searchParams.get('token')!;
  });
  afterAll(async () => {
    await app.close();
    await stripe.close();
    await database.close();
  });

  it('posts the payment from the webhook once, whatever repeats', async () => {
    const page = await fetch(`${base}/portal?token=${encodeURIComponent(token)}`);
    const invoiceId = /name="invoice_ids"\s+value="([^"]+)"/.exec(await page.text())![1]!;
    const started = await fetch(`${base}/portal/pay`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, invoice_ids: invoiceId }).toString(),
    });
    expect(started.status).toBe(303);
    const location = started.headers.get('location')!;
    expect(location).toMatch(/^https:\/\/checkout\.example\.test\/pay\/cs_test_/);
    const sessionId = location.split('/').at(-1)!;
    const session = stripe.sessions.get(sessionId)!;
    expect(session.amount_total).toBe(25000);
    expect(session.success_url).toMatch(/^http:\/\/portal\.example\.test\/portal\/paid\?token=/);

    const hook = `${base}/hooks/payments/stripe`;
    expect(await stripe.pay(sessionId, hook)).toBe(200);
    expect(await stripe.pay(sessionId, hook)).toBe(200);
    const back = new URL(session.success_url);
    const returned = await fetch(`${base}${back.pathname}${back.search}`, { redirect: 'manual' });
    expect(returned.status).toBe(303);
    expect(returned.headers.get('location')).toContain('done=paid');

    const payments = await api('GET', `/payments?customer_id=${customerId}`);
    expect(payments.body.data).toHaveLength(1);
    expect(payments.body.data[0]).toMatchObject({
      amount: { amount: '250.00', currency: 'EUR' },
      method: 'card',
    });
    expect((await api('GET', `/invoices/${invoiceId}`)).body.status).toBe('paid');
    expect((await verifyLedger(database.db, tenantId)).ok).toBe(true);
    const rows = await queryRows<{ status: string }>(database.db, sql`SELECT status FROM portal_payments`);
    expect(rows).toEqual([{ status: 'succeeded' }]);
  });

  it('refuses a webhook that is not signed with the provider’s secret', async () => {
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'checkout.session.completed',
      data: { object: { id: 'cs_test_000001', payment_status: 'paid', amount_total: 1, currency: 'eur' } },
    });
    const response = await fetch(`${base}/hooks/payments/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': stripeSignature('whsec_wrong', body, Math.floor(Date.now() / 1000)),
      },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
  });
});
