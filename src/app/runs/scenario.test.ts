/**
 * One customer through a whole collection cycle and into the next, a day at a time with a fixed
 * clock: each morning the run decides and the dispatcher sends (to recording adapters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { createTestOrg, openTestDatabase } from '../../../test/support/database.js';
import { createRecordingAdapter } from '../../channels/recording.js';
import { addDays } from '../../domain/dates.js';
import { strategyDocument } from '../../domain/strategies/document.js';
import { actions, messages, tasks } from '../../store/schema.js';
import type { Database } from '../../store/database.js';
import { dispatchUntilIdle, type Adapters } from '../../jobs/dispatch.js';
import type { Clock, Ctx } from '../context.js';
import { createCustomer } from '../customers.js';
import { createInvoice, getInvoice } from '../invoices.js';
import { verifyLedger } from '../ledger/verify.js';
import { recordPayment } from '../payments.js';
import { createPromise } from '../promises.js';
import { createStrategy } from '../strategies.js';
import { STANDARD_B2B } from '../seed/strategies.js';
import { runInput, startRun } from './run.js';

let database: Database;
let ctx: Ctx;
let now = new Date('2024-01-20T06:00:00Z');
const clock: Clock = { now: () => now };
const adapters: Adapters = {
  email: createRecordingAdapter('email'),
  sms: createRecordingAdapter('sms'),
  letter: createRecordingAdapter('letter'),
};

beforeAll(async () => {
  database = await openTestDatabase();
  ctx = (await createTestOrg(database, { clock })).ctx;
});
afterAll(async () => database?.close());

async function morning(day: string) {
  now = new Date(`${day}T06:00:00Z`);
  await startRun(ctx, runInput.parse({}));
  await dispatchUntilIdle(ctx.db, { adapters, clock });
}

describe('a whole cycle', () => {
  it('reminds, chases, charges, calls, waits for a promise, escalates, and starts again after payment', async () => {
    await createStrategy(ctx, strategyDocument.parse(STANDARD_B2B));
    const customer = await createCustomer(ctx, {
      external_id: 'ACME',
      name: 'Acme Trading GmbH',
      kind: 'business',
      country: 'DE',
      email: 'ap@acme.example',
      address: 'Hauptstraße 1, 10115 Berlin',
      tags: [],
      contacts: [
        { channel: 'phone', value: '+4930123456', sms_consent: true, automated_call_consent: false },
      ],
    });
    const invoice = await createInvoice(ctx, {
      customer_id: customer.id,
      number: 'INV-1',
      issue_date: '2024-01-01',
      due_date: '2024-01-31',
      total: '1000.00',
    });

    for (let day = '2024-01-20'; day <= '2024-05-10'; day = addDays(day, 1)) {
      if (day === '2024-02-23')
        await createPromise(ctx, {
          customer_id: customer.id,
          amount: '500.00',
          currency: 'EUR',
          due_on: '2024-02-26',
          invoice_ids: [invoice.id],
          channel: 'phone',
        });
      if (day === '2024-04-05') {
        now = new Date(`${day}T05:00:00Z`);
        await recordPayment(ctx, {
          customer_id: customer.id,
          amount: '1040.00',
          currency: 'EUR',
          received_on: day,
          method: 'bank_transfer',
        });
        await createInvoice(ctx, {
          customer_id: customer.id,
          number: 'INV-2',
          issue_date: '2024-04-01',
          due_date: '2024-04-30',
          total: '300.00',
        });
      }
      await morning(day);
    }

    const done = await ctx.db
      .select()
      .from(actions)
      .where(eq(actions.tenantId, ctx.tenantId))
      .orderBy(asc(actions.createdAt), asc(actions.id));
    expect(
      done.map(
        (a) =>
          `${a.scheduledFor.toISOString().slice(0, 10)} ${a.stepKey} c${a.cycle} ${a.channel ?? '-'} ${a.status}`,
      ),
    ).toEqual([
      '2024-01-28 pre_due c1 email sent',
      '2024-02-07 due_7 c1 email sent',
      '2024-02-14 due_14 c1 sms sent',
      '2024-02-21 due_21 c1 phone done',
      // the promise is confirmed in writing when it is recorded (the clock still reads the 22nd)
      '2024-02-22 promise_confirmation c0 email sent',
      // the promise (agreed 23 Feb, due 26 Feb + 3 days' grace) held the invoice; unpaid, it broke on 1 March
      '2024-03-01 due_30 c1 letter sent',
      '2024-03-01 ptp_broken c0 phone done',
      '2024-03-31 due_60 c1 - done',
      // paid on 5 April; the next invoice starts cycle 2
      '2024-04-27 pre_due c2 email sent',
      '2024-05-07 due_7 c2 email sent',
    ]);

    const sent = await ctx.db.select().from(messages).where(eq(messages.tenantId, ctx.tenantId));
    expect(sent).toHaveLength(7);
    expect(sent.every((m) => m.adapter === 'recording (no delivery)')).toBe(true);

    const queue = await ctx.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.tenantId, ctx.tenantId)))
      .orderBy(asc(tasks.dueOn), asc(tasks.id));
    expect(queue.map((t) => `${t.dueOn} ${t.queue} ${t.kind}`)).toEqual([
      '2024-02-21 collector call',
      '2024-03-01 collector call',
      '2024-03-31 agency escalation',
    ]);

    const charged = await getInvoice(ctx, invoice.id, '2024-03-01');
    expect(charged.balance_breakdown.fee.amount).toBe('40.00');
    const first = await getInvoice(ctx, invoice.id, '2024-04-05');
    expect(first.balance_breakdown.fee.amount).toBe('0.00');
    expect(first.status).toBe('paid');
    expect((await verifyLedger(ctx.db, ctx.tenantId)).problems).toEqual([]);
  });
});
