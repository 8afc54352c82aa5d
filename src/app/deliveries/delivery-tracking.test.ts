/**
 * Delivery tracking and the debtor's own opt-outs, through the HTTP API and the public hooks:
 * a hard bounce marks the address invalid and brings the customer back to the next run, the
 * one-click unsubscribe link and an SMS STOP opt out, SMS status callbacks become events.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../../test/support/database.js';
import { startTestApi, type TestApi } from '../../../test/support/server.js';
import { createSandboxAdapter } from '../../channels/sandbox.js';
import { createRecordingAdapter } from '../../channels/recording.js';
import { createTwilioAdapter } from '../../channels/sms/twilio-adapter.js';
import { twilioSignature } from '../../channels/sms/signature.js';
import { startSmsServer, type LocalSmsServer } from '../../channels/test-support/sms-server.js';
import { strategyDocument } from '../../domain/strategies/document.js';
import { dispatchUntilIdle } from '../../jobs/dispatch.js';
import {
  auditLog,
  collectionStates,
  contactPreferences,
  contacts,
  invalidAddresses,
  messages,
} from '../../store/schema.js';
import { fixedClock, type Ctx } from '../context.js';
import { createCustomer } from '../customers.js';
import { createInvoice } from '../invoices.js';
import { runInput, startRun } from '../runs/run.js';
import { issueToken } from '../signed-links.js';
import { createStrategy } from '../strategies.js';

const PUBLIC_URL = 'https://recoup.test';
const SMS = { sid: 'AC0000000000000000000000000000000a', token: 'sms-auth-token' };
process.env.RECOUP_PUBLIC_URL = PUBLIC_URL;
process.env.RECOUP_SMS_TOKEN = SMS.token;

const clock = fixedClock('2024-06-12T10:00:00Z');
let api: TestApi;
let sms: LocalSmsServer;
let ctx: Ctx;
let key: string;
let emailCustomer: string;
let smsCustomer: string;
let deadNumberCustomer: string;

async function debtor(externalId: string, strategyId: string, phone: string) {
  const customer = await createCustomer(ctx, {
    external_id: externalId,
    name: `${externalId} Ltd`,
    kind: 'business',
    country: 'GB',
    currency: 'GBP',
    email: `${externalId.toLowerCase()}@example.com`,
    tags: [],
    strategy_id: strategyId,
    contacts: [{ channel: 'phone', value: phone, sms_consent: true, automated_call_consent: false }],
  });
  await createInvoice(ctx, {
    customer_id: customer.id,
    number: `INV-${externalId}`,
    issue_date: '2024-05-01',
    due_date: '2024-06-01',
    currency: 'GBP',
    total: '420.00',
  });
  return customer.id;
}

async function messageOf(customerId: string) {
  const [row] = await ctx.db.select().from(messages).where(eq(messages.customerId, customerId));
  return row!;
}

/** Posts a form to a public hook, signed as the SMS provider signs it. */
async function postSigned(path: string, form: Record<string, string>, signWith = SMS.token) {
  return api.app.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(signWith, `${PUBLIC_URL}${path}`, form),
    },
    payload: new URLSearchParams(form).toString(),
  });
}

beforeAll(async () => {
  api = await startTestApi(clock);
  sms = await startSmsServer(SMS);
  const org = await createTestOrg(api.database, { clock, name: 'Northwind' });
  ctx = org.ctx;
  key = org.apiKey;
  const step = (action: 'email' | 'sms', template: string) =>
    strategyDocument.parse({ name: action, steps: [{ key: 'due_7', offset_days: 7, action, template }] });
  const byEmail = await createStrategy(ctx, step('email', 'overdue_notice'));
  const bySms = await createStrategy(ctx, step('sms', 'overdue_sms'));
  emailCustomer = await debtor('MAIL', byEmail.id, '+447700900001');
  smsCustomer = await debtor('TEXT', bySms.id, '+447700900002');
  // The local SMS provider refuses this number with Twilio's 21211 "not a valid phone number".
  deadNumberCustomer = await debtor('DEAD', bySms.id, '+15005550001');
  await startRun(ctx, runInput.parse({}));
  const sent = await dispatchUntilIdle(ctx.db, {
    clock,
    publicUrl: PUBLIC_URL,
    adapters: {
      email: createSandboxAdapter('email'),
      sms: createTwilioAdapter({
        baseUrl: sms.url,
        accountSid: SMS.sid,
        authToken: SMS.token,
        from: '+15005550006',
      }),
      letter: createRecordingAdapter('letter'),
    },
  });
  expect(sent).toMatchObject({ sent: 2, failed: 1 });
});

afterAll(async () => {
  await sms?.close();
  await api?.close();
});

describe('messages as sent', () => {
  it("lists a customer's messages and shows one with its content and attachment", async () => {
    const list = await api.call(key, 'GET', `/messages?customer_id=${emailCustomer}`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    const [summary] = list.body.data;
    expect(summary).toMatchObject({ channel: 'email', status: 'sent', recipient: 'mail@example.com' });
    expect(summary.attachments).toEqual([
      { name: 'statement-MAIL-2024-06-12.pdf', content_type: 'application/pdf', size: expect.any(Number) },
    ]);
    const one = await api.call(key, 'GET', `/messages/${summary.id}`);
    expect(one.body.body_text).toContain('INV-MAIL');
    expect(one.body.body_text).toContain(`${PUBLIC_URL}/unsubscribe?token=`);
    expect(one.body.events).toEqual([]);
  });

  it("answers 404 for another organisation's message", async () => {
    const other = await api.newOrganisation('Other');
    const { id } = await messageOf(emailCustomer);
    expect((await api.call(other, 'GET', `/messages/${id}`)).status).toBe(404);
    expect((await api.call(other, 'POST', `/messages/${id}/events`, { kind: 'delivered' })).status).toBe(404);
  });
});

describe('reported events', () => {
  it('refuses a bad event, naming the field, and changes nothing', async () => {
    const { id } = await messageOf(emailCustomer);
    const unknown = await api.call(key, 'POST', `/messages/${id}/events`, { kind: 'exploded' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('kind');
    const misplaced = await api.call(key, 'POST', `/messages/${id}/events`, {
      kind: 'delivered',
      bounce_type: 'hard',
    });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.error.details[0].path).toBe('bounce_type');
    expect((await api.call(key, 'GET', `/messages/${id}`)).body.events).toEqual([]);
  });

  it('a hard bounce marks the address invalid and brings the customer back to the next run', async () => {
    const { id } = await messageOf(emailCustomer);
    const [before] = await ctx.db
      .select()
      .from(collectionStates)
      .where(eq(collectionStates.customerId, emailCustomer));
    // Nothing more to do for this customer until something changes...
    expect(before!.nextActionAt?.getTime() ?? Infinity).toBeGreaterThan(clock.now().getTime());
    const bounced = await api.call(key, 'POST', `/messages/${id}/events`, {
      kind: 'bounced',
      bounce_type: 'hard',
      detail: '550 5.1.1 user unknown',
      occurred_at: '2024-06-12T10:05:00Z',
    });
    expect(bounced.status).toBe(201);
    expect(bounced.body).toMatchObject({ status: 'bounced' });
    expect(bounced.body.events).toEqual([
      expect.objectContaining({ kind: 'bounced', bounce_type: 'hard', detail: '550 5.1.1 user unknown' }),
    ]);
    const invalid = await ctx.db
      .select()
      .from(invalidAddresses)
      .where(eq(invalidAddresses.customerId, emailCustomer));
    expect(invalid).toEqual([
      expect.objectContaining({ channel: 'email', address: 'mail@example.com', clearedAt: null }),
    ]);
    const [after] = await ctx.db
      .select()
      .from(collectionStates)
      .where(eq(collectionStates.customerId, emailCustomer));
    // ...and the bounce is such a change: the next run looks at them (the epoch means "now").
    expect(after!.nextActionAt!.getTime()).toBe(0);
    // Reported twice (providers repeat themselves): one event, one invalid address.
    await api.call(key, 'POST', `/messages/${id}/events`, { kind: 'bounced', bounce_type: 'hard' });
    expect((await api.call(key, 'GET', `/messages/${id}`)).body.events).toHaveLength(1);
    expect(
      await ctx.db.select().from(invalidAddresses).where(eq(invalidAddresses.customerId, emailCustomer)),
    ).toHaveLength(1);
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.kind, 'message.bounced'));
    expect(audit).toHaveLength(1);
  });
});

describe('refusals at send time', () => {
  it('a number the provider says is invalid (21211) is marked invalid at once', async () => {
    expect(
      await ctx.db.select().from(invalidAddresses).where(eq(invalidAddresses.customerId, deadNumberCustomer)),
    ).toEqual([
      expect.objectContaining({
        channel: 'sms',
        address: '+15005550001',
        reason: expect.stringContaining('21211'),
      }),
    ]);
    const [state] = await ctx.db
      .select()
      .from(collectionStates)
      .where(eq(collectionStates.customerId, deadNumberCustomer));
    expect(state!.nextActionAt!.getTime()).toBe(0);
  });
});

describe('the unsubscribe link', () => {
  it('shows a confirmation page, and the one-click POST opts the customer out of email', async () => {
    const token = await issueToken(ctx.db, ctx.tenantId, emailCustomer, 'unsubscribe', clock.now());
    const page = await api.app.inject({ method: 'GET', url: `/unsubscribe?token=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Northwind');
    expect(page.body).toContain('method="post"');
    const contactsBefore = await ctx.db.select().from(contacts).where(eq(contacts.customerId, emailCustomer));
    expect(contactsBefore.find((c) => c.channel === 'email')?.optedOut).toBe(false);

    const done = await api.app.inject({
      method: 'POST',
      url: `/unsubscribe?token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('You are unsubscribed');
    const emailContact = (
      await ctx.db.select().from(contacts).where(eq(contacts.customerId, emailCustomer))
    ).find((c) => c.channel === 'email');
    expect(emailContact?.optedOut).toBe(true);
    const preferences = await ctx.db
      .select()
      .from(contactPreferences)
      .where(eq(contactPreferences.customerId, emailCustomer));
    expect(preferences).toEqual([
      expect.objectContaining({ kind: 'opt_out', channel: 'email', address: null, source: 'unsubscribe' }),
    ]);
    expect(await ctx.db.select().from(auditLog).where(eq(auditLog.kind, 'customer.opted_out'))).toHaveLength(
      1,
    );
  });

  it('refuses a forged or wrong-purpose link and changes nothing', async () => {
    const portal = await issueToken(ctx.db, ctx.tenantId, smsCustomer, 'portal', clock.now());
    for (const token of ['nonsense', portal, `${portal.split('.')[0]}.forged`]) {
      const response = await api.app.inject({ method: 'POST', url: `/unsubscribe?token=${token}` });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('This link does not work');
    }
    const preferences = await ctx.db
      .select()
      .from(contactPreferences)
      .where(eq(contactPreferences.customerId, smsCustomer));
    expect(preferences).toEqual([]);
  });
});

describe('SMS provider hooks', () => {
  it('refuses a callback without the provider signature', async () => {
    const forged = await postSigned('/hooks/sms/inbound', { From: '+447700900002', Body: 'STOP' }, 'wrong');
    expect(forged.statusCode).toBe(403);
    const preferences = await ctx.db
      .select()
      .from(contactPreferences)
      .where(eq(contactPreferences.customerId, smsCustomer));
    expect(preferences).toEqual([]);
  });

  it('records delivery and a permanent failure from status callbacks', async () => {
    const message = await messageOf(smsCustomer);
    expect(message.providerId).toMatch(/^SM/);
    const delivered = await postSigned('/hooks/sms/status', {
      MessageSid: message.providerId!,
      MessageStatus: 'delivered',
    });
    expect(delivered.statusCode).toBe(204);
    expect((await messageOf(smsCustomer)).status).toBe('delivered');
    const failed = await postSigned('/hooks/sms/status', {
      MessageSid: message.providerId!,
      MessageStatus: 'undelivered',
      ErrorCode: '30006',
      ErrorMessage: 'Landline or unreachable carrier',
    });
    expect(failed.statusCode).toBe(204);
    const view = await api.call(key, 'GET', `/messages/${message.id}`);
    expect(view.body.status).toBe('failed');
    expect(view.body.events.map((e: { kind: string }) => e.kind)).toEqual(['delivered', 'failed']);
    expect(
      await ctx.db
        .select()
        .from(invalidAddresses)
        .where(and(eq(invalidAddresses.customerId, smsCustomer), eq(invalidAddresses.channel, 'sms'))),
    ).toEqual([expect.objectContaining({ address: '+447700900002' })]);
  });

  it('opts the number out at once on STOP', async () => {
    const response = await postSigned('/hooks/sms/inbound', {
      From: '+44 7700 900002',
      To: '+15005550006',
      Body: 'Stop',
      MessageSid: 'SM123',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<Response>');
    const preferences = await ctx.db
      .select()
      .from(contactPreferences)
      .where(eq(contactPreferences.customerId, smsCustomer));
    expect(preferences).toEqual([
      expect.objectContaining({
        kind: 'opt_out',
        channel: 'sms',
        address: '+447700900002',
        source: 'sms_stop',
      }),
    ]);
    const [phone] = await ctx.db.select().from(contacts).where(eq(contacts.customerId, smsCustomer));
    expect(phone?.smsConsent).toBe(false);
  });
});
