/**
 * After a real run: the domain events whose day has come (promises broken, instalments missed,
 * plans in default) go to the audit log and webhooks. Each has a stable id derived from its
 * promise, instalment or plan, and one already in the audit log is not recorded again, so a run
 * repeated the same day, or resumed after a crash, records each event once. The sweep looks a
 * week back, so a day without a run loses nothing.
 */
import { sql } from 'drizzle-orm';
import { addDays, localDate } from '../../domain/dates.js';
import { promiseDeadline, promiseStatus } from '../../domain/promises.js';
import { queryRows } from '../../store/database.js';
import { plainArray } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { recordEvents, type DomainEvent } from '../events/record.js';
import { loadPlans, stateOf } from '../plans/load.js';
import { promiseFacts } from '../promises.js';
import { moneyView } from '../views.js';
import { instalmentEventId, stableId } from './event-id.js';

const LOOK_BACK_DAYS = 7;

export async function recordEngagementEvents(ctx: Ctx, asOf: Date): Promise<void> {
  const today = localDate(asOf, ctx.timeZone);
  const from = addDays(today, -LOOK_BACK_DAYS);
  const inWindow = (day: string | null) => day !== null && day >= from && day <= today;
  const base = { at: asOf, actor: 'system:run' };
  const events: (DomainEvent & { id: string })[] = [];

  const promises = await promiseFacts(
    ctx.db,
    ctx.tenantId,
    sql`p.due_on + p.grace_days + 1 BETWEEN ${from}::date AND ${today}::date`,
    today,
  );
  for (const promise of promises) {
    if (promiseStatus(promise, promise.paid, today) !== 'broken') continue;
    events.push({
      ...base,
      id: stableId(`promise.broken:${promise.id}`),
      type: 'promise.broken',
      subjectType: 'promise',
      subjectId: promise.id,
      customerId: promise.customerId,
      data: {
        due_on: promise.dueOn,
        broken_on: addDays(promiseDeadline(promise), 1),
        amount: moneyView(promise.amount, promise.currency),
        paid: moneyView(promise.paid, promise.currency),
        invoice_ids: promise.invoiceIds,
      },
    });
  }

  const plans = await loadPlans(
    ctx.db,
    ctx.tenantId,
    sql`p.approval = 'active' AND EXISTS (SELECT 1 FROM plan_instalments i WHERE i.tenant_id = p.tenant_id
          AND i.plan_id = p.id AND i.due_on + p.grace_days + 1 BETWEEN ${from}::date AND ${today}::date)`,
  );
  for (const plan of plans) {
    const state = stateOf(plan, today);
    if (state.status === 'cancelled') continue;
    const subject = { subjectType: 'payment_plan', subjectId: plan.id, customerId: plan.customerId };
    for (const instalment of state.instalments) {
      if (!inWindow(instalment.missedOn)) continue;
      if (state.defaultedOn && instalment.missedOn! > state.defaultedOn) continue;
      events.push({
        ...base,
        ...subject,
        id: instalmentEventId(plan.id, instalment.position),
        type: 'instalment.missed',
        data: {
          position: instalment.position,
          due_on: instalment.dueOn,
          missed_on: instalment.missedOn,
          amount: moneyView(instalment.amount, plan.currency),
          paid_amount: moneyView(instalment.paidAmount, plan.currency),
          invoice_ids: plan.invoiceIds,
        },
      });
    }
    if (state.status === 'defaulted' && inWindow(state.defaultedOn))
      events.push({
        ...base,
        ...subject,
        id: stableId(`plan.defaulted:${plan.id}`),
        type: 'plan.defaulted',
        data: { defaulted_on: state.defaultedOn, missed_count: state.misses, invoice_ids: plan.invoiceIds },
      });
  }
  if (events.length === 0) return;

  await ctx.db.transaction(async (tx) => {
    const recorded = await queryRows<{ id: string }>(
      tx,
      sql`SELECT data->>'event_id' AS id FROM audit_log
          WHERE tenant_id = ${ctx.tenantId}
            AND customer_id = ANY(${plainArray([...new Set(events.map((e) => e.customerId!))])}::uuid[])
            AND kind IN ('promise.broken', 'instalment.missed', 'plan.defaulted')
            AND data->>'event_id' = ANY(${plainArray(events.map((e) => e.id))}::text[])`,
    );
    const seen = new Set(recorded.map((r) => r.id));
    await recordEvents(
      tx,
      ctx.tenantId,
      events.filter((e) => !seen.has(e.id)),
    );
  });
}
