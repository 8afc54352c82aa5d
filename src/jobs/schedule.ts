/**
 * The daily schedule: each organisation's run starts once a day at its local `daily_run_at`.
 * The run's schedule key (the organisation's local date) is unique, so when several workers
 * share one PostgreSQL only one of them starts it; a run whose worker died (its claim lapsed)
 * is resumed from its cursor by whichever worker looks next.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Clock, Ctx } from '../app/context.js';
import { loadOrganisation } from '../app/organisations.js';
import { continueRun, startRun } from '../app/runs/run.js';
import { localDate } from '../domain/dates.js';
import { RecoupError } from '../domain/errors.js';
import { organisations, runs } from '../store/schema.js';
import type { Db } from '../store/database.js';

export async function contextFor(db: Db, tenantId: string, clock: Clock): Promise<Ctx> {
  const org = await loadOrganisation(db, tenantId);
  return { db, tenantId, timeZone: org.timeZone, settings: org.settings, clock };
}

/** The local wall-clock time HH:MM at an instant. */
function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** Starts today's run for every organisation whose run time has come and that has none yet. */
export async function startDueDailyRuns(db: Db, clock: Clock): Promise<string[]> {
  const now = clock.now();
  const started: string[] = [];
  const orgs = await db.select({ tenantId: organisations.tenantId }).from(organisations);
  for (const { tenantId } of orgs) {
    const ctx = await contextFor(db, tenantId, clock);
    if (localTime(now, ctx.timeZone) < ctx.settings.daily_run_at) continue;
    const day = localDate(now, ctx.timeZone);
    const [existing] = await db
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.tenantId, tenantId), eq(runs.scheduleKey, day)));
    if (existing) continue;
    try {
      const run = await startRun(
        ctx,
        { dry_run: false, list_limit: 0, as_of: now.toISOString() },
        'schedule',
        day,
      );
      if (run.id) started.push(run.id);
    } catch (error) {
      // Another worker started it first.
      if (!(error instanceof RecoupError && error.code === 'run_exists')) throw error;
    }
  }
  return started;
}

/** Takes over runs whose worker stopped before finishing, and carries them to the end. */
export async function resumeInterruptedRuns(db: Db, clock: Clock): Promise<string[]> {
  const resumed: string[] = [];
  for (;;) {
    const now = clock.now();
    const [claimed] = await db
      .update(runs)
      .set({ claimedUntil: new Date(now.getTime() + 60_000) })
      .where(
        and(
          eq(runs.status, 'running'),
          or(isNull(runs.claimedUntil), lt(runs.claimedUntil, now)),
          sql`${runs.id} = (SELECT id FROM runs WHERE status = 'running'
                AND (claimed_until IS NULL OR claimed_until < ${now.toISOString()}) ORDER BY created_at LIMIT 1)`,
        ),
      )
      .returning({ id: runs.id, tenantId: runs.tenantId });
    if (!claimed) return resumed;
    await continueRun(await contextFor(db, claimed.tenantId, clock), claimed.id, 0);
    resumed.push(claimed.id);
  }
}
