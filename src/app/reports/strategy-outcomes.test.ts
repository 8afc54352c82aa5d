import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { actions, contactPreferences } from '../../store/schema.js';
import {
  createTestCustomer,
  createTestOrg,
  openTestDatabase,
  type TestOrg,
} from '../../../test/support/database.js';
import { newId } from '../context.js';
import { createInvoice } from '../invoices.js';
import { recordPayment } from '../payments.js';
import { strategyOutcomes } from './strategy-outcomes.js';

/**
 * Final notices sent on 1 June 2024: X (champion) pays its 1000 on 5 June, cured in 4 days;
 * Y (challenger) does not pay and opts out of email on 3 June.
 */
let database: Database;
let org: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: '2024-06-30T12:00:00Z' });
  const { ctx } = org;
  for (const [name, total, variant] of [
    ['X', '1000.00', 'champion'],
    ['Y', '500.00', 'challenger'],
  ] as const) {
    const customer = await createTestCustomer(ctx, { external_id: name });
    const invoice = await createInvoice(ctx, {
      customer_id: customer.id,
      number: `${name}-1`,
      issue_date: '2024-04-01',
      due_date: '2024-05-01',
      currency: 'EUR',
      total,
    });
    const sentAt = new Date('2024-06-01T09:00:00Z');
    await ctx.db.insert(actions).values({
      tenantId: ctx.tenantId,
      id: newId(),
      customerId: customer.id,
      invoiceIds: [invoice.id],
      stepKey: 'due_30',
      cycle: 1,
      kind: 'letter',
      channel: 'letter',
      template: 'final_notice',
      variant,
      status: 'sent',
      scheduledFor: sentAt,
      sentAt,
      idempotencyKey: `test:${name}`,
      payload: {},
    });
    if (name === 'X')
      await recordPayment(ctx, {
        customer_id: customer.id,
        amount: total,
        currency: 'EUR',
        received_on: '2024-06-05',
      });
    else
      await ctx.db.insert(contactPreferences).values({
        tenantId: ctx.tenantId,
        id: newId(),
        customerId: customer.id,
        kind: 'opt_out',
        channel: 'email',
        effectiveAt: new Date('2024-06-03T10:00:00Z'),
        source: 'test',
      });
  }
});
afterAll(async () => database?.close());

describe('strategy outcomes', () => {
  it('measures cure, money, days to pay and opt-outs per step and variant', async () => {
    const report = await strategyOutcomes(org.ctx, { from: '2024-06-01', to: '2024-06-30', cure_days: 14 });
    expect(report.data).toEqual([
      {
        strategy_id: null,
        strategy_name: null,
        step: 'due_30',
        template: 'final_notice',
        variant: 'challenger',
        actions: 1,
        cured: 0,
        cure_rate: 0,
        collected: [{ amount: '0.00', currency: 'EUR' }],
        average_days_to_pay: null,
        opt_outs: 1,
        complaints: 0,
      },
      {
        strategy_id: null,
        strategy_name: null,
        step: 'due_30',
        template: 'final_notice',
        variant: 'champion',
        actions: 1,
        cured: 1,
        cure_rate: 100,
        collected: [{ amount: '1000.00', currency: 'EUR' }],
        average_days_to_pay: 4,
        opt_outs: 0,
        complaints: 0,
      },
    ]);
    expect(
      report.experiments.map((e) => [e.step, e.champion.cure_rate, e.challenger.cure_rate, e.small_sample]),
    ).toEqual([
      ['due_30', 100, 0, true],
      ['all', 100, 0, true],
    ]);
  });

  it('does not count a payment after the window: 3 days is too short', async () => {
    const report = await strategyOutcomes(org.ctx, { from: '2024-06-01', to: '2024-06-30', cure_days: 3 });
    expect(report.data.every((d) => d.cured === 0)).toBe(true);
  });
});
