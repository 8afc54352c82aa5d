import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestOrg, openTestDatabase } from '../../../test/support/database.js';
import type { ChannelAdapter } from '../../channels/adapter.js';
import { createRecordingAdapter } from '../../channels/recording.js';
import { strategyDocument, type StrategyInput } from '../../domain/strategies/document.js';
import { dispatchUntilIdle, type Adapters } from '../../jobs/dispatch.js';
import { actions, charges, collectionStates, ledgerEntries, messages } from '../../store/schema.js';
import type { Database } from '../../store/database.js';
import type { Clock, Ctx } from '../context.js';
import { createCustomer } from '../customers.js';
import { placeHold } from '../holds.js';
import { createInvoice, getInvoice } from '../invoices.js';
import { verifyLedger } from '../ledger/verify.js';
import { recordPayment } from '../payments.js';
import { createSegment } from '../segments.js';
import { createStrategy, updateStrategy } from '../strategies.js';
import { runInput, startRun } from './run.js';

let database: Database;
let now = new Date('2024-03-01T06:00:00Z');
const clock: Clock = { now: () => now };
let counter = 0;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

/** A fresh organisation per test, so runs see only that test's customers. */
async function org(
  strategy: StrategyInput,
  rulePacks: ('b2b_default' | 'us_federal_consumer')[] = [],
): Promise<{ ctx: Ctx; strategyId: string }> {
  const { ctx } = await createTestOrg(database, { clock, name: `Org ${++counter}`, rulePacks });
  const created = await createStrategy(ctx, strategyDocument.parse(strategy));
  return { ctx, strategyId: created.id };
}

async function debtor(
  ctx: Ctx,
  fields: { email?: string | null; address?: string | null; country?: string } = {},
) {
  const n = ++counter;
  return createCustomer(ctx, {
    external_id: `C${n}`,
    name: `Customer ${n}`,
    kind: 'business',
    country: fields.country ?? 'GB',
    currency: 'GBP',
    email: fields.email === undefined ? `c${n}@example.com` : fields.email,
    address: fields.address ?? null,
    tags: [],
    contacts: [],
  });
}

async function invoice(ctx: Ctx, customerId: string, dueDate: string, total = '1000.00') {
  return createInvoice(ctx, {
    customer_id: customerId,
    number: `INV-${++counter}`,
    issue_date: '2024-01-01',
    due_date: dueDate,
    currency: 'GBP',
    total,
  });
}

const run = (ctx: Ctx, dryRun = false) => startRun(ctx, runInput.parse({ dry_run: dryRun }));

async function rows(ctx: Ctx) {
  const [a] = await ctx.db.select({ n: count() }).from(actions).where(eq(actions.tenantId, ctx.tenantId));
  const [e] = await ctx.db
    .select({ n: count() })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.tenantId, ctx.tenantId));
  const [s] = await ctx.db
    .select({ n: count() })
    .from(collectionStates)
    .where(eq(collectionStates.tenantId, ctx.tenantId));
  return { actions: a!.n, entries: e!.n, states: s!.n };
}

const oneEmail: StrategyInput = {
  name: 'One email',
  min_balance: { amount: '50.00', currency: 'GBP' },
  steps: [
    { key: 'due_7', offset_days: 7, action: 'email', template: 'overdue_notice', fallbacks: ['letter'] },
  ],
};

describe('the run', () => {
  it('previews with reasons in a dry run and changes nothing', async () => {
    now = new Date('2024-03-01T06:00:00Z');
    const { ctx } = await org(oneEmail);
    const reachable = await debtor(ctx);
    await invoice(ctx, reachable.id, '2024-02-01');
    const small = await debtor(ctx);
    await invoice(ctx, small.id, '2024-02-01', '20.00');
    const unreachable = await debtor(ctx, { email: null });
    await invoice(ctx, unreachable.id, '2024-02-01');
    const before = await rows(ctx);
    const preview = await run(ctx, true);
    expect(await rows(ctx)).toEqual(before);
    expect(preview.dry_run).toBe(true);
    expect(preview.actions.map((a) => [a.customer_id, a.status, a.reason_code])).toEqual(
      expect.arrayContaining([
        [reachable.id, 'planned', null],
        [unreachable.id, 'blocked', 'no_reachable_channel'],
      ]),
    );
    expect(preview.actions.find((a) => a.customer_id === unreachable.id)!.reason).toMatch(
      /email: no email address; letter: no postal address/,
    );
    expect(preview.skipped).toContainEqual(
      expect.objectContaining({ customer_id: small.id, code: 'below_min_balance' }),
    );
  });

  it('falls back to a letter when there is no email address', async () => {
    const { ctx } = await org(oneEmail);
    const customer = await debtor(ctx, { email: null, address: '1 High Street, London' });
    await invoice(ctx, customer.id, '2024-02-01');
    const result = await run(ctx);
    expect(result.actions.map((a) => [a.channel, a.status, a.reason_code])).toEqual([
      ['letter', 'planned', 'fallback_channel'],
    ]);
  });

  it('looks only at customers that are due: a second run the same day touches nobody', async () => {
    const { ctx } = await org(oneEmail);
    for (let i = 0; i < 5; i++) await invoice(ctx, (await debtor(ctx)).id, '2024-02-20');
    const first = await run(ctx);
    expect(first.totals).toMatchObject({ customers: 5, actions: 5 });
    const second = await run(ctx);
    expect(second.totals).toMatchObject({ customers: 0, actions: 0 });
    // A payment changes the customer's picture: the next run looks at them again, and only them.
    const [one] = first.actions;
    await recordPayment(ctx, {
      customer_id: one!.customer_id,
      amount: '10.00',
      currency: 'GBP',
      received_on: '2024-03-01',
    });
    expect((await run(ctx)).totals).toMatchObject({ customers: 1, actions: 0 });
  });

  it('keeps the strategy version each action used, and a new version does not repeat fired steps', async () => {
    now = new Date('2024-03-01T06:00:00Z');
    const { ctx, strategyId } = await org(oneEmail);
    const customer = await debtor(ctx);
    await invoice(ctx, customer.id, '2024-02-20');
    expect((await run(ctx)).actions.map((a) => `${a.step} v${a.strategy_version}`)).toEqual(['due_7 v1']);
    const v2 = await updateStrategy(
      ctx,
      strategyId,
      strategyDocument.parse({
        ...oneEmail,
        steps: [
          ...oneEmail.steps,
          { key: 'due_14', offset_days: 14, action: 'letter', template: 'final_notice' },
        ],
      }),
    );
    expect(v2.version).toBe(2);
    now = new Date('2024-03-02T06:00:00Z');
    expect((await run(ctx)).actions).toEqual([]);
    now = new Date('2024-03-05T06:00:00Z');
    const later = await run(ctx);
    expect(later.actions.map((a) => `${a.step} v${a.strategy_version}`)).toEqual(['due_14 v2']);
  });

  it('charges a late fee once per step and cycle, and statutory interest only for what accrued since', async () => {
    now = new Date('2024-05-01T06:00:00Z');
    const { ctx } = await org({
      name: 'Fees',
      steps: [
        { key: 'fee_30', offset_days: 30, action: 'fee', fee: { fixed: '40.00' } },
        { key: 'interest_31', offset_days: 31, action: 'interest', interest: { rule: 'uk_late_payment' } },
        { key: 'interest_61', offset_days: 61, action: 'interest', interest: { rule: 'uk_late_payment' } },
      ],
    });
    const customer = await debtor(ctx);
    const inv = await invoice(ctx, customer.id, '2024-03-31', '10000.00');
    now = new Date('2024-04-30T06:00:00Z');
    expect((await run(ctx)).actions.map((a) => [a.step, a.fees])).toEqual([
      ['fee_30', [{ amount: '40.00', currency: 'GBP' }]],
    ]);
    expect((await run(ctx)).actions).toEqual([]);
    now = new Date('2024-05-01T06:00:00Z');
    await run(ctx);
    // 13.25 % (5.25 % base rate on 31 Dec 2023 + 8) on £10,000 for 1–31 April... through 1 May: 31 days
    const afterFirst = await getInvoice(ctx, inv.id, '2024-05-01');
    expect(afterFirst.balance_breakdown.interest.amount).toBe('112.53');
    now = new Date('2024-05-31T06:00:00Z');
    await run(ctx);
    const afterSecond = await getInvoice(ctx, inv.id, '2024-05-31');
    // 61 days in all: 10000 × 0.1325 × 61 / 365 = 221.44; the second step charged only the 30 more days.
    expect(afterSecond.balance_breakdown.interest.amount).toBe('221.44');
    const [feeRows] = await ctx.db
      .select({ n: count() })
      .from(charges)
      .where(and(eq(charges.tenantId, ctx.tenantId), eq(charges.kind, 'fee')));
    expect(feeRows!.n).toBe(1);
    expect((await verifyLedger(ctx.db, ctx.tenantId)).problems).toEqual([]);
  });

  it('leaves held items alone and blocks contact with a customer who asked us to stop', async () => {
    now = new Date('2024-03-01T06:00:00Z');
    const { ctx } = await org(oneEmail);
    const disputing = await debtor(ctx);
    const held = await invoice(ctx, disputing.id, '2024-02-20');
    await placeHold(ctx, disputing.id, { reason: 'dispute', invoice_ids: [held.id] });
    const ceasing = await debtor(ctx);
    await invoice(ctx, ceasing.id, '2024-02-20');
    await placeHold(ctx, ceasing.id, { reason: 'cease_communication' });
    const result = await run(ctx);
    expect(result.actions.map((a) => [a.customer_id, a.status, a.reason_code])).toEqual([
      [ceasing.id, 'blocked', 'hold_cease_communication'],
    ]);
    expect(result.skipped).toContainEqual(
      expect.objectContaining({ customer_id: disputing.id, code: 'all_items_held' }),
    );
  });

  it('puts a stable share of a segment on the challenger and records it on each action', async () => {
    now = new Date('2024-03-01T06:00:00Z');
    const { ctx, strategyId } = await org({ ...oneEmail, applies_to: { segments: ['nobody'] } });
    const challenger = await createStrategy(ctx, strategyDocument.parse({ ...oneEmail, name: 'Challenger' }));
    await createSegment(ctx, {
      name: 'everyone',
      position: 1,
      rule: { late_payment_months: 12 },
      strategy_id: strategyId,
      challenger: { strategy_id: challenger.id, percent: 30 },
    });
    for (let i = 0; i < 60; i++) await invoice(ctx, (await debtor(ctx)).id, '2024-02-20');
    const result = await run(ctx);
    const challengers = result.actions.filter((a) => a.variant === 'challenger');
    expect(result.actions).toHaveLength(60);
    expect(challengers.length).toBeGreaterThan(8);
    expect(challengers.length).toBeLessThan(30);
    expect(challengers.every((a) => a.strategy_id === challenger.id)).toBe(true);
  });
});

describe('compliance in the run', () => {
  it('defers a message outside business hours to the first allowed instant, and sends it then', async () => {
    now = new Date('2024-03-04T06:00:00Z'); // a Monday, 06:00 in London
    const { ctx } = await org(oneEmail, ['b2b_default']);
    const customer = await debtor(ctx);
    await invoice(ctx, customer.id, '2024-02-20');
    const result = await run(ctx);
    expect(result.actions.map((a) => [a.status, a.reason_code, a.scheduled_for])).toEqual([
      ['deferred', 'outside_contact_hours', '2024-03-04T08:00:00.000Z'],
    ]);
    const adapters: Adapters = {
      email: createRecordingAdapter('email'),
      sms: createRecordingAdapter('sms'),
      letter: createRecordingAdapter('letter'),
    };
    now = new Date('2024-03-04T07:59:59Z');
    expect((await dispatchUntilIdle(ctx.db, { adapters, clock, tenantId: ctx.tenantId })).sent).toBe(0);
    now = new Date('2024-03-04T08:00:00Z');
    expect((await dispatchUntilIdle(ctx.db, { adapters, clock, tenantId: ctx.tenantId })).sent).toBe(1);
  });

  it('sends a US consumer the validation notice instead of the first collection message', async () => {
    now = new Date('2024-03-04T15:00:00Z');
    const { ctx } = await org({ ...oneEmail, min_balance: undefined }, ['us_federal_consumer']);
    const consumer = await createCustomer(ctx, {
      external_id: `US${++counter}`,
      name: 'Pat Doe',
      kind: 'consumer',
      country: 'US',
      region: 'NY',
      time_zones: ['America/New_York'],
      currency: 'GBP',
      email: 'pat@example.com',
      tags: [],
      contacts: [],
    });
    await invoice(ctx, consumer.id, '2024-02-20');
    const [action] = (await run(ctx)).actions;
    // The collection message would be blocked (validation_notice_not_sent): the notice goes instead.
    expect(action).toMatchObject({
      status: 'planned',
      template: 'validation_notice',
      reason_code: 'validation_notice_first',
    });
  });
});

describe('the dispatcher', () => {
  it('sends once, cancels what was paid meanwhile, retries with backoff and dead-letters', async () => {
    now = new Date('2024-03-01T06:00:00Z');
    const { ctx } = await org(oneEmail);
    const paying = await debtor(ctx);
    await invoice(ctx, paying.id, '2024-02-20');
    const fine = await debtor(ctx);
    await invoice(ctx, fine.id, '2024-02-20');
    const flaky = await debtor(ctx, { email: 'flaky@example.com' });
    await invoice(ctx, flaky.id, '2024-02-20');
    const refused = await debtor(ctx, { email: 'nobody@example.com' });
    await invoice(ctx, refused.id, '2024-02-20');
    await run(ctx);
    await recordPayment(ctx, {
      customer_id: paying.id,
      amount: '1000.00',
      currency: 'GBP',
      received_on: '2024-03-01',
    });

    const recording = createRecordingAdapter('email');
    const email: ChannelAdapter = {
      ...recording,
      async send(message, db) {
        if (message.to === 'flaky@example.com')
          return { status: 'failed', error: 'connection reset', permanent: false };
        if (message.to === 'nobody@example.com')
          return { status: 'failed', error: '550 no such user', permanent: true };
        return recording.send(message, db);
      },
    };
    const adapters: Adapters = {
      email,
      sms: createRecordingAdapter('sms'),
      letter: createRecordingAdapter('letter'),
    };
    const first = await dispatchUntilIdle(ctx.db, { adapters, clock, tenantId: ctx.tenantId });
    expect(first).toMatchObject({ sent: 1, cancelled: 1, failed: 1, retried: 1 });
    // Retries wait 1, 5, 30 and 120 minutes; the fifth failure is the last.
    for (const minutes of [1, 5, 30, 120]) {
      now = new Date(now.getTime() + minutes * 60_000);
      await dispatchUntilIdle(ctx.db, { adapters, clock, tenantId: ctx.tenantId });
    }
    const byCustomer = async (customerId: string) =>
      (
        await ctx.db
          .select()
          .from(actions)
          .where(and(eq(actions.tenantId, ctx.tenantId), eq(actions.customerId, customerId)))
      )[0]!;
    expect(await byCustomer(paying.id)).toMatchObject({ status: 'cancelled', reasonCode: 'nothing_owed' });
    expect(await byCustomer(fine.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await byCustomer(flaky.id)).toMatchObject({
      status: 'failed',
      attempts: 5,
      reasonCode: 'delivery_failed',
    });
    expect(await byCustomer(refused.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      reasonCode: 'delivery_refused',
    });
    const sent = await ctx.db.select().from(messages).where(eq(messages.tenantId, ctx.tenantId));
    expect(sent.map((m) => m.recipient)).toEqual([
      (await byCustomer(fine.id)).payload && `c${Number(fine.external_id.slice(1))}@example.com`,
    ]);
  });
});
