import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestOrg, openTestDatabase } from '../../../test/support/database.js';
import { createRecordingAdapter } from '../../channels/recording.js';
import type { MessageData } from '../../channels/message.js';
import { strategyDocument, type StrategyInput } from '../../domain/strategies/document.js';
import { dispatchUntilIdle, type Adapters } from '../../jobs/dispatch.js';
import { actions, contacts, invalidAddresses } from '../../store/schema.js';
import type { Database } from '../../store/database.js';
import { newId, type Clock, type Ctx } from '../context.js';
import { createCustomer } from '../customers.js';
import { createInvoice } from '../invoices.js';
import { addCharge } from '../invoice-adjustments.js';
import { verifyLedger } from '../ledger/verify.js';
import { recordPayment } from '../payments.js';
import { createStrategy } from '../strategies.js';
import { runInput, startRun } from '../runs/run.js';
import { verifyAudit } from '../audit/verify.js';
import { listAudit } from '../audit/list.js';
import { complianceCheck } from './check-api.js';
import { interactionInput, recordInteraction } from './interactions.js';
import { sendManualMessage } from './manual-messages.js';
import { addConsent, addOptOut, ceaseCommunication, contactPreferencesOf } from './preferences-api.js';
import { recordOptOut } from './preferences.js';

let database: Database;
let now = new Date('2024-03-04T15:00:00Z'); // Monday, 10:00 in New York
const clock: Clock = { now: () => now };
let counter = 0;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

const twoEmails: StrategyInput = {
  name: 'Two emails',
  steps: [
    { key: 'due_7', offset_days: 7, action: 'email', template: 'overdue_notice', fallbacks: ['letter'] },
    { key: 'due_14', offset_days: 14, action: 'email', template: 'overdue_notice', fallbacks: ['letter'] },
  ],
};

async function usOrg(
  rulePacks: ('us_federal_consumer' | 'tcpa' | 'b2b_default')[] = ['us_federal_consumer'],
  strategy: StrategyInput = twoEmails,
) {
  const { ctx } = await createTestOrg(database, {
    clock,
    name: `US ${++counter}`,
    rulePacks,
    timeZone: 'America/New_York',
  });
  await createStrategy(ctx, strategyDocument.parse(strategy));
  return { ...ctx, actor: 'api_key:test' } satisfies Ctx;
}

async function consumer(ctx: Ctx, fields: { address?: string; phone?: string } = {}) {
  const n = ++counter;
  return createCustomer(ctx, {
    external_id: `US${n}`,
    name: `Pat Doe ${n}`,
    kind: 'consumer',
    country: 'US',
    region: 'NY',
    time_zones: ['America/New_York'],
    currency: 'USD',
    email: `pat${n}@example.com`,
    ...(fields.phone && { phone: fields.phone }),
    address: fields.address ?? null,
    tags: [],
    contacts: [],
  });
}

async function invoice(ctx: Ctx, customerId: string, dueDate: string, total = '500.00') {
  return createInvoice(ctx, {
    customer_id: customerId,
    number: `N-${++counter}`,
    issue_date: '2024-01-15',
    due_date: dueDate,
    currency: 'USD',
    total,
  });
}

const run = (ctx: Ctx) => startRun(ctx, runInput.parse({}));
const adapters = (): Adapters => ({
  email: createRecordingAdapter('email'),
  sms: createRecordingAdapter('sms'),
  letter: createRecordingAdapter('letter'),
});

describe('the validation notice', () => {
  it('goes first with its itemization and period end; once sent, the next step collects', async () => {
    now = new Date('2024-03-04T15:00:00Z');
    const ctx = await usOrg();
    const pat = await consumer(ctx);
    const debt = await invoice(ctx, pat.id, '2024-02-20');
    await addCharge(ctx, debt.id, {
      kind: 'fee',
      amount: '25.00',
      charged_on: '2024-02-25',
      reason: 'late fee',
    });
    await recordPayment(ctx, {
      customer_id: pat.id,
      amount: '100.00',
      currency: 'USD',
      received_on: '2024-02-28',
      allocations: [{ invoice_id: debt.id, amount: '100.00' }],
    });
    const [notice] = (await run(ctx)).actions;
    expect(notice).toMatchObject({ template: 'validation_notice', channel: 'email', status: 'planned' });
    const [row] = await ctx.db.select().from(actions).where(eq(actions.id, notice!.id));
    const data = (row!.payload as { data: MessageData }).data;
    // Sent Monday 4 March 2024: receipt after five business days, Monday 11 March; end 10 April.
    expect(data.totals).toEqual([{ amount: '425.00', currency: 'USD' }]);
    expect(data.validation).toMatchObject({
      sent_on: '2024-03-04',
      validation_period_end: '2024-04-10',
      itemization_date: '2024-01-15',
      items: [
        {
          invoice_id: debt.id,
          amount_on_itemization_date: { amount: '500.00', currency: 'USD' },
          interest: { amount: '0.00', currency: 'USD' },
          fees: { amount: '25.00', currency: 'USD' },
          payments: { amount: '100.00', currency: 'USD' },
          credits: { amount: '0.00', currency: 'USD' },
          current: { amount: '425.00', currency: 'USD' },
        },
      ],
    });
    const sent = adapters();
    expect((await dispatchUntilIdle(ctx.db, { adapters: sent, clock, tenantId: ctx.tenantId })).sent).toBe(1);
    expect((sent.email as ReturnType<typeof createRecordingAdapter>).sent[0]!.template).toBe(
      'validation_notice',
    );

    // A week later the next step is a collection message, no longer blocked.
    now = new Date('2024-03-11T15:00:00Z');
    const next = (await run(ctx)).actions;
    expect(next.map((a) => [a.step, a.template, a.status])).toEqual([
      ['due_14', 'overdue_notice', 'planned'],
    ]);
    const decided = await listAudit(ctx, { limit: 50, customer_id: pat.id, kind: 'compliance.decided' });
    expect(decided.data.map((e) => e.data.decision)).toEqual(['allow', 'allow']);
    expect(decided.data[1]!.data.rule_pack_versions).toEqual(
      expect.arrayContaining([expect.stringMatching(/^us_federal_consumer@/)]),
    );
    expect((await verifyLedger(ctx.db, ctx.tenantId)).problems).toEqual([]);
    expect((await verifyAudit(ctx.db, ctx.tenantId)).ok).toBe(true);
  });

  it('is not sent again when a notice sent elsewhere was recorded as an interaction', async () => {
    now = new Date('2024-03-04T15:00:00Z');
    const ctx = await usOrg();
    const pat = await consumer(ctx);
    const debt = await invoice(ctx, pat.id, '2024-02-20');
    const recorded = await recordInteraction(
      ctx,
      interactionInput.parse({
        customer_id: pat.id,
        channel: 'letter',
        direction: 'outbound',
        occurred_at: '2024-02-01T12:00:00Z',
        kind: 'validation_notice',
        invoice_ids: [debt.id],
      }),
    );
    // Sent Thursday 1 February 2024: receipt Thursday 8 February, end 9 March (a leap year).
    expect(recorded.details.validation_period_end).toBe('2024-03-09');
    const [action] = (await run(ctx)).actions;
    expect(action).toMatchObject({ template: 'overdue_notice', status: 'planned' });
  });
});

describe('contact preferences in the run', () => {
  it('falls back to a letter when the email address opted out, and to nothing when the address is invalid', async () => {
    now = new Date('2024-03-04T15:00:00Z');
    const ctx = await usOrg([]);
    const pat = await consumer(ctx, { address: '1 Main St, Albany NY' });
    await invoice(ctx, pat.id, '2024-02-20');
    const prefs = await addOptOut(ctx, pat.id, {
      channel: 'email',
      address: `PAT${counter - 1}@Example.com`,
      source: 'api',
    });
    expect(prefs.opt_outs).toHaveLength(1);
    expect(prefs.opt_outs[0]!.address).toBe(`pat${counter - 1}@example.com`);
    const [flag] = await ctx.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.customerId, pat.id), eq(contacts.channel, 'email')));
    expect(flag!.optedOut).toBe(true);
    const [action] = (await run(ctx)).actions;
    expect(action).toMatchObject({ channel: 'letter', status: 'planned', reason_code: 'fallback_channel' });

    const other = await consumer(ctx);
    await invoice(ctx, other.id, '2024-02-20');
    await ctx.db.insert(invalidAddresses).values({
      tenantId: ctx.tenantId,
      id: newId(),
      customerId: other.id,
      channel: 'email',
      address: `pat${counter - 1}@example.com`,
      reason: 'hard bounce',
      markedAt: new Date('2024-03-01T00:00:00Z'),
    });
    now = new Date('2024-03-04T16:00:00Z');
    const [blocked] = (await run(ctx)).actions;
    expect(blocked).toMatchObject({
      customer_id: other.id,
      status: 'blocked',
      reason_code: 'no_reachable_channel',
    });
  });
});

describe('a STOP recorded by another module (recordOptOut)', () => {
  it('ends texting that number, so the step falls back to email; calls by a person stay allowed', async () => {
    now = new Date('2024-03-04T15:00:00Z');
    const ctx = await usOrg(['tcpa'], {
      name: 'Texts first',
      steps: [{ key: 'due_7', offset_days: 7, action: 'sms', template: 'overdue_sms', fallbacks: ['email'] }],
    });
    const pat = await consumer(ctx, { phone: '+15185550177' });
    await ctx.db.update(contacts).set({ smsConsent: true }).where(eq(contacts.customerId, pat.id));
    await invoice(ctx, pat.id, '2024-02-20');
    await ctx.db.transaction((tx) =>
      recordOptOut(tx, ctx.tenantId, pat.id, {
        channel: 'sms',
        address: '(518) 555-0177'.replace(/^/, '+1 '),
        effectiveAt: new Date('2024-03-02T10:00:00Z'),
        source: 'sms_stop',
      }),
    );
    const [phone] = await ctx.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.customerId, pat.id), eq(contacts.channel, 'phone')));
    expect(phone).toMatchObject({ smsConsent: false, optedOut: false });
    const prefs = await contactPreferencesOf(ctx, pat.id);
    expect(prefs.opt_outs[0]).toMatchObject({ channel: 'sms', address: '+15185550177', source: 'sms_stop' });
    const actionsOf = (await run(ctx)).actions.filter((a) => a.customer_id === pat.id);
    expect(actionsOf.map((a) => [a.step, a.channel, a.status, a.reason_code])).toEqual([
      ['due_7', 'email', 'planned', 'fallback_channel'],
    ]);
    const call = await complianceCheck(ctx, {
      customer_id: pat.id,
      channel: 'phone',
      at: '2024-03-04T16:00:00Z',
      invoice_ids: [],
      automated: false,
    });
    expect(call.decision).toBe('allow');
  });
});

describe('POST /compliance/check, judged as recorded at its instant', () => {
  it('blocks after an opt-out takes effect and not before; defers at night; blocks under cease communication', async () => {
    now = new Date('2024-03-04T15:00:00Z');
    const ctx = await usOrg(['us_federal_consumer', 'tcpa']);
    const pat = await consumer(ctx, { phone: '+15185550100' });
    const debt = await invoice(ctx, pat.id, '2024-02-20');
    await recordInteraction(
      ctx,
      interactionInput.parse({
        customer_id: pat.id,
        channel: 'email',
        direction: 'outbound',
        occurred_at: '2024-03-01T12:00:00Z',
        kind: 'validation_notice',
        invoice_ids: [debt.id],
      }),
    );
    await addOptOut(ctx, pat.id, { channel: 'email', effective_at: '2024-03-10T00:00:00Z', source: 'api' });
    const ask = (channel: 'email' | 'sms' | 'phone', at: string) =>
      complianceCheck(ctx, { customer_id: pat.id, channel, at, invoice_ids: [debt.id] });
    expect(await ask('email', '2024-03-05T15:00:00Z')).toMatchObject({ decision: 'allow', reasons: [] });
    expect(await ask('email', '2024-03-11T15:00:00Z')).toMatchObject({
      decision: 'block',
      reasons: [expect.objectContaining({ code: 'opted_out_channel' })],
      next_allowed_at: null,
    });
    expect(await ask('phone', '2024-03-05T11:00:00Z')).toMatchObject({
      decision: 'defer',
      next_allowed_at: '2024-03-05T13:00:00.000Z', // 08:00 in New York (EST)
    });
    expect((await ask('sms', '2024-03-05T15:00:00Z')).reasons.map((r) => r.code)).toContain(
      'consent_missing',
    );
    await addConsent(ctx, pat.id, {
      channel: 'sms',
      address: '+15185550100',
      effective_at: '2024-03-05T00:00:00Z',
      source: 'api',
    });
    expect(await ask('sms', '2024-03-05T15:00:00Z')).toMatchObject({ decision: 'allow' });
    await ceaseCommunication(ctx, pat.id, { effective_at: '2024-03-06T00:00:00Z' });
    await ceaseCommunication(ctx, pat.id, { effective_at: '2024-03-08T00:00:00Z' }); // already in force: no second hold
    expect(await ask('sms', '2024-03-05T15:00:00Z')).toMatchObject({ decision: 'allow' });
    expect((await ask('sms', '2024-03-07T15:00:00Z')).decision).toBe('block');
    const prefs = await contactPreferencesOf(ctx, pat.id);
    expect(prefs.cease_communication).toMatchObject({ effective_at: '2024-03-06T00:00:00.000Z' });
    expect(prefs.data.map((p) => p.kind)).toEqual(['consent', 'opt_out']);
    const audit = await listAudit(ctx, { limit: 100, customer_id: pat.id });
    expect(audit.data.filter((e) => e.kind === 'compliance.checked')).toHaveLength(7);
    expect(audit.data.filter((e) => e.kind === 'contact_preference.cease_communication')).toHaveLength(1);
  });

  it('records a call logged at 07:00 as history, flagged with the rule it broke', async () => {
    now = new Date('2024-03-04T15:00:00Z');
    const ctx = await usOrg();
    const pat = await consumer(ctx, { phone: '+15185550101' });
    const debt = await invoice(ctx, pat.id, '2024-02-20');
    const call = await recordInteraction(
      ctx,
      interactionInput.parse({
        customer_id: pat.id,
        channel: 'phone',
        direction: 'outbound',
        occurred_at: '2024-03-04T12:00:00Z', // 07:00 in New York
        outcome: 'conversation',
        invoice_ids: [debt.id],
      }),
    );
    expect(call.flagged).toBe(true);
    expect(call.compliance!.reasons.map((r) => r.code)).toContain('inconvenient_time');
    const flagged = await listAudit(ctx, { limit: 10, customer_id: pat.id, kind: 'compliance.flagged' });
    expect(flagged.data).toHaveLength(1);
    // The conversation bars calls about the debt for seven days (and the notice is still owed).
    const later = await complianceCheck(ctx, {
      customer_id: pat.id,
      channel: 'phone',
      at: '2024-03-05T15:00:00Z',
      invoice_ids: [debt.id],
    });
    expect(later.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['validation_notice_not_sent']));
  });
});

describe('manual messages', () => {
  it('puts an allowed message in the outbox and a refused one as blocked, both audited', async () => {
    now = new Date('2024-03-04T15:00:00Z');
    const ctx = await usOrg([]);
    const pat = await consumer(ctx);
    await invoice(ctx, pat.id, '2024-02-20');
    const sent = await sendManualMessage(ctx, pat.id, { channel: 'email', template: 'overdue_notice' });
    expect(sent).toMatchObject({ status: 'planned', compliance: { decision: 'allow' } });
    await addOptOut(ctx, pat.id, { channel: 'email', source: 'api' });
    const refused = await sendManualMessage(ctx, pat.id, { channel: 'email', template: 'overdue_notice' });
    expect(refused).toMatchObject({ status: 'blocked', reason_code: 'opted_out_channel' });
    const out = adapters();
    expect((await dispatchUntilIdle(ctx.db, { adapters: out, clock, tenantId: ctx.tenantId })).blocked).toBe(
      1,
    );
  });
});
