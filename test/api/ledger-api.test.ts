import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/server.js';

let api: TestApi;
let key: string;

beforeAll(async () => {
  api = await startTestApi();
  key = await api.newOrganisation();
});
afterAll(async () => api?.close());

const customer = (externalId: string) => ({
  external_id: externalId,
  name: `Customer ${externalId}`,
  kind: 'business',
  country: 'DE',
  email: `${externalId.toLowerCase()}@example.com`,
});

describe('customers, invoices and payments over HTTP', () => {
  it('creates a customer, invoices it, takes a payment and reports aging', async () => {
    const created = await api.call(key, 'POST', '/customers', customer('ACME'));
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('acme@example.com');
    const id = created.body.id;
    const invoice = await api.call(key, 'POST', '/invoices', {
      customer_external_id: 'ACME',
      number: '0122662308',
      issue_date: '2024-03-01',
      due_date: '2024-03-31',
      currency: 'EUR',
      total: '1234.56',
    });
    expect(invoice.status).toBe(201);
    expect(invoice.body).toMatchObject({
      number: '0122662308',
      balance: { amount: '1234.56', currency: 'EUR' },
      status: 'open',
      days_past_due: 62,
    });
    const payment = await api.call(key, 'POST', '/payments', {
      customer_id: id,
      amount: '234.56',
      currency: 'EUR',
      received_on: '2024-05-01',
      method: 'bank_transfer',
      reference: 'ACME MAY',
    });
    expect(payment.status).toBe(201);
    expect(payment.body.unapplied).toEqual({ amount: '0.00', currency: 'EUR' });
    const read = await api.call(key, 'GET', `/customers/${id}`);
    expect(read.body.balance).toEqual([{ amount: '1000.00', currency: 'EUR' }]);
    expect(read.body.holds).toEqual([]);
    const before = await api.call(key, 'GET', `/customers/${id}?as_of=2024-04-30`);
    expect(before.body.balance).toEqual([{ amount: '1234.56', currency: 'EUR' }]);
    const aging = await api.call(key, 'GET', '/reports/aging?as_of=2024-06-01&currency=EUR');
    expect(aging.status).toBe(200);
    const bucket = aging.body.buckets.find((b: { label: string }) => b.label === '61-90');
    expect(bucket).toMatchObject({ count: 1, amount: { amount: '1000.00', currency: 'EUR' } });
    expect(aging.body.total).toEqual({ amount: '1000.00', currency: 'EUR' });
    const verify = await api.call(key, 'GET', '/ledger/verify');
    expect(verify.body.problems).toEqual([]);
  });

  it('refuses bad input with field paths and changes nothing', async () => {
    const bad = await api.call(key, 'POST', '/invoices', {
      customer_external_id: 'ACME',
      number: 'BAD-1',
      issue_date: '2024-02-30',
      due_date: '2024-03-31',
      currency: 'EUR',
      total: '10.005',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('issue_date');
    const decimals = await api.call(key, 'POST', '/invoices', {
      customer_external_id: 'ACME',
      number: 'BAD-2',
      issue_date: '2024-02-01',
      due_date: '2024-03-31',
      currency: 'JPY',
      total: '10.5',
    });
    expect(decimals.status).toBe(400);
    expect(decimals.body.error.details).toEqual([
      { path: 'total', message: expect.stringContaining('0 decimals') },
    ]);
    const list = await api.call(key, 'GET', '/invoices?number=BAD-2');
    expect(list.body.data).toEqual([]);
  });

  it('answers 404 for unknown ids and 409 for duplicate numbers', async () => {
    expect((await api.call(key, 'GET', '/invoices/018f0000-0000-7000-8000-000000000000')).status).toBe(404);
    const dup = await api.call(key, 'POST', '/customers', customer('ACME'));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_external_id');
  });

  it('replays an Idempotency-Key and refuses it with another body', async () => {
    const body = customer('IDEM');
    const first = await api.call(key, 'POST', '/customers', body, { 'idempotency-key': 'k-1' });
    const again = await api.call(key, 'POST', '/customers', body, { 'idempotency-key': 'k-1' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await api.call(key, 'POST', '/customers', customer('IDEM2'), { 'idempotency-key': 'k-1' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const list = await api.call(key, 'GET', '/customers?external_id=IDEM2');
    expect(list.body.data).toEqual([]);
  });

  it('pages through lists with a cursor', async () => {
    for (let i = 0; i < 5; i++) await api.call(key, 'POST', '/customers', customer(`PAGE${i}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { external_id: string }[]; next_cursor: string | null } } = await api.call(
        key,
        'GET',
        `/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((c) => c.external_id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['PAGE0', 'PAGE4', 'ACME']));
  });

  it('publishes OpenAPI 3.1', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const doc = JSON.parse(response.body);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/customers', '/invoices/{id}', '/reports/aging']),
    );
    expect(
      doc.paths['/invoices'].post.requestBody.content['application/json'].schema.properties.total.type,
    ).toBe('string');
  });

  it('needs a valid key', async () => {
    expect((await api.call('nope', 'GET', '/customers')).status).toBe(401);
    const health = await api.app.inject({ method: 'GET', url: '/healthz' });
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  });
});
