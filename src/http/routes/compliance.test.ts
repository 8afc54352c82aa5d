import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApi, type TestApi } from '../../../test/support/server.js';
import { createOrganisation } from '../../app/organisations.js';
import { verifyLedger } from '../../app/ledger/verify.js';

let api: TestApi;
let key: string;
let tenantId: string;
let customerId: string;
let invoiceId: string;

beforeAll(async () => {
  api = await startTestApi();
  const org = await createOrganisation(api.database.db, {
    name: 'US Collections',
    country: 'US',
    time_zone: 'America/New_York',
    base_currency: 'USD',
    rule_packs: ['us_federal_consumer', 'tcpa'],
  });
  key = org.api_key;
  tenantId = org.id;
  const customer = await api.call(key, 'POST', '/customers', {
    external_id: 'PAT-1',
    name: 'Pat Doe',
    kind: 'consumer',
    country: 'US',
    region: 'NY',
    time_zones: ['America/New_York'],
    email: 'pat@example.com',
    phone: '+15185550100',
    address: '1 Main St, Albany NY',
  });
  customerId = customer.body.id;
  const invoice = await api.call(key, 'POST', '/invoices', {
    customer_id: customerId,
    number: 'INV-1',
    issue_date: '2024-04-01',
    due_date: '2024-05-01',
    currency: 'USD',
    total: '300.00',
  });
  invoiceId = invoice.body.id;
});
afterAll(async () => api?.close());

describe('contact preferences over HTTP', () => {
  it('records opt-outs, consents and cease communication, and lists them', async () => {
    const optOut = await api.call(key, 'POST', `/customers/${customerId}/opt-outs`, {
      channel: 'email',
      address: 'Pat@Example.com',
      effective_at: '2024-05-20T00:00:00Z',
    });
    expect(optOut.status).toBe(200);
    expect(optOut.body.opt_outs).toEqual([
      expect.objectContaining({ channel: 'email', address: 'pat@example.com', source: 'api' }),
    ]);
    const consent = await api.call(key, 'POST', `/customers/${customerId}/consents`, {
      channel: 'sms',
      address: '+15185550100',
      effective_at: '2024-05-01T00:00:00Z',
    });
    expect(consent.body.consents).toHaveLength(1);
    const listed = await api.call(key, 'GET', `/customers/${customerId}/contact-preferences`);
    expect(listed.body.data).toHaveLength(2);
    expect(listed.body.cease_communication).toBeNull();
  });

  it('refuses bad input with the field named and changes nothing', async () => {
    const before = await api.call(key, 'GET', `/customers/${customerId}/contact-preferences`);
    const cases: [string, unknown, string][] = [
      [`/customers/${customerId}/opt-outs`, { channel: 'fax' }, 'channel'],
      [`/customers/${customerId}/opt-outs`, { channel: 'email', address: 'not-an-email' }, 'address'],
      [`/customers/${customerId}/consents`, { channel: 'sms', address: '5550100' }, 'address'],
      [
        `/customers/${customerId}/consents`,
        { channel: 'sms', address: '+15185550100', effective_at: 'yesterday' },
        'effective_at',
      ],
      ['/compliance/check', { customer_id: customerId, channel: 'phone', at: 'noon', invoice_ids: [] }, 'at'],
      [
        '/compliance/check',
        {
          customer_id: customerId,
          channel: 'phone',
          at: '2024-05-21T15:00:00Z',
          invoice_ids: ['00000000-0000-7000-8000-000000000000'],
        },
        'invoice_ids.0',
      ],
      [
        '/interactions',
        {
          customer_id: customerId,
          channel: 'email',
          direction: 'outbound',
          occurred_at: '2024-05-21T15:00:00Z',
          outcome: 'voicemail',
        },
        'outcome',
      ],
      [
        '/interactions',
        {
          customer_id: customerId,
          channel: 'phone',
          direction: 'outbound',
          occurred_at: '2024-05-21T15:00:00Z',
          kind: 'validation_notice',
          invoice_ids: [invoiceId],
        },
        'channel',
      ],
      [`/customers/${customerId}/messages`, { channel: 'email', template: 'Bad Name' }, 'template'],
    ];
    for (const [url, body, path] of cases) {
      const response = await api.call(key, 'POST', url, body);
      expect([400, 422]).toContain(response.status);
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const after = await api.call(key, 'GET', `/customers/${customerId}/contact-preferences`);
    expect(after.body).toEqual(before.body);
    expect((await api.call(key, 'GET', `/interactions?customer_id=${customerId}`)).body.data).toEqual([]);
  });
});

describe('POST /compliance/check', () => {
  it('answers allow, defer with the next allowed instant, or block, as API.md shapes them', async () => {
    await api.call(key, 'POST', '/interactions', {
      customer_id: customerId,
      channel: 'letter',
      direction: 'outbound',
      occurred_at: '2024-05-02T14:00:00Z',
      kind: 'validation_notice',
      invoice_ids: [invoiceId],
    });
    const ask = (channel: string, at: string) =>
      api.call(key, 'POST', '/compliance/check', {
        customer_id: customerId,
        channel,
        at,
        invoice_ids: [invoiceId],
      });
    const allowed = await ask('email', '2024-05-10T15:00:00Z');
    expect(allowed.body).toMatchObject({ decision: 'allow', reasons: [], next_allowed_at: null });
    const night = await ask('phone', '2024-05-10T02:00:00Z');
    expect(night.body).toMatchObject({
      decision: 'defer',
      reasons: [{ code: 'inconvenient_time', message: expect.any(String) }],
      next_allowed_at: '2024-05-10T12:00:00.000Z',
    });
    const optedOut = await ask('email', '2024-05-21T15:00:00Z');
    expect(optedOut.body).toMatchObject({ decision: 'block', next_allowed_at: null });
    expect(optedOut.body.reasons[0].code).toBe('opted_out_address');
  });

  it('flags a call logged after a conversation, and lists interactions', async () => {
    const first = await api.call(key, 'POST', '/interactions', {
      customer_id: customerId,
      channel: 'phone',
      direction: 'outbound',
      occurred_at: '2024-05-13T15:00:00Z',
      outcome: 'conversation',
      invoice_ids: [invoiceId],
      notes: 'promised to call back',
    });
    expect(first.status).toBe(201);
    expect(first.body.flagged).toBe(false);
    const second = await api.call(key, 'POST', '/interactions', {
      customer_id: customerId,
      channel: 'phone',
      direction: 'outbound',
      occurred_at: '2024-05-15T15:00:00Z',
      outcome: 'no_answer',
      invoice_ids: [invoiceId],
    });
    expect(second.body).toMatchObject({ flagged: true, compliance: { decision: 'defer' } });
    expect(second.body.compliance.reasons[0].code).toBe('call_after_conversation');
    const listed = await api.call(key, 'GET', `/interactions?customer_id=${customerId}&limit=2`);
    expect(listed.body.data.map((i: { id: string }) => i.id)).toEqual([second.body.id, first.body.id]);
    expect(listed.body.next_cursor).not.toBeNull();
  });
});

describe('the audit log over HTTP', () => {
  it("lists a customer's entries and detects an edited entry by its seq", async () => {
    const listed = await api.call(key, 'GET', `/audit?customer_id=${customerId}&limit=100`);
    const kinds = listed.body.data.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'contact_preference.opted_out',
        'contact_preference.consented',
        'interaction.recorded',
        'compliance.checked',
        'compliance.flagged',
      ]),
    );
    expect((await api.call(key, 'GET', '/audit/verify')).body).toMatchObject({ ok: true, broken: null });
    const victim = listed.body.data.find((e: { kind: string }) => e.kind === 'compliance.flagged');
    await api.database.db.execute(
      sql`UPDATE audit_log SET data = data || '{"decision":"allow"}' WHERE tenant_id = ${tenantId} AND seq = ${victim.seq}`,
    );
    const broken = await api.call(key, 'GET', '/audit/verify');
    expect(broken.body).toMatchObject({ ok: false, broken: { seq: victim.seq, problem: 'hash_mismatch' } });
    await api.database.db.execute(
      sql`UPDATE audit_log SET data = data || ${JSON.stringify({ decision: victim.data.decision })}::jsonb WHERE tenant_id = ${tenantId} AND seq = ${victim.seq}`,
    );
    expect((await api.call(key, 'GET', '/audit/verify')).body.ok).toBe(true);
  });
});

describe('GDPR', () => {
  it("exports a customer's data, refuses erasure while money is owed, erases with force, and the audit log still verifies", async () => {
    const exported = await api.call(key, 'GET', `/customers/${customerId}/personal-data`);
    expect(exported.status).toBe(200);
    expect(exported.body.customer.name).toBe('Pat Doe');
    expect(exported.body.contacts.map((c: { value: string }) => c.value)).toEqual(
      expect.arrayContaining(['pat@example.com', '+15185550100']),
    );
    expect(exported.body.invoices).toHaveLength(1);
    expect(exported.body.audit_log.length).toBeGreaterThan(3);

    const refused = await api.call(key, 'POST', `/customers/${customerId}/erase`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('open_balance');
    expect((await api.call(key, 'GET', `/customers/${customerId}`)).body.name).toBe('Pat Doe');

    const erased = await api.call(key, 'POST', `/customers/${customerId}/erase`, { force: true });
    expect(erased.status).toBe(200);
    expect(erased.body.open_balance).toEqual([{ amount: '300.00', currency: 'USD' }]);
    const after = await api.call(key, 'GET', `/customers/${customerId}`);
    expect(after.body).toMatchObject({
      name: 'erased',
      email: null,
      phone: null,
      address: null,
      contacts: [],
    });
    expect(after.body.balance).toEqual([{ amount: '300.00', currency: 'USD' }]);
    const again = await api.call(key, 'GET', `/customers/${customerId}/personal-data`);
    expect(JSON.stringify(again.body.interactions)).not.toContain('promised to call back');
    expect(JSON.stringify(again.body.contact_preferences)).not.toContain('pat@example.com');
    expect((await api.call(key, 'GET', '/audit/verify')).body.ok).toBe(true);
    expect((await verifyLedger(api.database.db, tenantId)).problems).toEqual([]);
  });
});

describe('another organisation', () => {
  it("cannot read or change this one's preferences, interactions, checks, messages or personal data", async () => {
    const other = await api.newOrganisation('Other');
    const before = (await api.call(key, 'GET', `/audit?limit=500`)).body.data.length;
    const writes: [string, unknown][] = [
      [`/customers/${customerId}/opt-outs`, { channel: 'email' }],
      [`/customers/${customerId}/consents`, { channel: 'sms', address: '+14155550100' }],
      [`/customers/${customerId}/cease-communication`, {}],
      [`/customers/${customerId}/messages`, { channel: 'email', template: 'overdue_notice' }],
      [`/customers/${customerId}/erase`, { force: true }],
      [
        '/compliance/check',
        { customer_id: customerId, channel: 'email', at: '2024-06-01T12:00:00Z', invoice_ids: [invoiceId] },
      ],
      [
        '/interactions',
        {
          customer_id: customerId,
          channel: 'phone',
          direction: 'outbound',
          occurred_at: '2024-05-01T12:00:00Z',
          outcome: 'no_answer',
          invoice_ids: [invoiceId],
        },
      ],
    ];
    for (const [url, body] of writes) {
      const response = await api.call(other, 'POST', url, body);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(response.status, url).toBeLessThan(500);
    }
    for (const url of [
      `/customers/${customerId}/contact-preferences`,
      `/customers/${customerId}/personal-data`,
    ])
      expect((await api.call(other, 'GET', url)).status, url).toBe(404);
    expect(
      (await api.call(other, 'GET', '/audit')).body.data.every(
        (e: { customer_id: string | null }) => e.customer_id !== customerId,
      ),
    ).toBe(true);
    expect((await api.call(key, 'GET', `/audit?limit=500`)).body.data.length).toBe(before);
  });
});
