/**
 * Crash safety of the run and the dispatcher, with real processes: `recoup run` and
 * `recoup worker --once` are SIGKILLed at random moments (a seeded PRNG: RECOUP_FAULT_SEED
 * replays a schedule) and started again, on a PGlite data directory or a throwaway PostgreSQL
 * database (RECOUP_TEST_DB=postgres). However often they die, the end must be the same as one
 * uninterrupted run + dispatch on a fresh copy of the same data: every step fired once, every
 * fee posted once, every message sent once, none lost, and a ledger that balances.
 *
 * The run's claim lasts 60 s after each batch, so a killed run is only resumed by a worker a
 * minute later. The children use the system clock (the CLI has no fake clock), so instead of
 * waiting the test moves a dead run's claim into the past before most restarts: exactly what
 * the passing of a minute would do, and only once the killed process is gone. Some restarts
 * keep the live claim, so a worker also dispatches while a run waits to be resumed.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/store/database.js';
import { runCli, runCliAndKill } from '../support/process.js';
import {
  AS_OF,
  actionLines,
  buildOrganisation,
  counts,
  faultDatabases,
  occupyDailyRunSlots,
  problemsAfterTheEnd,
  prng,
  stateLines,
  type Counts,
  type DatabaseCopy,
} from './fixture.js';

const CUSTOMERS = Number(process.env.RECOUP_FAULT_CUSTOMERS ?? 360);
const KILLS = Number(process.env.RECOUP_FAULT_KILLS ?? 20);
/** Kills in one copy of the data before it is run to the end and checked. */
const KILLS_PER_ROUND = 10;
const SEED = Number(process.env.RECOUP_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));

const databases = faultDatabases();
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  RECOUP_RUN_BATCH: '20',
  RECOUP_ADAPTERS: 'recording',
  LOG_LEVEL: 'silent',
};
const RUN = ['run', '--as-of', AS_OF, '--limit', '0'];
const WORKER = ['worker', '--once'];

let fixture: DatabaseCopy;
let tenantId: string;
let reference: { actions: string[]; states: string[]; counts: Counts };
/**
 * Measured on the uninterrupted reference (ms): a child's start-up (node, tsx, modules) until it
 * has the database open, then the run's work, and a worker's dispatch of everything after it.
 */
const measured = { startup: 0, run: 0, dispatch: 0 };

beforeAll(async () => {
  const started = performance.now();
  fixture = await databases.create('fixture', childEnv);
  const database = await fixture.open();
  try {
    const ctx = await buildOrganisation(database, CUSTOMERS);
    await occupyDailyRunSlots(database.db, ctx);
    tenantId = ctx.tenantId;
  } finally {
    await database.close();
  }
  console.log(
    `[faults ${databases.kind}] seed ${SEED}; fixture of ${CUSTOMERS} customers in ${ms(performance.now() - started)}`,
  );
}, 300_000);

afterAll(async () => {
  await databases.cleanUp();
}, 60_000);

function ms(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

interface Look {
  /** Runs of the command line (the placeholders of the daily schedule are not counted). */
  runs: number;
  running: number;
  evaluated: number;
  pending: number;
  messages: number;
}

/** Opens the copy (after a kill: PGlite recovers and takes the dead process's lock over). */
async function look(copy: DatabaseCopy, expireClaims: boolean): Promise<Look> {
  const database = await copy.open();
  try {
    if (expireClaims)
      await database.db.execute(
        sql`UPDATE runs SET claimed_until = now() - interval '1 second' WHERE status = 'running'`,
      );
    const [row] = await queryRows<Look>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM runs WHERE trigger = 'cli') AS "runs",
                 (SELECT count(*)::int FROM runs WHERE status = 'running') AS "running",
                 (SELECT count(*)::int FROM collection_states WHERE evaluated_at IS NOT NULL) AS "evaluated",
                 (SELECT count(*)::int FROM actions WHERE status IN ('planned', 'deferred', 'sending')) AS "pending",
                 (SELECT count(*)::int FROM messages) AS "messages"`,
    );
    return row!;
  } finally {
    await database.close();
  }
}

/**
 * `look`, and when the database cannot be opened, an error that says what happened before, with
 * a copy of the PGlite directory kept for a post-mortem and whether a fresh process can open it.
 */
async function lookOrExplain(copy: DatabaseCopy, expireClaims: boolean, story: string): Promise<Look> {
  try {
    return await look(copy, expireClaims);
  } catch (error) {
    let detail = '';
    if (copy.dataDir) {
      const kept = path.join(tmpdir(), `recoup-faults-unopenable-${SEED}-${copy.name}-${Date.now()}`);
      cpSync(copy.dataDir, kept, { recursive: true });
      const verify = await runCli(['verify'], { ...childEnv, RECOUP_DATA_DIR: kept, DATABASE_URL: '' }).then(
        (exit) => `opens it: ${exit.stdout.trim()}`,
        (failure: unknown) => `fails too: ${String(failure)}`,
      );
      detail = `\nthe directory is kept at ${kept} (a copy made after the failure); \`recoup verify\` in a new process ${verify}`;
    }
    throw new Error(`${story}\nthe database could not be opened after that: ${String(error)}${detail}`, {
      cause: error,
    });
  }
}

/**
 * Runs `recoup run` (if no run started yet) and `recoup worker --once` to their end; returns how
 * many interrupted runs the worker resumed.
 */
async function finish(copy: DatabaseCopy): Promise<number> {
  const env = { ...childEnv, ...copy.env };
  const state = await look(copy, true);
  if (state.runs === 0) await runCli(RUN, env);
  return resumedBy(await runCli(WORKER, env));
}

function resumedBy(exit: { stdout: string }): number {
  return Number(/resumed (\d+)/.exec(exit.stdout)?.[1] ?? 0);
}

async function outcome(copy: DatabaseCopy) {
  const database = await copy.open();
  try {
    return {
      actions: await actionLines(database.db),
      states: await stateLines(database.db),
      counts: await counts(database.db),
      problems: await problemsAfterTheEnd(database.db, tenantId),
    };
  } finally {
    await database.close();
  }
}

describe(`recoup run and worker --once killed with SIGKILL (${databases.kind})`, () => {
  it('an uninterrupted run and dispatch: the reference', async () => {
    const copy = await databases.copy(fixture, 'reference');
    const watchRun = copy.watch();
    const run = await runCli(RUN, { ...childEnv, ...copy.env, ...watchRun.env }, watchRun);
    const watchWorker = copy.watch();
    const worker = await runCli(WORKER, { ...childEnv, ...copy.env, ...watchWorker.env }, watchWorker);
    if (run.readyMs === null || worker.readyMs === null)
      throw new Error('the children were not seen opening the database');
    measured.startup = run.readyMs;
    measured.run = run.ms - run.readyMs;
    measured.dispatch = worker.ms - worker.readyMs;
    const result = await outcome(copy);
    await databases.drop(copy);
    console.log(
      `[faults ${databases.kind}] uninterrupted: start-up to an open database ${ms(measured.startup)}, ` +
        `then the run ${ms(measured.run)} (\`recoup run\` ${ms(run.ms)}), the dispatch ${ms(measured.dispatch)} ` +
        `(\`recoup worker --once\` ${ms(worker.ms)}); ${result.counts.actions} actions, ` +
        `${result.counts.messages} messages, ${result.counts.charges} fees`,
    );
    expect(result.problems).toEqual({});
    // The fixture must give the test something to break: many batches, messages and fees.
    expect(result.counts.messages).toBeGreaterThan(150);
    expect(result.counts.charges).toBeGreaterThan(20);
    expect(result.states.length).toBe(CUSTOMERS);
    reference = result;
  }, 300_000);

  it(`killed at least ${KILLS} times at random moments, ends exactly like the reference`, async () => {
    expect(reference, 'the reference run failed').toBeDefined();
    const random = prng(SEED);
    const story: string[] = [];
    let kills = 0;
    let resumed = 0;
    let carriedOn = 0;
    let locksLeft = 0;
    for (let round = 1; kills < KILLS && round <= 4 * Math.ceil(KILLS / KILLS_PER_ROUND); round++) {
      const copy = await databases.copy(fixture, `round${round}`);
      const steps: string[] = [];
      let state: Look = { runs: 0, running: 0, evaluated: 0, pending: 0, messages: 0 };
      let inRound = 0;
      const dead: number[] = [];
      for (
        let attempt = 0;
        inRound < KILLS_PER_ROUND && kills < KILLS && attempt < 3 * KILLS_PER_ROUND;
        attempt++
      ) {
        const command = state.runs === 0 || random() < 0.25 ? 'run' : 'worker';
        const watch = copy.watch();
        const env = { ...childEnv, ...copy.env, ...watch.env };
        // Sometimes during start-up (from the spawn: node, tsx, taking the lock, PGlite's
        // recovery); mostly from the moment the child has the database open, anywhere in the
        // work left as the last look saw it (the rest of the run's batches, then the dispatch),
        // short of its end, so that most children die before the end and the next carries on.
        const duringStartup = random() < 0.15;
        const left =
          (1 - state.evaluated / CUSTOMERS) * measured.run +
          (command === 'worker' ? (1 - state.messages / reference.counts.messages) * measured.dispatch : 0);
        const delay = Math.round(random() * (duringStartup ? measured.startup : 0.8 * left + 150));
        const exit = await runCliAndKill(
          command === 'run' ? RUN : WORKER,
          env,
          delay,
          duringStartup ? {} : { ready: watch.ready },
        );
        const at = duringStartup ? `+${delay} ms` : `open+${delay} ms`;
        const where = `seed ${SEED}, round ${round}: ${[...steps, `${command} ${at}`].join(' → ')}`;
        if (exit.killed) {
          kills++;
          inRound++;
          if (copy.dataDir) {
            // SIGKILL leaves a dead process's lock file behind (this one's, or one killed before
            // that this one did not live long enough to take over; empty if it died while
            // writing it); whoever opens the directory next must take it over.
            dead.push(exit.pid);
            const lock = path.join(copy.dataDir, 'recoup.lock');
            const owner = existsSync(lock) ? readFileSync(lock, 'utf8') : '';
            if (owner) expect(dead, where).toContain(Number(owner));
            if (existsSync(lock)) locksLeft++;
          }
        } else {
          // It ended before the kill: it must have ended well (a lock or a half-written
          // database left by the kill before must not stop it).
          expect(exit.code, `${where}\nstdout: ${exit.stdout}\nstderr: ${exit.stderr}`).toBe(0);
          if (command === 'worker') resumed += resumedBy(exit);
          // The machine's load changes: a run that went through from the start recalibrates
          // the spans the next delays are drawn from.
          const expected = (1 - state.evaluated / CUSTOMERS) * measured.run;
          if (command === 'run' && !duringStartup && exit.readyMs !== null && expected > 1000) {
            const scale = Math.min(3, Math.max(1 / 3, (exit.ms - exit.readyMs) / expected));
            measured.run *= scale;
            measured.dispatch *= scale;
          }
        }
        // Mostly the test looks (and lets a minute pass: the dead run's claim lapses); sometimes
        // the next child is the first to open the database after the kill, or finds a live claim.
        const peek = !exit.killed || random() < 0.7;
        const before = state;
        if (peek) state = await lookOrExplain(copy, random() < 0.8, where);
        // A worker that got further with the run than the last look saw carried an interrupted
        // run on (whether it finished it or was killed doing so).
        if (command === 'worker' && peek && state.evaluated > before.evaluated) carriedOn++;
        steps.push(
          `${command} ${exit.killed ? `killed at ${at}` : `ended (${Math.round(exit.ms)} ms)`}` +
            (peek ? ` [${state.evaluated}/${CUSTOMERS} evaluated, ${state.messages} sent]` : ''),
        );
        if (peek && state.runs > 0 && state.running === 0 && state.pending === 0) break;
      }
      const label = `seed ${SEED}, round ${round}: ${steps.join(' → ')}`;
      story.push(`round ${round}: ${steps.join(' → ')}`);
      const result = await (async () => {
        resumed += await finish(copy);
        return outcome(copy);
      })().catch((error: unknown) => {
        throw new Error(`${label}\nthen running to the end failed: ${String(error)}`, { cause: error });
      });
      if (copy.dataDir) expect(existsSync(path.join(copy.dataDir, 'recoup.lock')), label).toBe(false);
      await databases.drop(copy);
      expect(result.problems, label).toEqual({});
      expect(result.counts, label).toEqual(reference.counts);
      expect(result.actions, label).toEqual(reference.actions);
      expect(result.states, label).toEqual(reference.states);
    }
    console.log(
      `[faults ${databases.kind}] ${kills} kills (seed ${SEED}); workers carried an interrupted run on ${carriedOn} ` +
        `time(s) and finished ${resumed} interrupted run(s)` +
        (databases.kind === 'pglite'
          ? `; ${locksLeft} kills left the lock file behind, all taken over`
          : '') +
        `\n  ${story.join('\n  ')}`,
    );
    expect(kills).toBeGreaterThanOrEqual(KILLS);
  }, 900_000);
});
