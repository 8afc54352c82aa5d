/**
 * A Stripe-compatible card provider: hosted Checkout Sessions over Stripe's form-encoded REST
 * API (`POST /v1/checkout/sessions`, `GET /v1/checkout/sessions/{id}`) and its signed webhooks
 * (`Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")`). The base URL is configurable, so
 * a compatible service or a local test server can stand in for api.stripe.com.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  ProviderError,
  type CardPaymentProvider,
  type Checkout,
  type CheckoutRequest,
  type CheckoutState,
  type ProviderEvent,
} from './provider.js';

export interface StripeConfig {
  baseUrl: string;
  secretKey: string;
  webhookSecret: string;
  /** Webhooks older than this are refused (replay protection); Stripe's own default is 5 minutes. */
  toleranceSeconds?: number;
  timeoutMs?: number;
}

interface SessionBody {
  id: string;
  url?: string | null;
  status?: string;
  payment_status?: string;
  amount_total?: number | null;
  currency?: string | null;
  metadata?: Record<string, string> | null;
}

export function stripeProvider(config: StripeConfig): CardPaymentProvider {
  const base = config.baseUrl.replace(/\/+$/, '');
  const call = async (
    method: 'GET' | 'POST',
    path: string,
    form?: URLSearchParams,
    idempotencyKey?: string,
  ) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${config.secretKey}`,
          ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
          ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
        },
        ...(form && { body: form.toString() }),
        signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new ProviderError(`card provider unreachable: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => ({}))) as SessionBody & { error?: { message?: string } };
    if (!response.ok)
      throw new ProviderError(
        body.error?.message ?? `card provider answered ${response.status}`,
        response.status,
      );
    return body;
  };

  return {
    name: 'stripe',
    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      const form = new URLSearchParams({
        mode: 'payment',
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        client_reference_id: request.paymentId,
        'metadata[recoup_payment_id]': request.paymentId,
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': request.currency.toLowerCase(),
        'line_items[0][price_data][unit_amount]': request.amountMinor.toString(),
        'line_items[0][price_data][product_data][name]': request.description,
      });
      if (request.customerEmail) form.set('customer_email', request.customerEmail);
      const session = await call('POST', '/v1/checkout/sessions', form, `recoup-${request.paymentId}`);
      if (!session.id || !session.url) throw new ProviderError('card provider gave no checkout session url');
      return { providerId: session.id, redirectUrl: session.url };
    },
    async retrieveCheckout(providerId: string): Promise<CheckoutState> {
      return sessionState(await call('GET', `/v1/checkout/sessions/${encodeURIComponent(providerId)}`));
    },
    parseWebhook(rawBody, headers, now): ProviderEvent | null {
      verifySignature(rawBody, headers['stripe-signature'], config, now);
      const event = JSON.parse(rawBody) as { id: string; type: string; data?: { object?: SessionBody } };
      const session = event.data?.object;
      if (!session?.id) return null;
      const known = [
        'checkout.session.completed',
        'checkout.session.async_payment_succeeded',
        'checkout.session.async_payment_failed',
        'checkout.session.expired',
      ];
      if (!known.includes(event.type)) return null;
      const state: CheckoutState =
        event.type === 'checkout.session.async_payment_failed' || event.type === 'checkout.session.expired'
          ? { status: 'failed', reason: event.type }
          : sessionState(session);
      return {
        eventId: event.id,
        providerId: session.id,
        paymentId: session.metadata?.recoup_payment_id ?? null,
        state,
      };
    },
  };
}

function sessionState(session: SessionBody): CheckoutState {
  if (session.payment_status === 'paid' || session.payment_status === 'no_payment_required') {
    if (session.amount_total == null || !session.currency)
      throw new ProviderError('a paid checkout session without amount_total or currency');
    return {
      status: 'succeeded',
      amountMinor: BigInt(session.amount_total),
      currency: session.currency.toUpperCase(),
    };
  }
  if (session.status === 'expired') return { status: 'failed', reason: 'checkout expired' };
  return { status: 'pending' };
}

/** `t=<unix>,v1=<hex>[,v1=…]`: one v1 must match and `t` be recent. */
function verifySignature(
  rawBody: string,
  header: string | string[] | undefined,
  config: StripeConfig,
  now: Date,
) {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) throw new ProviderError('missing Stripe-Signature header', 400);
  const parts = text.split(',').map((p) => p.trim().split('=') as [string, string]);
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v);
  if (!Number.isFinite(timestamp) || signatures.length === 0)
    throw new ProviderError('malformed Stripe-Signature header', 400);
  const expected = Buffer.from(
    createHmac('sha256', config.webhookSecret).update(`${timestamp}.${rawBody}`).digest('hex'),
  );
  const matches = signatures.some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new ProviderError('webhook signature does not match', 400);
  if (Math.abs(now.getTime() / 1000 - timestamp) > (config.toleranceSeconds ?? 300))
    throw new ProviderError('webhook timestamp is outside the tolerance', 400);
}

/** Signs a webhook body as Stripe does (tests and the local stand-in server use it). */
export function stripeSignature(secret: string, rawBody: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
