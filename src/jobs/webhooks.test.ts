/**
 * Webhooks end to end: endpoints through the API, events queued in the recording transaction,
 * posted to a real local HTTP server that checks the signature and fails twice before it
 * accepts, retried with backoff, and the delivery log.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../test/support/database.js';
import { startTestApi, type TestApi } from '../../test/support/server.js';
import type { Clock, Ctx } from '../app/context.js';
import { recordEvents, type DomainEvent } from '../app/events/record.js';
import { verifySignatureHeader } from '../app/webhooks/signature.js';
import { deliverWebhooksUntilIdle } from './webhooks.js';

let now = new Date('2024-06-12T10:00:00Z');
const clock: Clock = { now: () => now };
let api: TestApi;
let ctx: Ctx;
let key: string;

interface Received {
  body: string;
  signatureValid: boolean;
  headers: Record<string, string | string[] | undefined>;
}

/** A receiver: checks each signature with the secret, answers with the next status of `answers` (then 200). */
async function startReceiver(answers: number[], hang = false) {
  const received: Received[] = [];
  const state = { secret: '' };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        body,
        signatureValid: verifySignatureHeader(
          state.secret,
          body,
          request.headers['recoup-signature'] as string | undefined,
          now,
        ),
        headers: request.headers,
      });
      if (hang) return;
      response.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/recoup`,
    received,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function event(type: string, id?: string): DomainEvent {
  return {
    type,
    id,
    at: now,
    actor: 'system',
    subjectType: 'payment',
    subjectId: 'p1',
    customerId: null,
    data: { amount: { amount: '120.00', currency: 'EUR' } },
  };
}

const record = (...events: DomainEvent[]) =>
  ctx.db.transaction((tx) => recordEvents(tx, ctx.tenantId, events));

beforeAll(async () => {
  api = await startTestApi(clock);
  ({ ctx, apiKey: key } = await createTestOrg(api.database, { clock }));
});
afterAll(async () => api?.close());

describe('webhook endpoints', () => {
  it('refuses a bad endpoint, naming the field', async () => {
    const scheme = await api.call(key, 'POST', '/webhooks', { url: 'ftp://example.com/x', events: ['*'] });
    expect(scheme.status).toBe(400);
    expect(scheme.body.error.details[0].path).toBe('url');
    const none = await api.call(key, 'POST', '/webhooks', { url: 'https://example.com/x', events: [] });
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].path).toBe('events');
    expect((await api.call(key, 'GET', '/webhooks')).body.data).toEqual([]);
  });
});

describe('delivering events', () => {
  it('signs each post, retries after 1 and 5 minutes, and logs every attempt', async () => {
    const receiver = await startReceiver([500, 503]);
    try {
      const created = await api.call(key, 'POST', '/webhooks', {
        url: receiver.url,
        events: ['payment.received', 'customer.opted_out'],
        description: 'ERP sync',
      });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^whsec_/);
      receiver.state.secret = created.body.secret;
      const listed = await api.call(key, 'GET', '/webhooks');
      expect(listed.body.data).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);

      const id = '0190f1c2-7a3b-7000-8000-00000000e001';
      await record(event('payment.received', id), event('dispute.opened'));
      await record(event('payment.received', id)); // a retried request: the same event again

      expect(await deliverWebhooksUntilIdle(ctx.db, { clock })).toMatchObject({ claimed: 1, retried: 1 });
      now = new Date(now.getTime() + 30_000); // not yet: the first retry waits a minute
      expect(await deliverWebhooksUntilIdle(ctx.db, { clock })).toMatchObject({ claimed: 0 });
      now = new Date(now.getTime() + 30_000);
      expect(await deliverWebhooksUntilIdle(ctx.db, { clock })).toMatchObject({ claimed: 1, retried: 1 });
      now = new Date(now.getTime() + 5 * 60_000);
      expect(await deliverWebhooksUntilIdle(ctx.db, { clock })).toMatchObject({ claimed: 1, delivered: 1 });

      expect(receiver.received).toHaveLength(3);
      expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
      const body = JSON.parse(receiver.received[2]!.body);
      expect(Object.keys(body)).toEqual(['id', 'type', 'created_at', 'data']);
      expect(body).toEqual({
        id,
        type: 'payment.received',
        created_at: '2024-06-12T10:00:00.000Z',
        data: { amount: { amount: '120.00', currency: 'EUR' } },
      });
      expect(receiver.received[0]!.headers['recoup-event-id']).toBe(id);
      // A tampered body does not verify.
      expect(
        verifySignatureHeader(
          created.body.secret,
          receiver.received[2]!.body.replace('120.00', '1200.00'),
          receiver.received[2]!.headers['recoup-signature'] as string,
          now,
        ),
      ).toBe(false);

      const log = await api.call(key, 'GET', `/webhooks/${created.body.id}/deliveries`);
      expect(log.status).toBe(200);
      expect(log.body.data).toEqual([
        expect.objectContaining({
          event_id: id,
          event_type: 'payment.received',
          status: 'delivered',
          attempts: 3,
          last_status_code: 200,
          last_error: null,
          next_attempt_at: null,
        }),
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('gives up after the last attempt, logging the status code and the error', async () => {
    const receiver = await startReceiver([500, 500, 500]);
    try {
      const created = await api.call(key, 'POST', '/webhooks', { url: receiver.url, events: ['*'] });
      await record(event('promise.broken'));
      for (let attempt = 0; attempt < 3; attempt++) {
        await deliverWebhooksUntilIdle(ctx.db, { clock, maxAttempts: 3 });
        now = new Date(now.getTime() + 3 * 3_600_000);
      }
      const log = await api.call(key, 'GET', `/webhooks/${created.body.id}/deliveries`);
      expect(log.body.data).toEqual([
        expect.objectContaining({
          status: 'failed',
          attempts: 3,
          last_status_code: 500,
          last_error: 'HTTP 500: ok',
        }),
      ]);
      await api.call(key, 'DELETE', `/webhooks/${created.body.id}`);
    } finally {
      await receiver.close();
    }
  });

  it('times out a receiver that never answers', async () => {
    const receiver = await startReceiver([], true);
    try {
      const created = await api.call(key, 'POST', '/webhooks', { url: receiver.url, events: ['*'] });
      await record(event('dispute.opened'));
      expect(await deliverWebhooksUntilIdle(ctx.db, { clock, timeoutMs: 200 })).toMatchObject({ retried: 1 });
      const log = await api.call(key, 'GET', `/webhooks/${created.body.id}/deliveries`);
      expect(log.body.data[0]).toMatchObject({ status: 'retrying', last_error: 'no answer within 0.2 s' });

      // Deleting the endpoint cancels what was waiting for it, and stops new events.
      const deleted = await api.call(key, 'DELETE', `/webhooks/${created.body.id}`);
      expect(deleted.body.active).toBe(false);
      await record(event('dispute.opened'));
      const after = await api.call(key, 'GET', `/webhooks/${created.body.id}/deliveries`);
      expect(after.body.data.map((d: { status: string }) => d.status)).toEqual(['cancelled']);
    } finally {
      await receiver.close();
    }
  });

  it("hides another organisation's endpoints", async () => {
    const other = await api.newOrganisation('Other');
    const [mine] = (await api.call(key, 'GET', '/webhooks')).body.data;
    expect((await api.call(other, 'GET', '/webhooks')).body.data).toEqual([]);
    expect((await api.call(other, 'GET', `/webhooks/${mine.id}/deliveries`)).status).toBe(404);
    expect((await api.call(other, 'DELETE', `/webhooks/${mine.id}`)).status).toBe(404);
  });
});
