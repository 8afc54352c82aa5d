/**
 * The daily run at scale: a dry run (decide + comply, nothing written) over every customer, then
 * a first real run, a second real run the same day (it should look at nobody) and the next day's.
 *
 *   tsx bench/run-bench.ts <pglite|postgres>
 *
 * Env: BENCH_CUSTOMERS (250,000), BENCH_INVOICES (1,000,000); BENCH_RUN_BATCHES ("500,2000,5000"),
 * the RECOUP_RUN_BATCH values the dry run is timed with, each in a fresh process;
 * BENCH_RUN_PROFILE_BATCH (500), the batch of the dry run taken apart; BENCH_RUN_REAL_BATCH
 * (RECOUP_RUN_BATCH, else 500), the batch of the real runs, and BENCH_RUN_REAL=0 to skip them;
 * BENCH_RUN_KEEP=1 keeps the loaded database, BENCH_RUN_REUSE=1 uses a kept one (the real runs
 * work on a copy, so a kept database stays as loaded).
 * PostgreSQL: DATABASE_URL names the server (default postgres://root@127.0.0.1:5432/test); the
 * benchmark works in databases of its own (recoup_run_bench_<customers>_<invoices>, and a copy
 * for the real runs), never in the one named. PGlite: a directory under the system temp dir.
 *
 * The data: customers (90% businesses, 92% with an email, 30% a phone, 60% a postal address,
 * some in London or New York time) and open invoices due from 30 days after the run's day to 120
 * days before it (41% overdue), loaded through the real CSV import path, then ANALYZE; the
 * STANDARD_B2B strategy of src/app/seed/strategies.ts.
 *
 * Each step runs in its own process (so its memory is its own) and prints one JSON line; the
 * orchestrator prints tables and writes bench/out/run-results-<db>.json.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { createOrganisation, loadOrganisation } from '../src/app/organisations.js';
import { systemClock, type Ctx } from '../src/app/context.js';
import { importCsv } from '../src/app/imports/index.js';
import { createStrategy } from '../src/app/strategies.js';
import { strategyDocument } from '../src/domain/strategies/document.js';
import { evaluate } from '../src/domain/strategies/evaluate.js';
import { STANDARD_B2B } from '../src/app/seed/strategies.js';
import { decideBatch, runInput, runInstant, runSetting, startRun } from '../src/app/runs/run.js';
import { chooseStrategy } from '../src/app/runs/choose.js';
import { dueCustomers, loadSnapshots } from '../src/app/runs/snapshot.js';
import { peakRssMb, resetPeakRss, rssMb } from './memory.js';
import { prng, writeLines } from './generate.js';

type Kind = 'pglite' | 'postgres';

/** The run's day: invoices are due around it. */
const AS_OF = '2025-03-31';
const SAME_DAY_LATER = '2025-03-31T16:00:00+02:00';
const NEXT_DAY = '2025-04-01';

// ---------------------------------------------------------------------------------------------
// Data

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Deterministic CSV files for the customers-csv and invoices-csv importers. */
async function generateRunFiles(customers: number, invoices: number) {
  const dir = 'bench/out';
  mkdirSync(dir, { recursive: true });
  const files = {
    customers: `${dir}/run-customers-${customers}.csv`,
    invoices: `${dir}/run-invoices-${invoices}-${customers}.csv`,
  };
  if (existsSync(files.customers) && existsSync(files.invoices)) return files;
  const random = prng(11);
  const currencyOf = (c: number) => (c % 10 === 7 ? 'GBP' : c % 10 === 8 ? 'USD' : 'EUR');
  await writeLines(
    files.customers,
    'external_id,name,kind,country,time_zones,currency,email,phone,address',
    customers,
    (i) => {
      const r = random();
      return [
        `C${i}`,
        `Customer ${i}`,
        i % 10 === 3 ? 'consumer' : 'business',
        'DE',
        r < 0.05 ? 'America/New_York' : r < 0.15 ? 'Europe/London' : 'Europe/Berlin',
        currencyOf(i),
        random() < 0.92 ? `ap${i}@example.com` : '',
        random() < 0.3 ? `+49301${String(i).padStart(7, '0')}` : '',
        random() < 0.6 ? `Hauptstrasse ${(i % 200) + 1} 10115 Berlin` : '',
      ].join(',');
    },
  );
  const asOf = Date.parse(`${AS_OF}T00:00:00Z`);
  await writeLines(
    files.invoices,
    'customer_external_id,number,issue_date,due_date,currency,total',
    invoices,
    (i) => {
      const customer = Math.floor(random() * customers);
      // Days past due on the run's day, from -30 (due in a month) to 120, the low end more often:
      // 41% overdue, most of them by less than two months.
      const daysPastDue = -30 + Math.floor(151 * random() ** 3);
      const due = asOf - daysPastDue * DAY;
      const cents = 1_000 + Math.floor(random() * 500_000);
      return [
        `C${customer}`,
        `R${String(i).padStart(8, '0')}`,
        isoDay(due - 30 * DAY),
        isoDay(due),
        currencyOf(customer),
        `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      ].join(',');
    },
  );
  return files;
}

// ---------------------------------------------------------------------------------------------
// Databases

function serverUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const pgliteDir = (customers: number, invoices: number) =>
  path.join(tmpdir(), `recoup-run-bench-${customers}-${invoices}`);

async function open(kind: Kind, target: string): Promise<Database> {
  return kind === 'pglite' ? openDatabase({ dataDir: target }) : openDatabase({ url: databaseUrl(target) });
}

async function contextFor(database: Database, tenantId: string): Promise<Ctx> {
  const loaded = await loadOrganisation(database.db, tenantId);
  return {
    db: database.db,
    tenantId,
    timeZone: loaded.timeZone,
    settings: loaded.settings,
    clock: systemClock,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, (performance.now() - start) / 1000];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// Query timing: every statement sent to the database, by what it is for.

const QUERY_KINDS: [string, RegExp][] = [
  ['candidates', /FROM customers c\s+LEFT JOIN collection_states/],
  ['lock', /FOR UPDATE/],
  ['items', /FROM invoices WHERE|JOIN invoices i ON/],
  ['contacts', /FROM contacts|JOIN contacts c ON/],
  ['holds', /FROM holds/],
  ['promises', /FROM promises/],
  ['payments', /FROM payments/],
  ['late_payments', /FROM invoices i/],
  ['insert_actions', /insert into "actions"/i],
  ['insert_charges', /insert into "charges"/i],
  ['insert_entries', /insert into "ledger_entries"/i],
  ['mark_review', /SET next_action_at = 'epoch'/],
  ['balances', /UPDATE invoices SET balance/],
  ['insert_tasks', /insert into "tasks"/i],
  ['insert_holds', /insert into "holds"/i],
  ['save_outcomes', /INSERT INTO collection_states/],
  ['recent_contacts', /FROM actions\s+WHERE/],
  ['run_row', /"runs"/],
  ['transaction', /^\s*(begin|commit|rollback)/i],
];

type Query = (...args: unknown[]) => unknown;

class QueryClock {
  readonly byKind = new Map<string, { count: number; ms: number }>();

  record(text: string, ms: number) {
    const kind = QUERY_KINDS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
    const entry = this.byKind.get(kind) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    this.byKind.set(kind, entry);
  }

  reset() {
    this.byKind.clear();
  }

  table(): Record<string, { count: number; s: number }> {
    return Object.fromEntries(
      [...this.byKind]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([kind, { count, ms }]) => [kind, { count, s: round(ms / 1000) }]),
    );
  }

  /**
   * Wraps the drivers' query functions: pg's Client (pooled or in a transaction), PGlite's.
   * `oneAtATime` runs the statements one after another, so that each one's time is its own
   * (statements sent together otherwise wait for each other, on PGlite and in a transaction).
   */
  install(database: Database, oneAtATime = false) {
    let tail: Promise<unknown> = Promise.resolve();
    const timedQuery = (original: Query, textOf: (args: unknown[]) => string) =>
      function (this: unknown, ...args: unknown[]) {
        const text = textOf(args);
        const last = args.at(-1);
        const send = (): Promise<unknown> | unknown => {
          const start = performance.now();
          const done = () => queryClock.record(text, performance.now() - start);
          if (typeof last === 'function')
            return new Promise<void>((resolve) => {
              args[args.length - 1] = (...results: unknown[]) => {
                done();
                resolve();
                return (last as (...r: unknown[]) => unknown)(...results);
              };
              original.apply(this, args);
            });
          const result = original.apply(this, args);
          if (!(result instanceof Promise)) return result;
          return result.then(
            (value) => (done(), value),
            (error: unknown) => {
              done();
              throw error;
            },
          );
        };
        if (!oneAtATime) {
          const result = send();
          return typeof last === 'function' ? undefined : result;
        }
        const turn = tail.then(send);
        tail = turn.catch(() => {});
        return typeof last === 'function' ? undefined : turn;
      };
    const textOf = (args: unknown[]) =>
      typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '');
    if (database.kind === 'postgres') {
      const proto = pg.Client.prototype as unknown as { query: Query };
      proto.query = timedQuery(proto.query, textOf);
      return;
    }
    const client = (database.db as unknown as { $client: PGlite }).$client as unknown as {
      query: Query;
      transaction: (fn: (tx: { query: Query }) => unknown) => unknown;
    };
    client.query = timedQuery(client.query.bind(client), textOf);
    const transaction = client.transaction.bind(client);
    client.transaction = (fn) =>
      transaction((tx) => {
        tx.query = timedQuery(tx.query.bind(tx), textOf);
        return fn(tx);
      });
  }
}
const queryClock = new QueryClock();

/**
 * CPU seconds the PostgreSQL backends serving this database have used (Linux, server on this
 * machine): with the process's own CPU time, a measure the machine's other load barely moves.
 */
async function serverCpuSeconds(database: Database): Promise<number | null> {
  if (
    database.kind !== 'postgres' ||
    !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(serverUrl()).hostname)
  )
    return null;
  const rows = await queryRows<{ pid: number }>(
    database.db,
    sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks / 100;
}

/** Peak RSS while `work` runs: VmHWM reset just before (Linux), else sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<[T, { idle: number; peak: number }]> {
  global.gc?.();
  await new Promise((r) => setTimeout(r, 200));
  const idle = rssMb();
  const resettable = resetPeakRss();
  let sampled = idle;
  const sampler = resettable ? undefined : setInterval(() => (sampled = Math.max(sampled, rssMb())), 20);
  try {
    const result = await work();
    return [result, { idle: Math.round(idle), peak: Math.round(resettable ? peakRssMb() : sampled) }];
  } finally {
    clearInterval(sampler);
  }
}

// ---------------------------------------------------------------------------------------------
// Child steps

/** Creates the organisation, imports the files, adds STANDARD_B2B, analyzes. */
async function load(kind: Kind, target: string, customersFile: string, invoicesFile: string) {
  const database = await open(kind, target);
  try {
    const org = await createOrganisation(database.db, {
      name: 'Run bench',
      country: 'DE',
      time_zone: 'Europe/Berlin',
      base_currency: 'EUR',
      rule_packs: [],
    });
    const ctx = await contextFor(database, org.id);
    const [customers, customerSeconds] = await timed(() =>
      importCsv(ctx, createReadStream(customersFile), { format: 'customers-csv' }),
    );
    if (customers.status !== 'completed')
      throw new Error(`customers: ${JSON.stringify(customers.errors.slice(0, 3))}`);
    const [invoices, invoiceSeconds] = await timed(() =>
      importCsv(ctx, createReadStream(invoicesFile), { format: 'invoices-csv' }),
    );
    if (invoices.status !== 'completed')
      throw new Error(`invoices: ${JSON.stringify(invoices.errors.slice(0, 3))}`);
    await createStrategy(ctx, strategyDocument.parse(STANDARD_B2B));
    const [, analyzeSeconds] = await timed(() => database.db.execute(sql`ANALYZE`));
    const [counts] = await queryRows<Record<string, string>>(
      database.db,
      sql`SELECT (SELECT count(*) FROM customers)::text AS customers, (SELECT count(*) FROM contacts)::text AS contacts,
            (SELECT count(*) FROM invoices WHERE balance > 0)::text AS open_invoices,
            (SELECT count(*) FROM invoices WHERE balance > 0 AND due_date < ${AS_OF}::date)::text AS overdue_invoices`,
    );
    return {
      tenant_id: org.id,
      ...Object.fromEntries(Object.entries(counts!).map(([k, v]) => [k, Number(v)])),
      customer_import_s: round(customerSeconds),
      invoice_import_s: round(invoiceSeconds),
      analyze_s: round(analyzeSeconds),
    };
  } finally {
    await database.close();
  }
}

/** The dry run as the API does it (startRun), twice: the first after opening, the second warm. */
async function dry(kind: Kind, target: string, tenantId: string) {
  const database = await open(kind, target);
  try {
    const ctx = await contextFor(database, tenantId);
    const input = runInput.parse({ as_of: AS_OF, dry_run: true, list_limit: 0 });
    const rounds = [];
    for (let i = 0; i < 2; i++) {
      const serverCpu = await serverCpuSeconds(database);
      const [[result, seconds, used], rss] = await withPeakRss(async () => {
        const cpu = process.cpuUsage();
        const [run, runSeconds] = await timed(() => startRun(ctx, input));
        return [run, runSeconds, process.cpuUsage(cpu)] as const;
      });
      const serverAfter = await serverCpuSeconds(database);
      rounds.push({
        seconds,
        rss,
        totals: result.totals,
        cpu: (used.user + used.system) / 1e6,
        serverCpu: serverCpu !== null && serverAfter !== null ? round(serverAfter - serverCpu) : null,
      });
    }
    const { totals } = rounds[0]!;
    return {
      batch: Number(process.env.RECOUP_RUN_BATCH ?? 500),
      customers: totals.customers,
      actions: totals.actions,
      first_s: round(rounds[0]!.seconds),
      warm_s: round(rounds[1]!.seconds),
      warm_node_cpu_s: round(rounds[1]!.cpu),
      warm_server_cpu_s: rounds[1]!.serverCpu,
      customers_per_s: Math.round(totals.customers / Math.min(rounds[0]!.seconds, rounds[1]!.seconds)),
      idle_rss_mb: rounds[0]!.rss.idle,
      peak_rss_mb: Math.max(rounds[0]!.rss.peak, rounds[1]!.rss.peak),
      max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      by_kind: totals.by_kind,
      by_status: totals.by_status,
      skipped: totals.skipped,
    };
  } finally {
    await database.close();
  }
}

/**
 * The dry run's loop (run.ts `dryRun`) taken apart: wall time of each phase, each statement's
 * time by kind, and decide split into choose + evaluate (timed on their own) and the rest (plan:
 * channels, compliance, message data). Phases run one after the other and statements one at a
 * time (the dry run overlaps them), so the parts add up; the second of two passes is kept.
 */
async function profile(kind: Kind, target: string, tenantId: string) {
  const database = await open(kind, target);
  queryClock.install(database, true);
  try {
    const ctx = await contextFor(database, tenantId);
    const asOf = runInstant(ctx, AS_OF);
    const setting = await runSetting(ctx, asOf);
    const { strategies, segments } = setting;
    const batch = Number(process.env.RECOUP_RUN_BATCH ?? 500);
    // Warm up as the dry step does (one untimed pass), then measure.
    const phases = { candidates: 0, snapshot: 0, choose_evaluate: 0, decide: 0 };
    let customers = 0;
    let items = 0;
    let planned = 0;
    let batches = 0;
    for (let pass = 0; pass < 2; pass++) {
      queryClock.reset();
      Object.keys(phases).forEach((k) => (phases[k as keyof typeof phases] = 0));
      customers = items = planned = batches = 0;
      let cursor: string | null = null;
      for (;;) {
        let t = performance.now();
        const due = await dueCustomers(ctx.db, tenantId, asOf, cursor, batch);
        phases.candidates += performance.now() - t;
        if (due.length === 0) break;
        t = performance.now();
        const snapshots = await loadSnapshots(ctx.db, tenantId, due, setting);
        phases.snapshot += performance.now() - t;
        t = performance.now();
        for (const snapshot of snapshots) {
          const choice = chooseStrategy(snapshot.customer, snapshot.customer, segments, strategies);
          if (choice && !snapshot.customer.state?.placed)
            evaluate(
              {
                customerId: snapshot.customer.id,
                kind: snapshot.customer.kind,
                tags: snapshot.customer.tags,
                segment: choice.segment,
                today: snapshot.today,
                items: snapshot.items,
                events: snapshot.events,
                state: { cycle: 1, active: false, fired: [] },
              },
              choice.strategy.document,
            );
          items += snapshot.items.length;
        }
        phases.choose_evaluate += performance.now() - t;
        t = performance.now();
        planned += decideBatch(snapshots, setting).planned.length;
        phases.decide += performance.now() - t;
        customers += due.length;
        batches++;
        cursor = due.at(-1)!.id;
      }
    }
    const total = phases.candidates + phases.snapshot + phases.decide;
    return {
      batch,
      batches,
      customers,
      open_items: items,
      planned,
      total_s: round(total / 1000),
      phases_s: {
        candidates: round(phases.candidates / 1000),
        snapshot: round(phases.snapshot / 1000),
        decide: round(phases.decide / 1000),
        'decide: choose + evaluate': round(phases.choose_evaluate / 1000),
        'decide: plan + comply (rest)': round((phases.decide - phases.choose_evaluate) / 1000),
      },
      queries: queryClock.table(),
    };
  } finally {
    await database.close();
  }
}

/** The first real run, a second the same day, the next day's; what each looked at and wrote. */
async function real(kind: Kind, target: string, tenantId: string) {
  const database = await open(kind, target);
  queryClock.install(database);
  try {
    const ctx = await contextFor(database, tenantId);
    const counts = async () => {
      const [row] = await queryRows<Record<string, string>>(
        ctx.db,
        sql`SELECT (SELECT count(*) FROM actions)::text AS actions, (SELECT count(*) FROM tasks)::text AS tasks,
              (SELECT count(*) FROM charges)::text AS fees, (SELECT count(*) FROM ledger_entries)::text AS entries,
              (SELECT count(*) FROM collection_states)::text AS states`,
      );
      return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
    };
    /** Rows the run wrote: actions, tasks, fees (charges) and ledger entries; collection states after it. */
    const written = (before: Record<string, number>, after: Record<string, number>) => ({
      actions_written: after.actions! - before.actions!,
      tasks_written: after.tasks! - before.tasks!,
      fees_written: after.fees! - before.fees!,
      entries_written: after.entries! - before.entries!,
      states_after: after.states!,
    });
    const runs = [];
    for (const [name, asOf] of [
      ['first', AS_OF],
      ['same_day', SAME_DAY_LATER],
      ['next_day', NEXT_DAY],
    ] as const) {
      const before = await counts();
      queryClock.reset();
      const input = runInput.parse({ as_of: asOf, list_limit: 0 });
      const [[result, seconds], rss] = await withPeakRss(() => timed(() => startRun(ctx, input)));
      const queries = queryClock.table();
      runs.push({
        run: name,
        as_of: result.as_of,
        seconds: round(seconds),
        customers: result.totals.customers,
        customers_per_s: result.totals.customers ? Math.round(result.totals.customers / seconds) : null,
        actions: result.totals.actions,
        ...written(before, await counts()),
        peak_rss_mb: rss.peak,
        idle_rss_mb: rss.idle,
        by_kind: result.totals.by_kind,
        by_status: result.totals.by_status,
        skipped: result.totals.skipped,
        queries,
      });
    }
    return { runs, max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Orchestrator

const without = (row: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key)));

function child(step: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('npx', ['tsx', '--expose-gc', 'bench/run-bench.ts', step, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    console.log(result.stdout);
    throw new Error(`run benchmark step ${step} failed`);
  }
  return JSON.parse(line) as Record<string, unknown>;
}

async function orchestrate(kind: Kind) {
  const customers = Number(process.env.BENCH_CUSTOMERS ?? 250_000);
  const invoices = Number(process.env.BENCH_INVOICES ?? 1_000_000);
  const batches = (process.env.BENCH_RUN_BATCHES ?? '500,2000,5000').split(',').map(Number);
  const keep = process.env.BENCH_RUN_KEEP === '1';
  const reuse = process.env.BENCH_RUN_REUSE === '1';
  console.log(
    `--- run benchmark on ${kind}: ${customers} customers, ${invoices} invoices, as of ${AS_OF}, ` +
      `batches ${batches.join(', ')} ---`,
  );
  const files = await generateRunFiles(customers, invoices);
  const marker = `bench/out/run-${kind}-${customers}-${invoices}.json`;
  const base =
    kind === 'pglite' ? pgliteDir(customers, invoices) : `recoup_run_bench_${customers}_${invoices}`;
  const copy = kind === 'pglite' ? `${base}-real` : `${base}_real`;
  const realBatch = process.env.BENCH_RUN_REAL_BATCH ?? process.env.RECOUP_RUN_BATCH ?? '500';
  const exists = async () =>
    kind === 'pglite'
      ? existsSync(base)
      : admin(
          async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [base])).rowCount === 1,
        );
  const drop = async (name: string) =>
    kind === 'pglite'
      ? rmSync(name, { recursive: true, force: true })
      : admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  let loaded: Record<string, unknown>;
  if (reuse && existsSync(marker) && (await exists())) {
    loaded = JSON.parse(readFileSync(marker, 'utf8'));
    console.log(`reusing the loaded database ${base}`);
  } else {
    await drop(base);
    if (kind === 'postgres') await admin((c) => c.query(`CREATE DATABASE ${base}`));
    loaded = child('load', [kind, base, files.customers, files.invoices]);
    writeFileSync(marker, JSON.stringify(loaded));
  }
  console.table(loaded);
  const tenant = loaded.tenant_id as string;
  try {
    const dryRuns = batches.map((batch) =>
      child('dry', [kind, base, tenant], { RECOUP_RUN_BATCH: String(batch) }),
    );
    console.table(dryRuns.map((r) => without(r, ['by_kind', 'by_status', 'skipped'])));
    console.log(
      'dry run decisions:',
      JSON.stringify(dryRuns[0]!.by_kind),
      JSON.stringify(dryRuns[0]!.skipped),
    );
    const profileBatch = process.env.BENCH_RUN_PROFILE_BATCH ?? '500';
    const profiled = child('profile', [kind, base, tenant], { RECOUP_RUN_BATCH: profileBatch });
    console.log(`dry run taken apart (batch ${profileBatch}):`);
    console.table(profiled.phases_s);
    console.table(profiled.queries);

    if (process.env.BENCH_RUN_REAL === '0') {
      console.log(
        JSON.stringify({
          database: kind,
          customers,
          invoices,
          dry_runs: dryRuns.map((r) => without(r, ['by_kind', 'by_status', 'skipped'])),
        }),
      );
      return;
    }
    await drop(copy);
    if (kind === 'pglite') cpSync(base, copy, { recursive: true });
    else await admin((c) => c.query(`CREATE DATABASE ${copy} TEMPLATE ${base}`));
    let realRuns: Record<string, unknown>;
    try {
      realRuns = child('real', [kind, copy, tenant], { RECOUP_RUN_BATCH: realBatch });
    } finally {
      await drop(copy);
    }
    const runs = realRuns.runs as Record<string, unknown>[];
    console.table(runs.map((r) => without(r, ['by_kind', 'by_status', 'skipped', 'queries'])));
    for (const run of runs) console.log(`${run.run} run, statements:`, JSON.stringify(run.queries));

    const result = {
      database: kind,
      scale: { customers, invoices },
      as_of: AS_OF,
      loaded,
      dry_runs: dryRuns,
      dry_run_profile: profiled,
      real_runs: realRuns,
    };
    writeFileSync(`bench/out/run-results-${kind}.json`, JSON.stringify(result, null, 2));
    const best = dryRuns.reduce((a, b) => (Number(a.warm_s) <= Number(b.warm_s) ? a : b));
    const summary = {
      database: kind,
      customers,
      invoices,
      dry_run_s: best.warm_s,
      dry_run_batch: best.batch,
      dry_customers_per_s: best.customers_per_s,
      dry_peak_rss_mb: best.peak_rss_mb,
      first_real_s: runs[0]!.seconds,
      first_real_actions: runs[0]!.actions,
      same_day_customers: runs[1]!.customers,
      same_day_s: runs[1]!.seconds,
      next_day_customers: runs[2]!.customers,
      next_day_s: runs[2]!.seconds,
    };
    console.log(JSON.stringify(summary));
  } finally {
    if (!keep) {
      await drop(base);
      rmSync(marker, { force: true });
    } else console.log(`kept ${base} (BENCH_RUN_REUSE=1 to use it again)`);
  }
}

const [step, ...args] = process.argv.slice(2);
const steps: Record<string, () => Promise<unknown>> = {
  load: () => load(args[0] as Kind, args[1]!, args[2]!, args[3]!),
  dry: () => dry(args[0] as Kind, args[1]!, args[2]!),
  profile: () => profile(args[0] as Kind, args[1]!, args[2]!),
  real: () => real(args[0] as Kind, args[1]!, args[2]!),
};
if (step === 'pglite' || step === 'postgres') await orchestrate(step);
else if (step && steps[step]) console.log(JSON.stringify(await steps[step]()));
else {
  console.error('usage: tsx bench/run-bench.ts <pglite|postgres>');
  process.exit(2);
}
