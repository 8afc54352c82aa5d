/**
 * Act: write what the run decided, in the batch's transaction. Actions are inserted with
 * their idempotency key first; only the ones that were new get their effects (fee entries,
 * tasks, placement), so a batch that is run again after a crash changes nothing twice.
 */
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import { actions, charges, holds, tasks } from '../../store/schema.js';
import { queryRows, type Db } from '../../store/database.js';
import { pgArray } from '../../store/sql-values.js';
import { newId, type OrganisationSettings } from '../context.js';
import { chargeInterest } from './interest-charges.js';
import { moneyView } from '../views.js';
import { postEntries, type NewEntry } from '../ledger/entries.js';
import type { PlannedAction } from './plan.js';
import { addItemizations } from '../compliance/itemization.js';
import { recordEvents, type DomainEvent } from '../events/record.js';

export interface CustomerOutcome {
  customerId: string;
  cycle: number;
  active: boolean;
  fired: readonly string[];
  nextActionAt: Date | null;
  strategyVersionId: string | null;
  segment: string;
  variant: string | null;
  placed: boolean;
}

/** Inserts the actions; returns those that were new (the others fired before). */
export async function insertActions(
  tx: Db,
  tenantId: string,
  runId: string,
  planned: readonly PlannedAction[],
): Promise<PlannedAction[]> {
  await addItemizations(tx, tenantId, planned);
  const fresh = new Set<string>();
  // A statement binds at most 65,535 parameters and an action takes about twenty: a large batch
  // (RECOUP_RUN_BATCH=5000 plans some 3,700 actions) goes in several statements.
  for (let from = 0; from < planned.length; from += ACTIONS_PER_INSERT) {
    const inserted = await insertActionRows(
      tx,
      tenantId,
      runId,
      planned.slice(from, from + ACTIONS_PER_INSERT),
    );
    for (const row of inserted) fresh.add(row.id);
  }
  const inserted = planned.filter((a) => fresh.has(a.id));
  if (inserted.some((a) => a.channel !== null)) {
    // When it was recorded (the database's clock) and the instant the run judged (its as_of).
    const [run] = await queryRows<{ now: string | Date; as_of: string | Date }>(
      tx,
      sql`SELECT now() AS now, as_of FROM runs WHERE tenant_id = ${tenantId} AND id = ${runId}`,
    );
    await recordEvents(
      tx,
      tenantId,
      decisionEvents(inserted, runId, new Date(run!.now), new Date(run!.as_of)),
    );
  }
  return inserted;
}

/**
 * Every compliance decision the run made, for the audit log: one `compliance.decided` event per
 * new contact action (messages and call tasks), with the decision, all its reasons and the rule
 * packs that judged it.
 */
function decisionEvents(
  inserted: readonly PlannedAction[],
  runId: string,
  at: Date,
  asOf: Date,
): DomainEvent[] {
  return inserted
    .filter((a) => a.channel !== null && a.reasonCode !== 'no_reachable_channel')
    .map((a) => {
      const compliance = a.payload.compliance as
        { reasons: { code: string; message: string }[]; rule_packs: readonly string[] } | undefined;
      const decision = a.status === 'blocked' ? 'block' : a.status === 'deferred' ? 'defer' : 'allow';
      return {
        type: 'compliance.decided',
        at,
        actor: 'system:run',
        subjectType: 'action',
        subjectId: a.id,
        customerId: a.customerId,
        id: `compliance.decided:${a.id}`,
        data: {
          run_id: runId,
          as_of: asOf.toISOString(),
          action_id: a.id,
          step: a.stepKey,
          channel: a.channel,
          template: a.template,
          invoice_ids: a.invoiceIds,
          decision,
          reasons:
            compliance?.reasons ?? (a.reasonCode ? [{ code: a.reasonCode, message: a.reason ?? '' }] : []),
          rule_pack_versions: compliance?.rule_packs ?? [],
          next_allowed_at: decision === 'defer' ? a.scheduledFor.toISOString() : null,
        },
      };
    });
}

const ACTIONS_PER_INSERT = 2000;

function insertActionRows(tx: Db, tenantId: string, runId: string, planned: readonly PlannedAction[]) {
  return tx
    .insert(actions)
    .values(
      planned.map((a) => ({
        tenantId,
        id: a.id,
        runId,
        customerId: a.customerId,
        invoiceIds: a.invoiceIds,
        strategyId: a.strategyId,
        strategyVersion: a.strategyVersion,
        stepKey: a.stepKey,
        cycle: a.cycle,
        kind: a.kind,
        channel: a.channel,
        template: a.template,
        variant: a.variant,
        status: a.status,
        reasonCode: a.reasonCode,
        reason: a.reason,
        scheduledFor: a.scheduledFor,
        idempotencyKey: a.idempotencyKey,
        payload: {
          ...a.payload,
          fees: a.fees.map((f) => ({ invoice_id: f.invoiceId, ...moneyView(f.amount, f.currency) })),
        },
        nextAttemptAt: a.status === 'planned' || a.status === 'deferred' ? a.scheduledFor : null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: actions.id });
}

/** Fees, tasks and placements of newly inserted actions. */
export async function applyEffects(
  tx: Db,
  tenantId: string,
  fresh: readonly PlannedAction[],
  dayOf: (customerId: string) => CalendarDate,
  asOf: Date,
  interest: {
    customerOf: (id: string) => { kind: 'business' | 'consumer'; country: string };
    settings: OrganisationSettings;
  },
): Promise<void> {
  const feeCharges: (typeof charges.$inferInsert)[] = [];
  const feeEntries: NewEntry[] = [];
  for (const action of fresh) {
    const on = dayOf(action.customerId);
    if (action.kind === 'interest')
      await chargeInterest(
        tx,
        tenantId,
        action,
        interest.customerOf(action.customerId),
        on,
        interest.settings,
      );
    for (const fee of action.fees) {
      const chargeId = newId();
      feeCharges.push({
        tenantId,
        id: chargeId,
        customerId: action.customerId,
        invoiceId: fee.invoiceId,
        kind: 'fee',
        amount: fee.amount,
        currency: fee.currency,
        chargedOn: on,
        reason: `late fee: step ${action.stepKey} (action ${action.id})`,
      });
      feeEntries.push({
        customerId: action.customerId,
        currency: fee.currency,
        kind: 'charge',
        amount: fee.amount,
        effectiveOn: on,
        documentId: chargeId,
        invoiceId: fee.invoiceId,
        component: 'fee',
      });
    }
  }
  // The batch's fees in a few statements, not four per fee. Interest (above) reads only interest
  // charges and principal, so charging the fees after it changes nothing.
  if (feeCharges.length > 0) {
    await tx.insert(charges).values(feeCharges);
    await postEntries(tx, tenantId, feeEntries, 'system:run');
  }
  const newTasks = fresh.filter((a) => a.task);
  if (newTasks.length > 0)
    await tx.insert(tasks).values(
      newTasks.map((a) => ({
        tenantId,
        id: newId(),
        customerId: a.customerId,
        actionId: a.id,
        queue: a.task!.queue,
        kind: a.task!.kind,
        status: 'open',
        invoiceIds: a.invoiceIds,
        dueOn: dayOf(a.customerId),
        note: `${a.stepKey} (${a.kind})`,
      })),
    );
  const placed = fresh.filter((a) => a.place);
  if (placed.length > 0)
    await tx.insert(holds).values(
      placed.map((a) => ({
        tenantId,
        id: newId(),
        customerId: a.customerId,
        reason: 'placed',
        invoiceIds: null,
        startsAt: asOf,
        note: `placed by step ${a.stepKey}${(a.payload.agency as string | null) ? ` with ${a.payload.agency as string}` : ''}`,
      })),
    );
}

/** Records where each customer of the batch stands, in one statement. */
export async function saveOutcomes(tx: Db, tenantId: string, outcomes: readonly CustomerOutcome[], at: Date) {
  if (outcomes.length === 0) return;
  const column = <T>(pick: (o: CustomerOutcome) => T) => outcomes.map(pick);
  await tx.execute(sql`
    INSERT INTO collection_states (tenant_id, customer_id, next_action_at, cycle, cycle_active, fired,
      strategy_version_id, segment, variant, placed_at, evaluated_at)
    SELECT ${tenantId}::uuid, v.customer_id, v.next_action_at, v.cycle, v.active, ARRAY(SELECT jsonb_array_elements_text(v.fired)),
      v.strategy_version_id, v.segment, v.variant, CASE WHEN v.placed THEN ${at.toISOString()}::timestamptz END, ${at.toISOString()}::timestamptz
    FROM unnest(${pgArray(column((o) => o.customerId))}::uuid[],
      ${pgArray(column((o) => o.nextActionAt?.toISOString() ?? null))}::timestamptz[],
      ${pgArray(column((o) => o.cycle))}::int[], ${pgArray(column((o) => o.active))}::boolean[],
      ${pgArray(column((o) => JSON.stringify(o.fired)))}::jsonb[],
      ${pgArray(column((o) => o.strategyVersionId))}::uuid[], ${pgArray(column((o) => o.segment))}::text[],
      ${pgArray(column((o) => o.variant))}::text[], ${pgArray(column((o) => o.placed))}::boolean[])
      AS v(customer_id, next_action_at, cycle, active, fired, strategy_version_id, segment, variant, placed)
    ON CONFLICT (customer_id) DO UPDATE SET
      next_action_at = excluded.next_action_at, cycle = excluded.cycle, cycle_active = excluded.cycle_active,
      fired = excluded.fired, strategy_version_id = excluded.strategy_version_id, segment = excluded.segment,
      variant = excluded.variant, placed_at = COALESCE(collection_states.placed_at, excluded.placed_at),
      evaluated_at = excluded.evaluated_at`);
}
