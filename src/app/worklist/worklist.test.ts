import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../store/database.js';
import { disputes, tasks } from '../../store/schema.js';
import {
  createTestCustomer,
  createTestOrg,
  openTestDatabase,
  type TestOrg,
} from '../../../test/support/database.js';
import { newId } from '../context.js';
import { createInvoice } from '../invoices.js';
import { recordPayment } from '../payments.js';
import { placeHold } from '../holds.js';
import { createPromise } from '../promises.js';
import { customerBehaviour } from '../analytics/behaviour.js';
import { alertsByCustomer, recordAlertsAfterRun, recordCustomerAlerts } from '../analytics/alerts.js';
import { cashForecast } from '../analytics/forecast.js';
import { worklist } from './worklist.js';
import { assignWorklist } from './assign.js';

/**
 * On 1 June 2024:
 * - A owes 1000 since 1 May (31 days), no history: nothing in the history was ever that late,
 *   so the model expects nothing by itself → score 1000 × 0.3 = 300.
 * - B owes 500 since 15 May and has a call task due. The organisation's history (G's, 20 days
 *   late each) says it comes within 30 days: (2 + ½) / (2 + 1) = 0.833 → 500 × 0.3 × 0.167 × 1.5 = 37.58.
 * - G paid 4 invoices 20 days late each (chronic lateness) and owes 400 since 20 May.
 * - C (bankruptcy), D (pending promise), F (disputed item) and E (nothing overdue) are not listed.
 */
let database: Database;
let org: TestOrg;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: '2024-06-01T12:00:00Z' });
  const { ctx } = org;
  for (const name of ['A', 'B', 'C', 'D', 'E', 'F', 'G'])
    ids[name] = (await createTestCustomer(ctx, { external_id: name, currency: 'EUR' })).id;
  let n = 0;
  const invoice = (customer: string, issue: string, due: string, total: string) =>
    createInvoice(ctx, {
      customer_id: ids[customer]!,
      number: `W-${++n}`,
      issue_date: issue,
      due_date: due,
      currency: 'EUR',
      total,
    });
  await invoice('A', '2024-04-01', '2024-05-01', '1000.00');
  await invoice('B', '2024-04-15', '2024-05-15', '500.00');
  await invoice('C', '2024-04-01', '2024-05-01', '800.00');
  const d = await invoice('D', '2024-04-01', '2024-05-01', '300.00');
  await invoice('E', '2024-05-31', '2024-06-30', '900.00');
  const f = await invoice('F', '2024-04-01', '2024-05-01', '200.00');
  for (const month of ['01', '02', '03', '04']) {
    const paid = await invoice('G', `2023-12-${month}`, `2024-${month}-05`, '100.00');
    await recordPayment(ctx, {
      customer_id: ids.G!,
      amount: '100.00',
      currency: 'EUR',
      received_on: `2024-${month}-25`,
      allocations: [{ invoice_id: paid.id, amount: '100.00' }],
    });
  }
  await invoice('G', '2024-04-20', '2024-05-20', '400.00');
  await placeHold(ctx, ids.C!, { reason: 'bankruptcy', starts_at: '2024-05-01T00:00:00Z' });
  await createPromise(ctx, {
    customer_id: ids.D!,
    amount: '300.00',
    currency: 'EUR',
    due_on: '2024-06-05',
    invoice_ids: [d.id],
    agreed_at: '2024-05-30T10:00:00Z',
  });
  await ctx.db.insert(disputes).values({
    tenantId: ctx.tenantId,
    id: newId(),
    customerId: ids.F!,
    invoiceId: f.id,
    reasonCode: 'quality',
    source: 'api',
    openedAt: new Date('2024-05-10T09:00:00Z'),
  });
  await ctx.db.insert(tasks).values({
    tenantId: ctx.tenantId,
    id: newId(),
    customerId: ids.B!,
    queue: 'collector',
    kind: 'call',
    status: 'open',
    invoiceIds: [],
    dueOn: '2024-05-31',
  });
});
afterAll(async () => database?.close());

describe('the worklist', () => {
  it('lists the customers who may be chased, best call first, with reasons', async () => {
    const list = await worklist(org.ctx, { as_of: '2024-06-01' });
    expect(list.data.map((e) => [e.customer_id, e.score])).toEqual([
      [ids.A, 300],
      [ids.B, 37.58], // 500 × 0.3 × (1 − 0.833) × 1.5, the probability rounded to 3 places
      [ids.G, expect.any(Number)],
    ]);
    const [a, b, g] = list.data;
    expect(a!.reasons[0]).toEqual({
      code: 'overdue',
      message: 'EUR 1000.00 overdue on 1 invoice, the oldest 31 days past due',
    });
    expect(b!.reasons.map((r) => r.code)).toContain('call_task_due');
    expect(g!.reasons.map((r) => r.code)).toContain('chronic_lateness');
    expect(g!.score).toBe(10.65); // 400 × 0.3 × (1 − 0.929) × 1.25, 0.929 = (6 + ½) / 7
  });

  it('is as of a date: nothing was overdue in April', async () => {
    expect((await worklist(org.ctx, { as_of: '2024-04-30' })).data.map((e) => e.customer_id)).toEqual([]);
  });

  it('assigns round-robin in score order, once', async () => {
    const first = await assignWorklist(org.ctx, {
      method: 'round_robin',
      assignees: ['ann', 'bob'],
      reassign: false,
      as_of: '2024-06-01',
    });
    expect(first.assigned).toEqual([
      { customer_id: ids.A, assignee: 'ann' },
      { customer_id: ids.B, assignee: 'bob' },
      { customer_id: ids.G, assignee: 'ann' },
    ]);
    const again = await assignWorklist(org.ctx, {
      method: 'round_robin',
      assignees: ['ann', 'bob'],
      reassign: false,
      as_of: '2024-06-01',
    });
    expect(again.count).toBe(0);
    const bobs = await worklist(org.ctx, { as_of: '2024-06-01', assignee: 'bob' });
    expect(bobs.data.map((e) => e.customer_id)).toEqual([ids.B]);
  });

  it('assigns by segment', async () => {
    const result = await assignWorklist(org.ctx, {
      method: 'segment',
      segments: { default: 'cleo' },
      reassign: true,
      as_of: '2024-06-01',
    });
    expect(result.count).toBe(3);
    await expect(
      assignWorklist(org.ctx, { method: 'round_robin', reassign: false, as_of: '2024-06-01' }),
    ).rejects.toMatchObject({ details: [{ path: 'assignees' }] });
  });
});

describe('behaviour, alerts and forecast', () => {
  it('describes a customer', async () => {
    const g = await customerBehaviour(org.ctx, ids.G!, { as_of: '2024-06-01' });
    expect(g).toMatchObject({
      invoices_paid: 4,
      average_days_late: 20,
      trend_days_per_invoice: 0,
      variability_days: 0,
      alerts: [{ code: 'chronic_lateness' }],
      disputes: { opened: 0, open: 0 },
    });
    expect(g.predictions).toHaveLength(1);
    expect(g.predictions[0]).toMatchObject({ due_date: '2024-05-20', expected_payment_date: '2024-06-09' });
  });

  it('records each alert once a month', async () => {
    const alerts = await alertsByCustomer(org.ctx, '2024-06-01');
    expect([...alerts.keys()]).toEqual([ids.G]);
    expect(await recordCustomerAlerts(org.ctx, '2024-06-01', alerts)).toBe(1);
    expect(await recordCustomerAlerts(org.ctx, '2024-06-15', alerts)).toBe(0);
    expect(await recordCustomerAlerts(org.ctx, '2024-07-01', alerts)).toBe(1);
  });

  it('after a run, looks at customers paid in the last week', async () => {
    // G's last payment was on 25 April: on the 27th G is looked at (April's alert is new), in June nobody.
    await recordAlertsAfterRun(org.ctx, new Date('2024-04-27T12:00:00Z'));
    await recordAlertsAfterRun(org.ctx, new Date('2024-04-28T12:00:00Z'));
    await recordAlertsAfterRun(org.ctx, new Date('2024-06-20T12:00:00Z'));
    const rows = await queryRows<{ count: number }>(
      org.ctx.db,
      sql`SELECT COUNT(*)::int AS count FROM audit_log WHERE tenant_id = ${org.ctx.tenantId} AND kind = 'customer.alert'`,
    );
    expect(rows[0]!.count).toBe(3); // June and July from the test above, April here
  });

  it('forecasts cash per week from the predicted dates', async () => {
    const forecast = await cashForecast(org.ctx, { weeks: 2, as_of: '2024-06-01', currency: 'EUR' });
    expect(forecast.open.amount).toBe('4100.00');
    // Week 1 is 2–8 June; G's 400 is expected on 9 June (20 days late), in week 2.
    expect(forecast.weeks[1]).toMatchObject({ from: '2024-06-09', to: '2024-06-15' });
    expect(Number(forecast.weeks[1]!.expected.amount)).toBeGreaterThanOrEqual(400);
    const total = [
      ...forecast.weeks.map((w) => Number(w.expected.amount)),
      Number(forecast.later.expected.amount),
    ];
    expect(total.reduce((s, v) => s + v, 0)).toBe(4100);
  });
});
