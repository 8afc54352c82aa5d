import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stripeProvider, stripeSignature } from './stripe.js';
import { startStripeServer, type LocalStripe } from './test-support/stripe-server.js';
import type { CardPaymentProvider, ProviderEvent } from './provider.js';

const keys = { secretKey: 'sk_test_recoup', webhookSecret: 'whsec_recoup' };

describe('Stripe-compatible provider against a local server speaking its API', () => {
  let stripe: LocalStripe;
  let provider: CardPaymentProvider;
  beforeAll(async () => {
    stripe = await startStripeServer(keys);
    provider = stripeProvider({ baseUrl: stripe.url, ...keys });
  });
  afterAll(() => stripe.close());

  const request = {
    paymentId: 'pp-1',
    amountMinor: 123456n,
    currency: 'EUR',
    description: 'Invoices INV-1, INV-2',
    customerEmail: 'ap@example.test',
    successUrl: 'http://localhost:3000/portal/paid',
    cancelUrl: 'http://localhost:3000/portal',
  };

  it('opens a checkout in minor units, once per payment whatever the retries', async () => {
    const first = await provider.createCheckout(request);
    const again = await provider.createCheckout(request);
    expect(again.providerId).toBe(first.providerId);
    expect(first.redirectUrl).toMatch(/^https:\/\/checkout\.example\.test\/pay\/cs_test_/);
    const sent = stripe.requests.find((r) => r.method === 'POST')!;
    expect(sent.idempotencyKey).toBe('recoup-pp-1');
    expect(sent.form).toMatchObject({
      mode: 'payment',
      'line_items[0][price_data][unit_amount]': '123456',
      'line_items[0][price_data][currency]': 'eur',
      'metadata[recoup_payment_id]': 'pp-1',
      customer_email: 'ap@example.test',
    });
    expect(await provider.retrieveCheckout(first.providerId)).toEqual({ status: 'pending' });
  });

  it('reads the signed webhook of a paid session, and the session reads paid', async () => {
    const { providerId } = await provider.createCheckout({
      ...request,
      paymentId: 'pp-2',
      amountMinor: 5000n,
    });
    const received: ProviderEvent[] = [];
    const errors: string[] = [];
    const hook = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      try {
        const event = provider.parseWebhook(Buffer.concat(chunks).toString('utf8'), req.headers, new Date());
        if (event) received.push(event);
        res.writeHead(200).end();
      } catch (error) {
        errors.push((error as Error).message);
        res.writeHead(400).end();
      }
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`;
    expect(await stripe.pay(providerId, url)).toBe(200);
    hook.close();
    expect(errors).toEqual([]);
    expect(received).toEqual([
      {
        eventId: expect.stringMatching(/^evt_test_/),
        providerId,
        paymentId: 'pp-2',
        state: { status: 'succeeded', amountMinor: 5000n, currency: 'EUR' },
      },
    ]);
    expect(await provider.retrieveCheckout(providerId)).toEqual({
      status: 'succeeded',
      amountMinor: 5000n,
      currency: 'EUR',
    });
  });

  it('refuses a forged, altered or stale webhook', () => {
    const body = JSON.stringify({
      id: 'evt_1',
      type: 'checkout.session.completed',
      data: { object: { id: 'cs_1' } },
    });
    const now = new Date();
    const t = Math.floor(now.getTime() / 1000);
    const parse = (raw: string, signature: string | undefined, at = now) =>
      provider.parseWebhook(raw, { 'stripe-signature': signature }, at);
    expect(() => parse(body, stripeSignature('whsec_other', body, t))).toThrow(/does not match/);
    expect(() => parse(body.replace('cs_1', 'cs_2'), stripeSignature(keys.webhookSecret, body, t))).toThrow(
      /does not match/,
    );
    expect(() => parse(body, stripeSignature(keys.webhookSecret, body, t - 600))).toThrow(/tolerance/);
    expect(() => parse(body, undefined)).toThrow(/missing/);
    expect(() => parse(body, 'garbage')).toThrow(/malformed/);
  });

  it('reports the provider’s own errors: a wrong key, an unknown session', async () => {
    const wrongKey = stripeProvider({ baseUrl: stripe.url, secretKey: 'sk_wrong', webhookSecret: 'x' });
    await expect(wrongKey.createCheckout(request)).rejects.toMatchObject({ status: 401 });
    await expect(provider.retrieveCheckout('cs_nope')).rejects.toMatchObject({ status: 404 });
    const unreachable = stripeProvider({ baseUrl: 'http://127.0.0.1:1', ...keys, timeoutMs: 2000 });
    await expect(unreachable.createCheckout(request)).rejects.toThrow(/unreachable/);
  });
});
