import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApi, type TestApi } from '../support/server.js';
import { queryRows } from '../../src/store/database.js';

/**
 * One organisation must not read or change another's data through any route. The route list
 * comes from the OpenAPI document, so a new route without a case here fails this test.
 */
let api: TestApi;
let keyA: string;
let keyB: string;
const a: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  keyA = await api.newOrganisation('A');
  keyB = await api.newOrganisation('B');
  const customer = await api.call(keyA, 'POST', '/customers', {
    external_id: 'SECRET-CUST',
    name: 'Secret Customer A',
    kind: 'business',
    country: 'GB',
  });
  a.customer = customer.body.id;
  const invoice = await api.call(keyA, 'POST', '/invoices', {
    customer_id: a.customer,
    number: 'SECRET-INV',
    issue_date: '2024-01-01',
    due_date: '2024-01-31',
    currency: 'EUR',
    total: '500.00',
  });
  a.invoice = invoice.body.id;
  const payment = await api.call(keyA, 'POST', '/payments', {
    customer_id: a.customer,
    amount: '600.00',
    currency: 'EUR',
    received_on: '2024-02-01',
    reference: 'SECRET-PAY',
  });
  a.payment = payment.body.id;
  const keys = await api.call(keyA, 'GET', '/api-keys');
  a.apiKey = keys.body.data[0].id;
  const imported = await api.call(
    keyA,
    'POST',
    '/imports?format=customers-csv',
    'external_id,name,kind,country\nSECRET-IMP,Imported,business,GB\n',
    {
      'content-type': 'text/csv',
    },
  );
  a.import = imported.body.id ?? '018f0000-0000-7000-8000-000000000001';
  const strategy = await api.call(keyA, 'POST', '/strategies', callStrategy);
  a.strategy = strategy.body.id;
  const late = await api.call(keyA, 'POST', '/invoices', {
    customer_id: a.customer,
    number: 'SECRET-INV-2',
    issue_date: '2024-01-01',
    due_date: '2024-02-01',
    currency: 'EUR',
    total: '100.00',
  });
  const hold = await api.call(keyA, 'POST', `/customers/${a.customer}/holds`, {
    reason: 'dispute',
    invoice_ids: [late.body.id],
    starts_at: '2030-01-01T00:00:00Z',
  });
  a.hold = hold.body.id;
  const run = await api.call(keyA, 'POST', '/runs', { as_of: '2024-03-15T09:00:00Z' });
  a.run = run.body.id;
  a.task = (await api.call(keyA, 'GET', '/tasks')).body.data[0].id;
  const promise = await api.call(keyA, 'POST', '/promises', {
    customer_id: a.customer,
    amount: '10.00',
    currency: 'EUR',
    due_on: '2030-01-01',
  });
  a.promise = promise.body.id;
  a.late = late.body.id;
  const plan = await api.call(keyA, 'POST', '/payment-plans', {
    customer_id: a.customer,
    invoice_ids: [late.body.id],
    count: 2,
    frequency: 'monthly',
    start_on: '2030-01-01',
  });
  a.plan = plan.body.id;
  const dispute = await api.call(keyA, 'POST', '/disputes', {
    invoice_id: a.invoice,
    reason_code: 'other',
    note: 'x',
    attachments: [{ file_name: 'a.txt', content_type: 'text/plain', content_base64: 'aGVsbG8=' }],
  });
  a.dispute = dispute.body.id;
  a.attachment = dispute.body.attachments[0].id;
  await api.call(keyA, 'POST', `/customers/${a.customer}/non-payment-reasons`, {
    reason: 'cash_flow',
    note: 'x',
  });
  const template = await api.call(keyA, 'POST', '/templates', {
    key: 'overdue_notice',
    channel: 'sms',
    language: 'en',
    body: 'Please pay {{ totals | money_list }}.',
  });
  expect(template.status).toBe(201);
  const webhook = await api.call(keyA, 'POST', '/webhooks', {
    url: 'https://example.com/hook',
    events: ['*'],
  });
  a.webhook = webhook.body.id;
  a.message = await insertMessageOfA();
  await api.call(keyB, 'POST', '/customers', {
    external_id: 'B-CUST',
    name: 'B customer',
    kind: 'business',
    country: 'GB',
  });
});
afterAll(async () => api?.close());

const callStrategy = {
  name: 'Call them',
  steps: [{ key: 'call', offset_days: 1, action: 'call_task' }],
};

/** What B sends to each write route: references to A's resources wherever a body takes ids. */
const bodies: Record<string, unknown> = {
  'POST /organisations': { name: 'x', country: 'GB', time_zone: 'Europe/London', base_currency: 'EUR' },
  'POST /api-keys': null,
  'DELETE /api-keys/{id}': undefined,
  'POST /users': null,
  'POST /customers': null,
  'POST /customers/{id}/apply-credit': () => ({ invoice_id: a.invoice }),
  'POST /invoices': {
    customer_external_id: 'SECRET-CUST',
    number: 'B-1',
    issue_date: '2024-01-01',
    due_date: '2024-01-02',
    currency: 'EUR',
    total: '1.00',
  },
  'POST /invoices/{id}/charges': { kind: 'fee', amount: '40.00', reason: 'x' },
  'POST /invoices/{id}/write-off': { reason: 'x' },
  'POST /invoices/{id}/void': { reason: 'x' },
  'POST /payments': () => ({
    customer_id: a.customer,
    amount: '1.00',
    currency: 'EUR',
    received_on: '2024-02-01',
  }),
  'POST /credit-notes': () => ({ invoice_id: a.invoice, amount: '1.00', reason: 'x' }),
  'POST /import-mappings': null,
  'POST /strategies': null,
  'PUT /strategies/{id}': callStrategy,
  'POST /segments': () => ({ name: 'b-segment', rule: {}, strategy_id: a.strategy }),
  'POST /runs': null,
  'POST /tasks/{id}/complete': {},
  'POST /customers/{id}/holds': { reason: 'bankruptcy' },
  'POST /holds/{id}/release': {},
  'POST /customers/{id}/portal-link': {},
  'POST /customers/{id}/opt-outs': { channel: 'email' },
  'POST /customers/{id}/consents': { channel: 'sms', address: '+14155550100' },
  'POST /customers/{id}/cease-communication': {},
  'POST /customers/{id}/messages': { channel: 'email', template: 'overdue_notice' },
  'POST /customers/{id}/erase': { force: true },
  'POST /interactions': () => ({
    customer_id: a.customer,
    channel: 'phone',
    direction: 'outbound',
    occurred_at: '2024-05-01T12:00:00Z',
    outcome: 'no_answer',
    invoice_ids: [a.invoice],
  }),
  'POST /payment-plans': () => ({
    customer_id: a.customer,
    invoice_ids: [a.late],
    count: 2,
    frequency: 'monthly',
    start_on: '2030-01-01',
  }),
  'POST /payment-plans/{id}/cancel': {},
  'POST /payment-plans/{id}/approve': {},
  'POST /disputes': () => ({ invoice_id: a.invoice, reason_code: 'other' }),
  'POST /disputes/{id}/resolve': { outcome: 'rejected' },
  'POST /customers/{id}/non-payment-reasons': { reason: 'cash_flow' },
  'POST /promises/{id}/cancel': {},
  'POST /templates': null,
  'POST /templates/preview': () => ({ key: 'overdue_notice', channel: 'email', customer_id: a.customer }),
  'POST /webhooks': null,
  'DELETE /webhooks/{id}': undefined,
  // B assigns its own customers only; the check below looks at A's.
  'POST /worklist/assign': null,
  'POST /messages/{id}/events': { kind: 'bounced', bounce_type: 'hard', detail: '550' },
  'POST /compliance/check': () => ({
    customer_id: a.customer,
    channel: 'email',
    at: '2024-06-01T12:00:00Z',
    invoice_ids: [a.invoice],
  }),
  'POST /promises': () => ({
    customer_id: a.customer,
    amount: '1.00',
    currency: 'EUR',
    due_on: '2030-01-01',
  }),
  'POST /imports':
    'customer_external_id,number,issue_date,due_date,currency,total\nSECRET-CUST,B-2,2024-01-01,2024-01-31,EUR,1.00\n',
};

const idFor: Record<string, () => string> = {
  '/customers/{id}': () => a.customer!,
  '/customers/{id}/apply-credit': () => a.customer!,
  '/invoices/{id}': () => a.invoice!,
  '/invoices/{id}/charges': () => a.invoice!,
  '/invoices/{id}/write-off': () => a.invoice!,
  '/invoices/{id}/void': () => a.invoice!,
  '/invoices/{id}/claim': () => a.invoice!,
  '/payments/{id}': () => a.payment!,
  '/api-keys/{id}': () => a.apiKey!,
  '/imports/{id}': () => a.import!,
  '/strategies/{id}': () => a.strategy!,
  '/runs/{id}': () => a.run!,
  '/tasks/{id}/complete': () => a.task!,
  '/customers/{id}/holds': () => a.customer!,
  '/customers/{id}/portal-link': () => a.customer!,
  '/customers/{id}/contact-preferences': () => a.customer!,
  '/customers/{id}/personal-data': () => a.customer!,
  '/customers/{id}/opt-outs': () => a.customer!,
  '/customers/{id}/consents': () => a.customer!,
  '/customers/{id}/cease-communication': () => a.customer!,
  '/customers/{id}/messages': () => a.customer!,
  '/customers/{id}/erase': () => a.customer!,
  '/payment-plans/{id}': () => a.plan!,
  '/payment-plans/{id}/cancel': () => a.plan!,
  '/payment-plans/{id}/approve': () => a.plan!,
  '/disputes/{id}': () => a.dispute!,
  '/disputes/{id}/resolve': () => a.dispute!,
  '/attachments/{id}': () => a.attachment!,
  '/customers/{id}/non-payment-reasons': () => a.customer!,
  '/promises/{id}/cancel': () => a.promise!,
  '/webhooks/{id}': () => a.webhook!,
  '/webhooks/{id}/deliveries': () => a.webhook!,
  '/messages/{id}': () => a.message!,
  '/messages/{id}/events': () => a.message!,
  '/customers/{id}/behaviour': () => a.customer!,
  '/customers/{id}/timeline': () => a.customer!,
  '/holds/{id}/release': () => a.hold!,
  '/promises/{id}': () => a.promise!,
};

/** A message as sent to A's customer, straight into the table (sending needs a whole run). */
async function insertMessageOfA(): Promise<string> {
  const [row] = await queryRows<{ tenant_id: string }>(
    api.database.db,
    sql`SELECT tenant_id FROM customers WHERE id = ${a.customer}`,
  );
  const id = '018f0000-0000-7000-8000-0000000000aa';
  await api.database.db.execute(sql`INSERT INTO messages
    (tenant_id, id, action_id, customer_id, channel, adapter, recipient, subject, body_text, status)
    VALUES (${row!.tenant_id}, ${id}, ${id}, ${a.customer}, 'email', 'sandbox', 'secret@example.test', 'SECRET-MSG', 'x', 'sent')`);
  return id;
}

async function snapshotOfA() {
  return JSON.stringify([
    (await api.call(keyA, 'GET', `/customers/${a.customer}`)).body,
    (await api.call(keyA, 'GET', `/invoices/${a.invoice}`)).body,
    (await api.call(keyA, 'GET', `/payments/${a.payment}`)).body,
    (await api.call(keyA, 'GET', '/customers?limit=100')).body,
    (await api.call(keyA, 'GET', '/invoices?limit=100')).body,
    (await api.call(keyA, 'GET', `/strategies/${a.strategy}`)).body,
    (await api.call(keyA, 'GET', '/tasks')).body,
    (await api.call(keyA, 'GET', `/promises/${a.promise}`)).body,
    (await api.call(keyA, 'GET', `/customers/${a.customer}/contact-preferences`)).body,
    (await api.call(keyA, 'GET', `/customers/${a.customer}/timeline`)).body,
    (await api.call(keyA, 'GET', `/payment-plans/${a.plan}`)).body,
    (await api.call(keyA, 'GET', `/disputes/${a.dispute}`)).body,
    (await api.call(keyA, 'GET', `/messages/${a.message}`)).body,
    (await api.call(keyA, 'GET', '/webhooks')).body,
    (await api.call(keyA, 'GET', '/api-keys')).body.data.map((k: { revoked_at: unknown }) => k.revoked_at),
  ]);
}

describe('tenant isolation', () => {
  it('every route keeps organisation A out of organisation B’s reach', async () => {
    const doc = JSON.parse((await api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body);
    const before = await snapshotOfA();
    const secrets = Object.values(a).concat(['SECRET-CUST', 'SECRET-INV', 'SECRET-PAY', 'Secret Customer A']);
    let checked = 0;
    for (const [path, operations] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(operations).map((m) => m.toUpperCase())) {
        const route = `${method} ${path}`;
        const idInUrl = idFor[path]?.() ?? 'missing';
        const url = path.replace('{id}', idInUrl);
        if (path.includes('{id}')) expect(idFor[path], `no id for ${route}`).toBeDefined();
        if (method === 'GET') {
          const response = await api.call(keyB, 'GET', url);
          if (path.includes('{id}')) expect(response.status, route).toBe(404);
          // The id B sent may be echoed in "not found"; nothing else of A's may appear.
          for (const secret of secrets.filter((s) => s !== idInUrl)) {
            expect(JSON.stringify(response.body), route).not.toContain(secret);
          }
        } else {
          expect(route in bodies, `no isolation case for ${route}`).toBe(true);
          const spec = bodies[route];
          if (spec === null) continue; // creates only in B's own organisation
          const body = typeof spec === 'function' ? spec() : spec;
          const csv = typeof body === 'string';
          const response = await api.call(
            keyB,
            method as 'POST' | 'PUT' | 'DELETE',
            route === 'POST /imports' ? `${url}?format=invoices-csv` : url,
            body,
            csv ? { 'content-type': 'text/csv' } : {},
          );
          expect(
            response.status,
            `${route} answered ${JSON.stringify(response.body)}`,
          ).toBeGreaterThanOrEqual(400);
          expect(response.status, route).toBeLessThan(500);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(await snapshotOfA()).toBe(before);
    await api.call(keyB, 'POST', '/worklist/assign', { method: 'round_robin', assignees: ['ann'] });
    const assignees = await queryRows<{ assignee: string | null }>(
      api.database.db,
      sql`SELECT assignee FROM customers WHERE id = ${a.customer}`,
    );
    expect(assignees).toEqual([{ assignee: null }]);
    expect((await api.call(keyA, 'GET', '/ledger/verify')).body.problems).toEqual([]);
    expect((await api.call(keyB, 'GET', '/ledger/verify')).body.problems).toEqual([]);
  });
});
