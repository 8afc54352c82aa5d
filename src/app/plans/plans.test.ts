import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCustomer, createTestOrg, openTestDatabase } from '../../../test/support/database.js';
import { auditLog } from '../../store/schema.js';
import type { Database } from '../../store/database.js';
import type { Ctx } from '../context.js';
import { customerHolds } from '../customer-holds.js';
import { loadEngagementFacts } from '../engagement/facts.js';
import { recordEngagementEvents } from '../engagement/sweep.js';
import { createInvoice } from '../invoices.js';
import { createPromise, promiseInput } from '../promises.js';
import { approvePlan, createPlan, getPlan, planInput } from './index.js';

let database: Database;
let ctx: Ctx;

beforeAll(async () => {
  database = await openTestDatabase();
  ctx = (await createTestOrg(database, { now: '2024-06-01T12:00:00Z' })).ctx;
});
afterAll(async () => database?.close());

async function customerWithInvoice(name: string, total = '600.00') {
  const customer = await createTestCustomer(ctx, { external_id: name });
  const invoice = await createInvoice(ctx, {
    customer_id: customer.id,
    number: `${name}-1`,
    issue_date: '2024-04-01',
    due_date: '2024-05-01',
    total,
  });
  return { customer, invoice };
}

describe('plans proposed outside the organisation’s limits', () => {
  it('are listed as rule problems, wait for review from the portal, and hold once approved', async () => {
    const { customer, invoice } = await customerWithInvoice('PORTAL');
    const limited: Ctx = {
      ...ctx,
      settings: {
        ...ctx.settings,
        payment_plans: {
          ...ctx.settings.payment_plans,
          max_instalments: 2,
          min_instalment: [{ amount: '250.00', currency: 'EUR' }],
        },
      },
    };
    const input = planInput.parse({
      customer_id: customer.id,
      invoice_ids: [invoice.id],
      count: 3,
      frequency: 'weekly',
      start_on: '2024-06-07',
      confirm: false,
    });
    const proposed = await createPlan(limited, input, { source: 'portal' });
    expect(proposed.approval).toBe('pending_review');
    expect(proposed.rule_problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'too_many_instalments instalments',
      'instalment_too_small instalments[0].amount',
      'instalment_too_small instalments[1].amount',
      'instalment_too_small instalments[2].amount',
    ]);
    const held = async () =>
      (await customerHolds(ctx.db, ctx.tenantId, customer.id, '2024-06-01')).map((h) => h.reason);
    expect(await held()).toEqual([]);
    const approved = await approvePlan(ctx, proposed.id);
    expect(approved.approval).toBe('active');
    expect(await held()).toEqual(['payment_plan']);
    await expect(approvePlan(ctx, proposed.id)).rejects.toThrow(/not waiting for review/);
  });
});

describe('what a plan means for the run', () => {
  it('holds its items while in good standing, wakes on its dates, and emits one event per unpaid miss', async () => {
    const { customer, invoice } = await customerWithInvoice('RUN', '300.00');
    const plan = await createPlan(
      ctx,
      planInput.parse({
        customer_id: customer.id,
        invoice_ids: [invoice.id],
        instalments: [
          { due_on: '2024-06-05', amount: '100.00' },
          { due_on: '2024-07-05', amount: '100.00' },
          { due_on: '2024-08-05', amount: '100.00' },
        ],
        confirm: false,
      }),
    );
    const factsOn = async (day: string) =>
      (
        await loadEngagementFacts(
          ctx.db,
          ctx.tenantId,
          new Map([[customer.id, day]]),
          new Date(`${day}T12:00:00Z`),
        )
      ).get(customer.id)!;
    const first = await factsOn('2024-06-01');
    expect(first.paused.map((h) => [h.reason, h.invoiceIds])).toEqual([['payment_plan', [invoice.id]]]);
    expect(first.holds).toEqual([]);
    expect(first.events).toEqual([]);
    expect(first.wakeUps.sort()[0]).toBe('2024-06-05');
    const missed = await factsOn('2024-06-09');
    expect(missed.events).toEqual([
      expect.objectContaining({ kind: 'instalment_missed', on: '2024-06-09', invoiceIds: [invoice.id] }),
    ]);
    expect((await factsOn('2024-06-20')).events[0]!.id).toBe(missed.events[0]!.id);
    const defaulted = await factsOn('2024-07-09');
    expect(defaulted.paused).toEqual([]);
    expect(defaulted.events).toHaveLength(2);
    expect((await getPlan(ctx, plan.id, '2024-07-09')).status).toBe('defaulted');
  });

  it('records promise.broken, instalment.missed and plan.defaulted once, however often the sweep runs', async () => {
    const { customer, invoice } = await customerWithInvoice('SWEEP', '200.00');
    await createPromise(
      ctx,
      promiseInput.parse({
        customer_id: customer.id,
        amount: '50.00',
        currency: 'EUR',
        due_on: '2024-06-02',
        invoice_ids: [invoice.id],
        confirm: false,
      }),
    );
    for (const day of ['2024-06-06', '2024-06-07', '2024-06-10', '2024-06-10', '2024-07-09', '2024-07-10'])
      await recordEngagementEvents(ctx, new Date(`${day}T12:00:00Z`));
    const kinds = await ctx.db
      .select({ kind: auditLog.kind, customerId: auditLog.customerId })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, ctx.tenantId)));
    const count = (kind: string) => kinds.filter((k) => k.kind === kind).length;
    expect(count('promise.broken')).toBe(1);
    // the RUN customer's plan: two misses, one default (the PORTAL plan's fell between sweeps a
    // week apart or more, outside their look back)
    expect(count('instalment.missed')).toBe(2);
    expect(count('plan.defaulted')).toBe(1);
  });
});
