/**
 * The run: snapshot → decide → comply → act, over the customers that are due, in batches of
 * customers taken in id order. Each batch is one transaction that also moves the run's cursor,
 * so a run that dies resumes after the last batch it finished, and nothing is done twice.
 * A dry run reads the same way and writes nothing.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isCalendarDate, startOfLocalDay, type CalendarDate } from '../../domain/dates.js';
import { RecoupError, notFound } from '../../domain/errors.js';
import { evaluate } from '../../domain/strategies/evaluate.js';
import { historyMonthsNeeded } from '../../domain/strategies/segments.js';
import { actions, runs, organisations } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import { newId, type Ctx } from '../context.js';
import { asOfField } from '../fields.js';
import { lockCustomers } from '../ledger/entries.js';
import { loadSegments } from '../segments.js';
import { latestStrategyVersions, type LoadedStrategy } from '../strategies.js';
import { applyEffects, insertActions, saveOutcomes, type CustomerOutcome } from './act.js';
import { chooseStrategy } from './choose.js';
import { planActions, type PlannedAction } from './plan.js';
import { afterRun } from './after-run.js';
import { dueCustomers, loadSnapshots, type CustomerBatchSnapshot } from './snapshot.js';
import { RunTotals, type Skipped } from './totals.js';
import { actionRowView } from './views.js';

export const runInput = z.object({
  /** An instant, or a date: that day at the organisation's daily run time. */
  as_of: asOfField.optional(),
  dry_run: z.boolean().default(false),
  /** How many actions to list in the answer (the totals always count them all). */
  list_limit: z.number().int().min(0).max(10_000).default(1000),
});
export type RunInput = z.input<typeof runInput>;

const BATCH = Number(process.env.RECOUP_RUN_BATCH ?? 500);

interface RunSetting {
  asOf: Date;
  strategies: LoadedStrategy[];
  segments: Awaited<ReturnType<typeof loadSegments>>;
  organisation: { name: string; country: string; time_zone: string };
  rulePacks: readonly string[];
  historyMonths: number;
  paymentEvents: boolean;
}

/** What a run reads once: strategies, segments, the organisation (exported for bench/run-bench.ts). */
export async function runSetting(ctx: Ctx, asOf: Date): Promise<RunSetting> {
  const [strategies, segments, [org]] = await Promise.all([
    latestStrategyVersions(ctx.db, ctx.tenantId),
    loadSegments(ctx.db, ctx.tenantId),
    ctx.db.select().from(organisations).where(eq(organisations.tenantId, ctx.tenantId)),
  ]);
  return {
    asOf,
    strategies,
    segments,
    organisation: { name: org!.name, country: org!.country, time_zone: org!.timeZone },
    rulePacks: org!.rulePacks,
    historyMonths: historyMonthsNeeded(segments),
    paymentEvents: strategies.some((s) => s.document.steps.some((step) => step.on === 'payment_received')),
  };
}

/** Runs now (or at `as_of`) for the caller's organisation and returns what it did. */
export async function startRun(
  ctx: Ctx,
  input: z.infer<typeof runInput>,
  trigger = 'api',
  scheduleKey?: string,
) {
  const asOf = input.as_of ? runInstant(ctx, input.as_of) : ctx.clock.now();
  const setting = await runSetting(ctx, asOf);
  if (input.dry_run) return dryRun(ctx, setting, input.list_limit);
  const id = newId();
  const inserted = await ctx.db
    .insert(runs)
    .values({
      tenantId: ctx.tenantId,
      id,
      asOf,
      trigger,
      scheduleKey: scheduleKey ?? null,
      status: 'running',
      totals: {},
    })
    .onConflictDoNothing()
    .returning({ id: runs.id });
  if (inserted.length === 0)
    throw new RecoupError('conflict', 'run_exists', `the run for ${scheduleKey} exists`);
  return continueRun(ctx, id, input.list_limit);
}

/** A date means that day at the organisation's daily run time, in its time zone. */
export function runInstant(ctx: Ctx, asOf: string): Date {
  if (!isCalendarDate(asOf)) return new Date(asOf);
  const [hours, minutes] = ctx.settings.daily_run_at.split(':').map(Number) as [number, number];
  return new Date(startOfLocalDay(asOf, ctx.timeZone).getTime() + (hours * 60 + minutes) * 60_000);
}

/** Carries a run on from its cursor to the end: used at first and to resume an interrupted one. */
export async function continueRun(
  ctx: Ctx,
  runId: string,
  listLimit = 1000,
  afterBatch?: () => Promise<void>,
) {
  const run = await loadRun(ctx.db, ctx.tenantId, runId);
  const setting = await runSetting(ctx, run.asOf);
  const totals = RunTotals.from(run.totals as object, listLimit);
  let cursor = run.cursor;
  for (;;) {
    const done = await ctx.db.transaction(async (tx) => {
      const customers = await dueCustomers(tx, ctx.tenantId, setting.asOf, cursor, BATCH);
      if (customers.length === 0) return true;
      await lockCustomers(
        tx,
        ctx.tenantId,
        customers.map((c) => c.id),
      );
      const snapshots = await loadSnapshots(tx, ctx.tenantId, customers, setting);
      const { planned, outcomes, skipped } = decideBatch(snapshots, setting);
      const fresh = await insertActions(tx, ctx.tenantId, runId, planned);
      const dayOf = new Map(snapshots.map((s) => [s.customer.id, s.today]));
      const customerOf = new Map(snapshots.map((s) => [s.customer.id, s.customer]));
      await applyEffects(tx, ctx.tenantId, fresh, (id) => dayOf.get(id)!, setting.asOf, {
        customerOf: (id) => customerOf.get(id)!,
        settings: ctx.settings,
      });
      await saveOutcomes(tx, ctx.tenantId, outcomes, ctx.clock.now());
      totals.add(customers.length, fresh, skipped);
      cursor = customers.at(-1)!.id;
      await tx
        .update(runs)
        .set({ cursor, totals: totals.toJSON(), claimedUntil: new Date(ctx.clock.now().getTime() + 60_000) })
        .where(and(eq(runs.tenantId, ctx.tenantId), eq(runs.id, runId)));
      return false;
    });
    if (done) break;
    await afterBatch?.();
  }
  await afterRun(ctx, setting.asOf);
  const [finished] = await ctx.db
    .update(runs)
    .set({ status: 'completed', finishedAt: ctx.clock.now(), totals: totals.toJSON() })
    .where(and(eq(runs.tenantId, ctx.tenantId), eq(runs.id, runId)))
    .returning();
  return { ...(await runView(ctx.db, finished!, listLimit)), skipped: totals.skippedListed };
}

/** Customers decided between two turns of the event loop in a dry run. */
const DECIDE_SLICE = 100;

async function dryRun(ctx: Ctx, setting: RunSetting, listLimit: number) {
  const totals = new RunTotals(listLimit);
  const read = async (after: string | null) => {
    const customers = await dueCustomers(ctx.db, ctx.tenantId, setting.asOf, after, BATCH);
    if (customers.length === 0) return null;
    return { customers, snapshots: await loadSnapshots(ctx.db, ctx.tenantId, customers, setting) };
  };
  let next = read(null);
  for (;;) {
    const batch = await next;
    if (!batch) break;
    // The next batch is read while this one is decided, in slices so that its queries go out
    // and their answers come in meanwhile: the database server and this process work at once.
    next = read(batch.customers.at(-1)!.id);
    next.catch(() => {}); // awaited above on the next turn; this only keeps a failure from going unhandled
    for (let from = 0; from < batch.snapshots.length; from += DECIDE_SLICE) {
      await new Promise((resolve) => setImmediate(resolve));
      const slice = batch.snapshots.slice(from, from + DECIDE_SLICE);
      const { planned, skipped } = decideBatch(slice, setting);
      totals.add(slice.length, planned, skipped);
    }
  }
  return {
    id: null,
    as_of: setting.asOf.toISOString(),
    dry_run: true,
    status: 'completed',
    ...totals.view(),
  };
}

/** Decide and comply for a batch: pure work over the snapshots. */
export function decideBatch(snapshots: readonly CustomerBatchSnapshot[], setting: RunSetting) {
  const planned: PlannedAction[] = [];
  const outcomes: CustomerOutcome[] = [];
  const skipped: Skipped[] = [];
  for (const snapshot of snapshots) {
    const { customer } = snapshot;
    const state = customer.state ?? { cycle: 1, active: false, fired: [], placed: false };
    const timeZone = customer.timeZones[0] ?? 'UTC';
    const facts = {
      ...customer,
      ...(snapshot.latePayments !== undefined && { latePayments: snapshot.latePayments }),
    };
    const choice = chooseStrategy(customer, facts, setting.segments, setting.strategies);
    const keep = (
      nextReviewOn: CalendarDate | null,
      extra: Partial<CustomerOutcome> = {},
    ): CustomerOutcome => ({
      customerId: customer.id,
      cycle: state.cycle,
      active: state.active,
      fired: state.fired,
      nextActionAt: wakeUp([nextReviewOn, ...snapshot.wakeUps], snapshot.today, timeZone),
      strategyVersionId: choice?.strategy.versionId ?? null,
      segment: choice?.segment ?? 'default',
      variant: choice?.variant ?? null,
      placed: state.placed,
      ...extra,
    });
    if (state.placed) {
      skipped.push({
        customer_id: customer.id,
        step: null,
        code: 'placed',
        message: 'placed with an agency: the strategy has stopped',
      });
      outcomes.push(keep(null));
      continue;
    }
    if (!choice) {
      if (snapshot.items.length > 0)
        skipped.push({
          customer_id: customer.id,
          step: null,
          code: 'no_strategy',
          message: 'no strategy applies to this customer',
        });
      outcomes.push(keep(null));
      continue;
    }
    const evaluation = evaluate(
      {
        customerId: customer.id,
        kind: customer.kind,
        tags: customer.tags,
        segment: choice.segment,
        today: snapshot.today,
        items: snapshot.items,
        events: snapshot.events,
        state,
      },
      choice.strategy.document,
    );
    for (const note of evaluation.notes) skipped.push({ customer_id: customer.id, ...note });
    const actions = planActions(snapshot, choice, evaluation.due, setting);
    planned.push(...actions);
    outcomes.push(
      keep(evaluation.nextReviewOn, {
        cycle: evaluation.state.cycle,
        active: evaluation.state.active,
        fired: evaluation.state.fired,
        placed: actions.some((a) => a.place),
      }),
    );
  }
  return { planned, outcomes, skipped };
}

/** The first instant of the earliest day worth a look, in the customer's zone (null: none). */
function wakeUp(days: readonly (CalendarDate | null)[], today: CalendarDate, timeZone: string): Date | null {
  let earliest: CalendarDate | null = null;
  for (const day of days)
    if (day !== null && day > today && (earliest === null || day < earliest)) earliest = day;
  return earliest === null ? null : dayStart(earliest, timeZone);
}

/**
 * startOfLocalDay, remembered: it searches with some twenty time-zone conversions, and a run
 * asks it for the same few (day, zone) pairs for every customer.
 */
const dayStarts = new Map<string, number>();
function dayStart(day: CalendarDate, timeZone: string): Date {
  const key = `${day} ${timeZone}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size >= 10_000) dayStarts.clear();
    start = startOfLocalDay(day, timeZone).getTime();
    dayStarts.set(key, start);
  }
  return new Date(start);
}

export async function loadRun(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.tenantId, tenantId), eq(runs.id, id)));
  if (!row) throw notFound('run', id);
  return row;
}

export async function getRun(ctx: Ctx, id: string, listLimit = 1000) {
  return runView(ctx.db, await loadRun(ctx.db, ctx.tenantId, id), listLimit);
}

/** A stored run with its totals and the first `listLimit` of its actions. */
async function runView(db: Db, row: typeof runs.$inferSelect, listLimit: number) {
  const listed = await db
    .select()
    .from(actions)
    .where(and(eq(actions.tenantId, row.tenantId), eq(actions.runId, row.id)))
    .orderBy(asc(actions.id))
    .limit(listLimit);
  const { totals } = RunTotals.from(row.totals as object, 0).view();
  return {
    id: row.id,
    as_of: row.asOf.toISOString(),
    dry_run: false,
    status: row.status,
    trigger: row.trigger,
    started_at: row.startedAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
    actions: listed.map(actionRowView),
    skipped: [],
    totals,
  };
}
