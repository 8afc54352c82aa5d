/**
 * A local server speaking the subset of Stripe's API the adapter uses: Checkout Sessions
 * (create with an idempotency key, retrieve) and signed `checkout.session.completed` webhooks.
 * `pay(sessionId)` plays the debtor paying on the hosted page.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stripeSignature } from '../stripe.js';

interface Session {
  id: string;
  object: 'checkout.session';
  url: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  success_url: string;
}

export interface LocalStripe {
  url: string;
  sessions: Map<string, Session>;
  requests: { method: string; path: string; idempotencyKey?: string; form: Record<string, string> }[];
  /** Marks the session paid and posts the signed webhook to `webhookUrl`; returns the delivery status. */
  pay(sessionId: string, webhookUrl: string): Promise<number>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startStripeServer(keys: {
  secretKey: string;
  webhookSecret: string;
}): Promise<LocalStripe> {
  const sessions = new Map<string, Session>();
  const byIdempotencyKey = new Map<string, string>();
  const requests: LocalStripe['requests'] = [];
  let next = 1;
  const server = createServer(async (request, response) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(request)));
    const path = request.url ?? '';
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    requests.push({ method: request.method ?? '', path, ...(idempotencyKey && { idempotencyKey }), form });
    const answer = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const fail = (status: number, type: string, message: string, param?: string) =>
      answer(status, { error: { type, message, ...(param && { param }) } });
    if (request.headers.authorization !== `Bearer ${keys.secretKey}`)
      return fail(401, 'invalid_request_error', 'Invalid API Key provided');
    if (request.method === 'POST' && path === '/v1/checkout/sessions') {
      if (idempotencyKey && byIdempotencyKey.has(idempotencyKey))
        return answer(200, sessions.get(byIdempotencyKey.get(idempotencyKey)!)!);
      for (const param of [
        'mode',
        'success_url',
        'line_items[0][price_data][currency]',
        'line_items[0][price_data][unit_amount]',
        'line_items[0][quantity]',
      ])
        if (!form[param])
          return fail(400, 'invalid_request_error', `Missing required param: ${param}.`, param);
      const amount = Number(form['line_items[0][price_data][unit_amount]']);
      if (!Number.isInteger(amount) || amount < 1)
        return fail(
          400,
          'invalid_request_error',
          'Invalid integer',
          'line_items[0][price_data][unit_amount]',
        );
      const id = `cs_test_${String(next++).padStart(6, '0')}`;
      const metadata = Object.fromEntries(
        Object.entries(form)
          .filter(([k]) => k.startsWith('metadata['))
          .map(([k, v]) => [k.slice(9, -1), v]),
      );
      const session: Session = {
        id,
        object: 'checkout.session',
        url: `https://checkout.example.test/pay/${id}`,
        status: 'open',
        payment_status: 'unpaid',
        amount_total: amount * Number(form['line_items[0][quantity]']),
        currency: form['line_items[0][price_data][currency]']!,
        client_reference_id: form.client_reference_id ?? null,
        metadata,
        success_url: form.success_url!,
      };
      sessions.set(id, session);
      if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, id);
      return answer(200, session);
    }
    const match = /^\/v1\/checkout\/sessions\/([^/?]+)$/.exec(path);
    if (request.method === 'GET' && match) {
      const session = sessions.get(decodeURIComponent(match[1]!));
      return session
        ? answer(200, session)
        : fail(404, 'invalid_request_error', `No such checkout.session: '${match[1]}'`);
    }
    return fail(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${path}).`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let events = 1;
  return {
    url: `http://127.0.0.1:${port}`,
    sessions,
    requests,
    async pay(sessionId, webhookUrl) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      session.status = 'complete';
      session.payment_status = 'paid';
      const body = JSON.stringify({
        id: `evt_test_${events++}`,
        object: 'event',
        type: 'checkout.session.completed',
        data: { object: session },
      });
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': stripeSignature(keys.webhookSecret, body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
      return response.status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
