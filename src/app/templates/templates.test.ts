/** Organisation templates through the API: versions, validation, listing, previews, and use by the dispatcher. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../../test/support/database.js';
import { startTestApi, type TestApi } from '../../../test/support/server.js';
import { createRecordingAdapter } from '../../channels/recording.js';
import { createSandboxAdapter } from '../../channels/sandbox.js';
import { strategyDocument } from '../../domain/strategies/document.js';
import { dispatchUntilIdle } from '../../jobs/dispatch.js';
import { messages, templates } from '../../store/schema.js';
import { fixedClock, type Ctx } from '../context.js';
import { createCustomer } from '../customers.js';
import { createInvoice } from '../invoices.js';
import { runInput, startRun } from '../runs/run.js';
import { createStrategy } from '../strategies.js';

const clock = fixedClock('2024-06-12T10:00:00Z');
let api: TestApi;
let ctx: Ctx;
let key: string;
let customerId: string;

const OWN = {
  key: 'overdue_notice',
  channel: 'email',
  language: 'en',
  subject: 'Reminder from {{ organisation.name }}: {{ totals | money_list }}',
  body: 'Hello {{ customer.name }},\n{% for item in items %}{{ item.number }} {{ item.balance | money }}\n{% endfor %}Unsubscribe: {{ sender.unsubscribe_url }}',
};

beforeAll(async () => {
  api = await startTestApi(clock);
  ({ ctx, apiKey: key } = await createTestOrg(api.database, { clock, name: 'Northwind' }));
  const strategy = await createStrategy(
    ctx,
    strategyDocument.parse({
      name: 'One email',
      steps: [{ key: 'due_7', offset_days: 7, action: 'email', template: 'overdue_notice' }],
    }),
  );
  const customer = await createCustomer(ctx, {
    external_id: 'ACME',
    name: 'Acme Ltd',
    kind: 'business',
    country: 'GB',
    currency: 'GBP',
    email: 'ap@acme.example',
    tags: [],
    strategy_id: strategy.id,
    contacts: [],
  });
  customerId = customer.id;
  for (const [number, due] of [
    ['INV-1', '2024-05-20'],
    ['INV-2', '2024-07-01'],
  ] as const)
    await createInvoice(ctx, {
      customer_id: customerId,
      number,
      issue_date: '2024-05-01',
      due_date: due,
      currency: 'GBP',
      total: '250.00',
    });
});
afterAll(async () => api?.close());

describe('saving versions', () => {
  it('saves version 1, then 2, of key + channel + language', async () => {
    const first = await api.call(key, 'POST', '/templates', OWN);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      key: 'overdue_notice',
      source: 'organisation',
      version: 1,
      html: null,
    });
    const second = await api.call(key, 'POST', '/templates', { ...OWN, subject: `v2 ${OWN.subject}` });
    expect(second.body.version).toBe(2);
    const sms = await api.call(key, 'POST', '/templates', {
      key: 'overdue_notice',
      channel: 'sms',
      body: 'Pay {{ totals | money_list }}',
    });
    expect(sms.body.version).toBe(1);
  });

  it('refuses a template that does not parse or render, naming the field and line; saves nothing', async () => {
    const before = await ctx.db.select().from(templates).where(eq(templates.tenantId, ctx.tenantId));
    const parse = await api.call(key, 'POST', '/templates', {
      ...OWN,
      body: 'Hello\n\n{% if %}x{% endif %}',
    });
    expect(parse.status).toBe(422);
    expect(parse.body.error.code).toBe('template_invalid');
    expect(parse.body.error.details[0]).toMatchObject({
      path: 'body',
      message: expect.stringMatching(/^line 3: /),
    });
    const unknown = await api.call(key, 'POST', '/templates', {
      ...OWN,
      subject: 'Hi {{ customer.nickname }}',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0].path).toBe('subject');
    expect(unknown.body.error.message).toMatch(/undefined variable: customer.nickname/);
    const html = await api.call(key, 'POST', '/templates', { ...OWN, html: '<p>{{ items | shout }}</p>' });
    expect(html.status).toBe(422);
    expect(html.body.error.details[0].path).toBe('html');
    const subjectForSms = await api.call(key, 'POST', '/templates', { ...OWN, channel: 'sms' });
    expect(subjectForSms.status).toBe(400);
    expect(subjectForSms.body.error.details[0].path).toBe('subject');
    const badChannel = await api.call(key, 'POST', '/templates', { ...OWN, channel: 'fax' });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.error.details[0].path).toBe('channel');
    expect(await ctx.db.select().from(templates).where(eq(templates.tenantId, ctx.tenantId))).toEqual(before);
  });
});

describe('reading templates', () => {
  it('lists the defaults and the latest own versions', async () => {
    const list = await api.call(key, 'GET', '/templates');
    expect(list.status).toBe(200);
    const find = (k: string, channel: string) =>
      list.body.data.find(
        (t: { key: string; channel: string; language: string }) =>
          t.key === k && t.channel === channel && t.language === 'en',
      );
    expect(find('overdue_notice', 'email')).toMatchObject({ source: 'organisation', version: 2 });
    expect(find('friendly_reminder', 'email')).toMatchObject({ source: 'default', version: null });
  });

  it('reads a version, the latest, or the default files', async () => {
    const v1 = await api.call(key, 'GET', '/templates/overdue_notice?channel=email&language=en&version=1');
    expect(v1.body).toMatchObject({ version: 1, subject: OWN.subject });
    const latest = await api.call(key, 'GET', '/templates/overdue_notice?channel=email');
    expect(latest.body.version).toBe(2);
    const fallback = await api.call(key, 'GET', '/templates/final_notice?channel=sms');
    expect(fallback.body).toMatchObject({ source: 'default', version: null });
    expect(fallback.body.body).toContain('{{');
    expect((await api.call(key, 'GET', '/templates/nothing_like_it?channel=email')).status).toBe(404);
    // Another organisation sees only the defaults.
    const other = await api.newOrganisation('Other');
    expect((await api.call(other, 'GET', '/templates/overdue_notice?channel=email')).body.source).toBe(
      'default',
    );
    expect((await api.call(other, 'GET', '/templates/overdue_notice?channel=email&version=1')).status).toBe(
      404,
    );
  });
});

describe('previews', () => {
  it("renders the latest version with a customer's real overdue items", async () => {
    const preview = await api.call(key, 'POST', '/templates/preview', {
      key: 'overdue_notice',
      customer_id: customerId,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      source: 'organisation',
      version: 2,
      subject: 'v2 Reminder from Northwind: £250.00',
    });
    expect(preview.body.text).toContain('INV-1 £250.00');
    expect(preview.body.text).not.toContain('INV-2'); // not yet due
    expect(preview.body.html).toContain('Hello Acme Ltd,');
  });

  it('renders a draft with sample data, and refuses a broken draft', async () => {
    const draft = await api.call(key, 'POST', '/templates/preview', {
      channel: 'sms',
      body: '{{ customer.name }} owes {{ totals | money_list }}',
    });
    expect(draft.body).toMatchObject({ source: 'draft', text: 'Acme Trading GmbH owes €1,534.56' });
    const broken = await api.call(key, 'POST', '/templates/preview', { channel: 'sms', body: '{{ nope }}' });
    expect(broken.status).toBe(422);
    expect(broken.body.error.details[0].path).toBe('body');
    const unknown = await api.call(key, 'POST', '/templates/preview', { key: 'no_such_template' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('template "no_such_template": no such template');
    const nothing = await api.call(key, 'POST', '/templates/preview', { channel: 'sms' });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.details[0].path).toBe('key');
  });
});

describe('the dispatcher', () => {
  it("sends the organisation's latest version", async () => {
    await startRun(ctx, runInput.parse({}));
    await dispatchUntilIdle(ctx.db, {
      clock,
      publicUrl: 'https://recoup.test',
      adapters: {
        email: createSandboxAdapter('email'),
        sms: createRecordingAdapter('sms'),
        letter: createRecordingAdapter('letter'),
      },
    });
    const [sent] = await ctx.db.select().from(messages).where(eq(messages.customerId, customerId));
    expect(sent?.subject).toBe('v2 Reminder from Northwind: £250.00');
    expect(sent?.bodyText).toMatch(
      /^Hello Acme Ltd,\nINV-1 £250.00\nUnsubscribe: https:\/\/recoup\.test\/unsubscribe\?token=/,
    );
  });
});
