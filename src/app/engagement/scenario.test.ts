/**
 * Payment plans and disputes through the daily run, a day at a time with a fixed clock: each
 * morning the run decides and the dispatcher sends (to recording adapters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { createTestOrg, openTestDatabase } from '../../../test/support/database.js';
import { createRecordingAdapter } from '../../channels/recording.js';
import { addDays } from '../../domain/dates.js';
import { strategyDocument } from '../../domain/strategies/document.js';
import { actions, auditLog } from '../../store/schema.js';
import type { Database } from '../../store/database.js';
import { dispatchUntilIdle, type Adapters } from '../../jobs/dispatch.js';
import type { Clock, Ctx } from '../context.js';
import { createCustomer } from '../customers.js';
import { createInvoice, getInvoice } from '../invoices.js';
import { verifyLedger } from '../ledger/verify.js';
import { recordPayment } from '../payments.js';
import { createStrategy } from '../strategies.js';
import { STANDARD_B2B } from '../seed/strategies.js';
import { runInput, startRun } from '../runs/run.js';
import { createPlan, getPlan } from '../plans/index.js';
import { openDispute, resolveDispute } from '../disputes/index.js';
import { planInput } from '../plans/input.js';
import { disputeInput } from '../disputes/input.js';

let database: Database;
let now = new Date('2024-01-20T06:00:00Z');
const clock: Clock = { now: () => now };
const adapters: Adapters = {
  email: createRecordingAdapter('email'),
  sms: createRecordingAdapter('sms'),
  letter: createRecordingAdapter('letter'),
};

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

async function morning(ctx: Ctx, day: string) {
  now = new Date(`${day}T06:00:00Z`);
  await startRun(ctx, runInput.parse({}));
  await dispatchUntilIdle(ctx.db, { adapters, clock, tenantId: ctx.tenantId });
}

async function customerOf(ctx: Ctx) {
  return createCustomer(ctx, {
    external_id: 'ACME',
    name: 'Acme Trading GmbH',
    kind: 'business',
    country: 'DE',
    email: 'ap@acme.example',
    address: 'Hauptstraße 1, 10115 Berlin',
    tags: [],
    contacts: [{ channel: 'phone', value: '+4930123456', sms_consent: true, automated_call_consent: false }],
  });
}

async function actionLog(ctx: Ctx) {
  const done = await ctx.db
    .select()
    .from(actions)
    .where(eq(actions.tenantId, ctx.tenantId))
    .orderBy(asc(actions.createdAt), asc(actions.id));
  return done.map(
    (a) =>
      `${a.scheduledFor.toISOString().slice(0, 10)} ${a.stepKey} ${a.channel ?? '-'} ${a.status} ${a.invoiceIds.length}`,
  );
}

describe('a payment plan in the run', () => {
  it('stops reminders, fires instalment_missed once per miss, defaults on the second, then dunning resumes', async () => {
    now = new Date('2024-01-20T06:00:00Z');
    const { ctx } = await createTestOrg(database, { clock });
    await createStrategy(ctx, strategyDocument.parse(STANDARD_B2B));
    const customer = await customerOf(ctx);
    const invoice = await createInvoice(ctx, {
      customer_id: customer.id,
      number: 'INV-1',
      issue_date: '2024-01-01',
      due_date: '2024-01-31',
      total: '1000.00',
    });
    let planId = '';
    const statuses: string[] = [];
    for (let day = '2024-01-20'; day <= '2024-05-01'; day = addDays(day, 1)) {
      now = new Date(`${day}T05:00:00Z`);
      if (day === '2024-02-10') {
        const plan = await createPlan(
          ctx,
          planInput.parse({
            customer_id: customer.id,
            invoice_ids: [invoice.id],
            count: 3,
            frequency: 'monthly',
            start_on: '2024-02-15',
          }),
        );
        planId = plan.id;
        expect(plan.instalments.map((i) => `${i.due_on} ${i.amount.amount}`)).toEqual([
          '2024-02-15 333.33',
          '2024-03-15 333.33',
          '2024-04-15 333.34',
        ]);
      }
      if (day === '2024-02-14')
        await recordPayment(ctx, {
          customer_id: customer.id,
          amount: '333.33',
          currency: 'EUR',
          received_on: day,
          method: 'bank_transfer',
        });
      await morning(ctx, day);
      if (planId && ['2024-03-18', '2024-03-19', '2024-04-18', '2024-04-19'].includes(day))
        statuses.push(`${day} ${(await getPlan(ctx, planId, day)).status}`);
    }

    expect(await actionLog(ctx)).toEqual([
      '2024-01-28 pre_due email sent 1',
      '2024-02-07 due_7 email sent 1',
      // the plan, agreed on 10 February, is confirmed in writing and holds the invoice
      '2024-02-10 payment_plan_confirmation email sent 1',
      // the second instalment (15 March + 3 days' grace) was not paid
      '2024-03-19 plan_missed email sent 1',
      // the third neither: the plan is in default, dunning resumes at the step the day has reached
      '2024-04-19 due_60 - done 1',
      '2024-04-19 plan_missed email sent 1',
    ]);
    expect(statuses).toEqual([
      '2024-03-18 active',
      '2024-03-19 active',
      '2024-04-18 active',
      '2024-04-19 defaulted',
    ]);
    const plan = await getPlan(ctx, planId, '2024-04-19');
    expect(plan.instalments.map((i) => `${i.status} ${i.paid_amount.amount}`)).toEqual([
      'paid 333.33',
      'missed 0.00',
      'missed 0.00',
    ]);

    // Daily runs repeat the sweep; each event was recorded once.
    const events = await ctx.db
      .select({ kind: auditLog.kind, data: auditLog.data })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, ctx.tenantId),
          inArray(auditLog.kind, ['instalment.missed', 'plan.defaulted', 'promise.broken']),
        ),
      )
      .orderBy(asc(auditLog.seq));
    expect(events.map((e) => `${e.kind} ${(e.data as Record<string, string>).missed_on ?? ''}`)).toEqual([
      'instalment.missed 2024-03-19',
      'instalment.missed 2024-04-19',
      'plan.defaulted ',
    ]);
    expect((await verifyLedger(ctx.db, ctx.tenantId)).problems).toEqual([]);
  });
});

describe('a dispute in the run', () => {
  it('stops reminders on the disputed invoice only, keeps money off it, and they resume once resolved', async () => {
    now = new Date('2024-01-20T06:00:00Z');
    const { ctx } = await createTestOrg(database, { clock, name: 'Disputes Ltd' });
    await createStrategy(
      ctx,
      strategyDocument.parse({
        ...STANDARD_B2B,
        steps: [
          ...STANDARD_B2B.steps,
          { key: 'dispute_done', on: 'dispute_resolved', action: 'email', template: 'overdue_notice' },
        ],
      }),
    );
    const customer = await customerOf(ctx);
    const disputed = await createInvoice(ctx, {
      customer_id: customer.id,
      number: 'INV-A',
      issue_date: '2024-01-01',
      due_date: '2024-01-31',
      total: '1000.00',
    });
    const other = await createInvoice(ctx, {
      customer_id: customer.id,
      number: 'INV-B',
      issue_date: '2024-01-01',
      due_date: '2024-01-31',
      total: '500.00',
    });
    let disputeId = '';
    const invoicesOf = new Map<string, string[]>();
    for (let day = '2024-01-20'; day <= '2024-02-16'; day = addDays(day, 1)) {
      now = new Date(`${day}T05:00:00Z`);
      if (day === '2024-02-05') {
        disputeId = (
          await openDispute(
            ctx,
            disputeInput.parse({ invoice_id: disputed.id, reason_code: 'quality', note: 'damaged' }),
          )
        ).id;
        expect((await getInvoice(ctx, disputed.id)).status).toBe('disputed');
      }
      if (day === '2024-02-06') {
        // Money without instructions goes past the disputed invoice, older or not.
        const payment = await recordPayment(ctx, {
          customer_id: customer.id,
          amount: '200.00',
          currency: 'EUR',
          received_on: day,
        });
        expect(payment.allocations.map((a) => a.invoice_id)).toEqual([other.id]);
      }
      if (day === '2024-02-12') {
        await resolveDispute(ctx, disputeId, { outcome: 'rejected', note: 'delivery note signed' });
        expect((await getInvoice(ctx, disputed.id)).status).toBe('open');
      }
      await morning(ctx, day);
    }
    const rows = await ctx.db
      .select()
      .from(actions)
      .where(eq(actions.tenantId, ctx.tenantId))
      .orderBy(asc(actions.createdAt), asc(actions.id));
    for (const row of rows) invoicesOf.set(row.stepKey, row.invoiceIds);
    expect(await actionLog(ctx)).toEqual([
      '2024-01-28 pre_due email sent 2',
      // the dispute holds INV-A: the reminder lists INV-B alone
      '2024-02-07 due_7 email sent 1',
      // resolved on 12 February: the resolution step fires once, and INV-A is chased again
      '2024-02-12 dispute_done email sent 1',
      '2024-02-14 due_14 sms sent 2',
    ]);
    expect(invoicesOf.get('due_7')).toEqual([other.id]);
    expect(invoicesOf.get('dispute_done')).toEqual([disputed.id]);
    expect((await verifyLedger(ctx.db, ctx.tenantId)).problems).toEqual([]);
  });
});
