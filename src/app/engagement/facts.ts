/**
 * What payment plans and disputes mean for the run, for a batch of customers, in four queries:
 * - a plan in good standing pauses the strategy on its invoices (hold reason `payment_plan`),
 *   and its next instalment date, and the day after its grace days, are wake-ups;
 * - a missed instalment is an `instalment_missed` event (id stable per instalment), so a step
 *   `on: instalment_missed` fires once; a defaulted plan no longer holds, and dunning resumes;
 * - an open dispute holds its invoice (reason `dispute`), for the strategy and for compliance;
 * - a resolved dispute is a `dispute_resolved` event.
 *
 * Plan holds are `paused`, not compliance holds: they stop the strategy chasing the items, not
 * contact about the plan itself (its confirmation, the notice of a missed instalment).
 */
import { sql } from 'drizzle-orm';
import { addDays, localDate, type CalendarDate } from '../../domain/dates.js';
import { planWakeUps } from '../../domain/plans/index.js';
import type { SnapshotEvent } from '../../domain/strategies/evaluate.js';
import { queryRows, type Db } from '../../store/database.js';
import { plainArray } from '../../store/sql-values.js';
import type { ActiveHold } from '../holds.js';
import { loadPlans, stateOf } from '../plans/load.js';
import { instalmentEventId } from './event-id.js';

export interface EngagementFacts {
  /** Holds for the strategy and for compliance (open disputes). */
  holds: ActiveHold[];
  /** Holds that pause the strategy on their items but do not stop contact (plans in good standing). */
  paused: ActiveHold[];
  events: SnapshotEvent[];
  wakeUps: CalendarDate[];
}

/** Events stay in the snapshot this long, so a step marker is kept while it matters. */
const EVENT_DAYS = 30;

export async function loadEngagementFacts(
  db: Db,
  tenantId: string,
  todayOf: ReadonlyMap<string, CalendarDate>,
  asOf: Date,
): Promise<Map<string, EngagementFacts>> {
  const facts = new Map<string, EngagementFacts>();
  if (todayOf.size === 0) return facts;
  const ids = plainArray([...todayOf.keys()]);
  const days = [...todayOf.values()].sort();
  const since = addDays(days[0]!, -EVENT_DAYS);
  const at = asOf.toISOString();
  const of = (customerId: string) => {
    let f = facts.get(customerId);
    if (!f) facts.set(customerId, (f = { holds: [], paused: [], events: [], wakeUps: [] }));
    return f;
  };

  const plans = await loadPlans(
    db,
    tenantId,
    sql`p.customer_id = ANY(${ids}::uuid[]) AND p.approval = 'active' AND p.agreed_at <= ${at}
        AND (p.cancelled_at IS NULL OR p.cancelled_at > ${at})
        AND EXISTS (SELECT 1 FROM plan_instalments i WHERE i.tenant_id = p.tenant_id AND i.plan_id = p.id
                      AND i.due_on + p.grace_days >= ${since}::date)`,
  );
  for (const plan of plans) {
    const today = todayOf.get(plan.customerId)!;
    const state = stateOf(plan, today);
    const f = of(plan.customerId);
    if (state.status === 'active') {
      f.paused.push({
        id: plan.id,
        customerId: plan.customerId,
        reason: 'payment_plan',
        invoiceIds: plan.invoiceIds,
        startsAt: plan.agreedAt,
        endsAt: null,
      });
      f.wakeUps.push(...planWakeUps(state, today));
    }
    if (state.status !== 'active' && state.status !== 'defaulted') continue;
    for (const instalment of state.instalments) {
      const on = instalment.missedOn;
      // Unpaid misses of the last month, up to the one that put the plan in default.
      if (instalment.status !== 'missed' || !on || on < addDays(today, -EVENT_DAYS)) continue;
      if (state.defaultedOn && on > state.defaultedOn) continue;
      f.events.push({
        kind: 'instalment_missed',
        id: instalmentEventId(plan.id, instalment.position),
        on,
        invoiceIds: plan.invoiceIds,
      });
    }
  }

  const disputes = await queryRows<{
    id: string;
    customer_id: string;
    invoice_id: string;
    opened_at: string | Date;
    resolved_at: string | Date | null;
    zone: string | null;
  }>(
    db,
    sql`SELECT d.id, d.customer_id, d.invoice_id, d.opened_at, d.resolved_at, c.time_zones[1] AS zone
        FROM disputes d JOIN customers c ON c.tenant_id = d.tenant_id AND c.id = d.customer_id
        WHERE d.tenant_id = ${tenantId} AND d.customer_id = ANY(${ids}::uuid[]) AND d.opened_at <= ${at}
          AND (d.resolved_at IS NULL OR d.resolved_at > ${new Date(asOf.getTime() - EVENT_DAYS * 86_400_000).toISOString()})`,
  );
  for (const dispute of disputes) {
    const f = of(dispute.customer_id);
    const resolvedAt = dispute.resolved_at ? new Date(dispute.resolved_at) : null;
    if (!resolvedAt || resolvedAt > asOf)
      f.holds.push({
        id: dispute.id,
        customerId: dispute.customer_id,
        reason: 'dispute',
        invoiceIds: [dispute.invoice_id],
        startsAt: new Date(dispute.opened_at),
        endsAt: resolvedAt,
      });
    else
      f.events.push({
        kind: 'dispute_resolved',
        id: dispute.id,
        on: localDate(resolvedAt, dispute.zone ?? 'UTC'),
        invoiceIds: [dispute.invoice_id],
      });
  }
  return facts;
}
