/**
 * Support for the fault tests: the databases the `recoup` children work on (a PGlite data
 * directory, or a throwaway PostgreSQL database), the organisation they collect for, and what
 * a finished run + dispatch must look like.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { fixedClock, newId, type Ctx } from '../../src/app/context.js';
import { createCustomer, type CustomerInput } from '../../src/app/customers.js';
import { importCsv } from '../../src/app/imports/index.js';
import { verifyLedger } from '../../src/app/ledger/verify.js';
import { bootstrap, loadOrganisation } from '../../src/app/organisations.js';
import { createStrategy } from '../../src/app/strategies.js';
import { addDays, localDate, type CalendarDate } from '../../src/domain/dates.js';
import { strategyDocument } from '../../src/domain/strategies/document.js';
import { openDatabase, queryRows, type Database, type Db } from '../../src/store/database.js';
import { organisations, runs } from '../../src/store/schema.js';
import { runCli } from '../support/process.js';

/** mulberry32: a small seeded PRNG, so a failing schedule can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Databases: a fixture, fresh copies of it, and the environment a child needs to open one.

export interface DatabaseCopy {
  name: string;
  /** What a `recoup` child needs in its environment to open this database. */
  env: Record<string, string>;
  /** PGlite only: the data directory (its `recoup.lock` is checked after kills). */
  dataDir?: string;
  open(): Promise<Database>;
  /**
   * For one child: extra environment, and a probe that says when that child has the database
   * open (PGlite: its pid is in the lock file; PostgreSQL: a session with its application name).
   */
  watch(): { env: Record<string, string>; ready: (pid: number) => Promise<boolean> | boolean };
}

export interface FaultDatabases {
  kind: 'pglite' | 'postgres';
  /** A new database, migrated, with its first organisation (as `recoup migrate` leaves it). */
  create(name: string, childEnv: NodeJS.ProcessEnv): Promise<DatabaseCopy>;
  /** A copy of `from` (closed) as it is now. */
  copy(from: DatabaseCopy, name: string): Promise<DatabaseCopy>;
  drop(copy: DatabaseCopy): Promise<void>;
  /** Removes whatever is left (temp folder, databases). */
  cleanUp(): Promise<void>;
}

export function faultDatabases(): FaultDatabases {
  return process.env.RECOUP_TEST_DB === 'postgres' ? postgresDatabases() : pgliteDatabases();
}

function pgliteDatabases(): FaultDatabases {
  const root = mkdtempSync(path.join(tmpdir(), 'recoup-faults-'));
  const copyAt = (dataDir: string, name: string): DatabaseCopy => ({
    name,
    dataDir,
    // The children must use the directory, whatever database the suite runs on.
    env: { RECOUP_DATA_DIR: dataDir, DATABASE_URL: '' },
    open: () => openDatabase({ dataDir, migrate: false }),
    watch: () => ({
      env: {},
      ready: (pid) => {
        try {
          return readFileSync(path.join(dataDir, 'recoup.lock'), 'utf8') === String(pid);
        } catch {
          return false;
        }
      },
    }),
  });
  return {
    kind: 'pglite',
    async create(name, childEnv) {
      const copy = copyAt(path.join(root, name), name);
      await runCli(['migrate'], { ...childEnv, ...copy.env });
      return copy;
    },
    async copy(from, name) {
      const dataDir = path.join(root, name);
      cpSync(from.dataDir!, dataDir, { recursive: true });
      return copyAt(dataDir, name);
    },
    async drop(copy) {
      rmSync(copy.dataDir!, { recursive: true, force: true });
    },
    async cleanUp() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function postgresDatabases(): FaultDatabases {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('RECOUP_TEST_DB=postgres needs DATABASE_URL');
  const prefix = `recoup_faults_${randomBytes(4).toString('hex')}`;
  const made = new Set<string>();
  let watcher: Promise<pg.Client> | undefined;
  let children = 0;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const copyNamed = (name: string): DatabaseCopy => {
    const url = new URL(serverUrl);
    url.pathname = `/${prefix}_${name}`;
    return {
      name,
      env: { DATABASE_URL: url.toString() },
      open: () => openDatabase({ url: url.toString(), migrate: false }),
      watch() {
        const appName = `${prefix}_child_${++children}`;
        return {
          env: { PGAPPNAME: appName },
          async ready() {
            watcher ??= (async () => {
              const client = new pg.Client({ connectionString: serverUrl });
              await client.connect();
              return client;
            })();
            const found = await (
              await watcher
            ).query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [appName]);
            return found.rowCount! > 0;
          },
        };
      },
    };
  };
  return {
    kind: 'postgres',
    async create(name) {
      // What `recoup migrate` does (migrations, then the first organisation), without the
      // seconds a child takes to start: the children only need a migrated database.
      await admin(`CREATE DATABASE ${prefix}_${name}`);
      made.add(name);
      const copy = copyNamed(name);
      const database = await openDatabase({ url: copy.env.DATABASE_URL });
      try {
        await bootstrap(database.db);
      } finally {
        await database.close();
      }
      return copy;
    },
    async copy(from, name) {
      await admin(`CREATE DATABASE ${prefix}_${name} TEMPLATE ${prefix}_${from.name}`);
      made.add(name);
      return copyNamed(name);
    },
    async drop(copy) {
      await admin(`DROP DATABASE IF EXISTS ${prefix}_${copy.name} WITH (FORCE)`);
      made.delete(copy.name);
    },
    async cleanUp() {
      await (await watcher)?.end();
      for (const name of [...made]) await admin(`DROP DATABASE IF EXISTS ${prefix}_${name} WITH (FORCE)`);
      made.clear();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The organisation: strategies with several message steps and fees, and a few hundred customers.

/** The instant the runs are for; every invoice is dated around it, all of it in the past. */
export const AS_OF = '2025-03-03T12:00:00.000Z';
const AS_OF_DAY = AS_OF.slice(0, 10) as CalendarDate;

const BUSINESS_LADDER = {
  name: 'Business ladder',
  applies_to: { kind: 'business' },
  scope: 'invoice',
  min_balance: { amount: '20.00', currency: 'GBP' },
  steps: [
    { key: 'pre_due', offset_days: -3, action: 'email', template: 'friendly_reminder' },
    { key: 'due_7', offset_days: 7, action: 'email', template: 'overdue_notice', fallbacks: ['letter'] },
    { key: 'due_14', offset_days: 14, action: 'sms', template: 'overdue_sms', fallbacks: ['email'] },
    { key: 'due_21', offset_days: 21, action: 'fee', fee: { fixed: '15.00' } },
    { key: 'due_30', offset_days: 30, action: 'letter', template: 'final_notice', fee: { fixed: '40.00' } },
    { key: 'due_45', offset_days: 45, action: 'call_task' },
    { key: 'due_60', offset_days: 60, action: 'escalate', to: 'manager' },
  ],
};

const CONSUMER_LADDER = {
  name: 'Consumer ladder',
  applies_to: { kind: 'consumer' },
  scope: 'customer',
  steps: [
    { key: 'pre_due', offset_days: -2, action: 'email', template: 'friendly_reminder', fallbacks: ['sms'] },
    { key: 'due_5', offset_days: 5, action: 'sms', template: 'overdue_sms', fallbacks: ['email', 'letter'] },
    { key: 'due_12', offset_days: 12, action: 'email', template: 'overdue_notice', fallbacks: ['letter'] },
    {
      key: 'due_25',
      offset_days: 25,
      action: 'letter',
      template: 'final_notice',
      fee: { percent: '2', min: '5.00', max: '60.00' },
    },
    { key: 'due_40', offset_days: 40, action: 'call_task' },
  ],
};

const ZONES = ['Europe/London', 'Europe/London', 'America/New_York', 'Asia/Tokyo'];

/**
 * Fills the first organisation of `database` (made by `recoup migrate`): two strategies and
 * `customers` customers with one to three invoices due from 75 days before AS_OF to 10 after.
 * Customers and invoices come in by CSV import (one transaction each: creating them one by one
 * takes a minute on a PGlite directory); customers whose phone may be texted are created one by
 * one, as a CSV phone has no consent. Deterministic (its own seed): every copy is the same.
 */
export async function buildOrganisation(database: Database, customers: number): Promise<Ctx> {
  const [org] = await database.db.select().from(organisations).limit(1);
  const loaded = await loadOrganisation(database.db, org!.tenantId);
  const ctx: Ctx = {
    db: database.db,
    tenantId: org!.tenantId,
    timeZone: loaded.timeZone,
    settings: loaded.settings,
    clock: fixedClock('2025-01-01T09:00:00Z'),
  };
  await createStrategy(ctx, strategyDocument.parse(BUSINESS_LADDER));
  await createStrategy(ctx, strategyDocument.parse(CONSUMER_LADDER));
  const random = prng(20250303);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const customerRows = [
    ['external_id', 'name', 'kind', 'country', 'time_zones', 'language', 'email', 'phone', 'address'],
  ];
  const invoiceRows = [['customer_external_id', 'number', 'issue_date', 'due_date', 'total']];
  const texted: CustomerInput[] = [];
  for (let n = 1; n <= customers; n++) {
    const id = String(n).padStart(4, '0');
    const customer = {
      external_id: `C${id}`,
      name: `Customer ${id}`,
      kind: random() < 0.6 ? ('business' as const) : ('consumer' as const),
      country: 'GB',
      time_zones: [pick(ZONES)],
      language: 'en',
      email: random() < 0.7 ? `ap${id}@example.test` : '',
      phone: random() < 0.55 ? `+44770${id}${String(n % 97).padStart(3, '0')}` : '',
      address: random() < 0.6 ? `${n} High Street, London SW1A ${id}` : '',
    };
    if (customer.phone && random() < 0.7)
      texted.push({
        ...customer,
        phone: null,
        email: customer.email || null,
        address: customer.address || null,
        tags: [],
        contacts: [
          { channel: 'phone', value: customer.phone, sms_consent: true, automated_call_consent: false },
        ],
      });
    else
      customerRows.push([
        customer.external_id,
        customer.name,
        customer.kind,
        customer.country,
        customer.time_zones[0]!,
        customer.language,
        customer.email,
        customer.phone,
        customer.address,
      ]);
    const invoiceCount = 1 + Math.floor(random() * 3);
    for (let i = 1; i <= invoiceCount; i++) {
      const due = addDays(AS_OF_DAY, 10 - Math.floor(random() * 86));
      const total = `${10 + Math.floor(random() * 4000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
      invoiceRows.push([customer.external_id, `INV-${id}-${i}`, addDays(due, -30), due, total]);
    }
  }
  for (const input of texted) await createCustomer(ctx, input);
  for (const [format, rows] of [
    ['customers-csv', customerRows],
    ['invoices-csv', invoiceRows],
  ] as const) {
    const csv = rows.map((row) => row.map((cell) => `"${cell}"`).join(',')).join('\n') + '\n';
    const result = await importCsv(ctx, Readable.from([csv]), { format });
    if (result.status !== 'completed' || result.counts.created !== rows.length - 1)
      throw new Error(`the ${format} import of the fixture failed: ${JSON.stringify(result)}`);
  }
  return ctx;
}

/**
 * `recoup worker` also starts each organisation's daily run at the real "now", which would add
 * actions that depend on when the test runs. A completed placeholder run for the days around
 * today takes the schedule's slot (its key is unique), so the worker only resumes and dispatches.
 */
export async function occupyDailyRunSlots(db: Db, ctx: Ctx): Promise<void> {
  const today = localDate(new Date(), ctx.timeZone);
  for (const offset of [-1, 0, 1, 2])
    await db.insert(runs).values({
      tenantId: ctx.tenantId,
      id: newId(),
      asOf: new Date(),
      trigger: 'test-placeholder',
      scheduleKey: addDays(today, offset),
      status: 'completed',
      totals: {},
      finishedAt: new Date(),
    });
}

// ---------------------------------------------------------------------------------------------
// What the work left behind.

/** Sorted one-line descriptions of every action, its messages and charges: equal copies, equal lists. */
export async function actionLines(db: Db): Promise<string[]> {
  const rows = await queryRows<{ line: string }>(
    db,
    sql`SELECT concat_ws(' ', c.external_id, a.step_key, 'c' || a.cycle, a.kind, coalesce(a.channel, '-'),
               a.status, coalesce(a.reason_code, '-'),
               '[' || (SELECT string_agg(i.number, ',' ORDER BY i.number) FROM invoices i WHERE i.id = ANY(a.invoice_ids)) || ']',
               'fees=' || coalesce((SELECT string_agg((f->>'amount') || (f->>'currency'), ',') FROM jsonb_array_elements(a.payload->'fees') f), ''),
               'messages=' || (SELECT count(*) FROM messages m WHERE m.action_id = a.id),
               'charges=' || (SELECT count(*) FROM charges ch WHERE ch.reason LIKE '%(action ' || a.id || ')'),
               'tasks=' || (SELECT count(*) FROM tasks t WHERE t.action_id = a.id)) AS line
        FROM actions a JOIN customers c ON c.id = a.customer_id
        ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

/** Where each customer stands after the run (its cycle, the steps fired, when to look again). */
export async function stateLines(db: Db): Promise<string[]> {
  const rows = await queryRows<{ line: string }>(
    db,
    sql`SELECT concat_ws(' ', c.external_id, 'c' || s.cycle, s.cycle_active,
               array_to_string(ARRAY(SELECT unnest(s.fired) ORDER BY 1), ','),
               coalesce(to_char(s.next_action_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'), '-'),
               s.placed_at IS NOT NULL) AS line
        FROM collection_states s JOIN customers c ON c.id = s.customer_id
        ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

export interface Counts {
  actions: number;
  messageActions: number;
  messages: number;
  fees: number;
  charges: number;
}

export async function counts(db: Db): Promise<Counts> {
  const [row] = await queryRows<Record<keyof Counts, number>>(
    db,
    sql`SELECT (SELECT count(*)::int FROM actions) AS "actions",
               (SELECT count(*)::int FROM actions WHERE kind IN ('email', 'sms', 'letter') AND status <> 'blocked') AS "messageActions",
               (SELECT count(*)::int FROM messages) AS "messages",
               (SELECT coalesce(sum(jsonb_array_length(payload->'fees')), 0)::int FROM actions) AS "fees",
               (SELECT count(*)::int FROM charges) AS "charges"`,
  );
  return row!;
}

/** Everything that must hold however often the work was killed; empty when all is well. */
export async function problemsAfterTheEnd(db: Db, tenantId: string): Promise<Record<string, unknown[]>> {
  const list = async (statement: ReturnType<typeof sql>) => queryRows<Record<string, unknown>>(db, statement);
  const problems: Record<string, unknown[]> = {
    'runs still running': await list(
      sql`SELECT id, cursor, claimed_until::text FROM runs WHERE status <> 'completed'`,
    ),
    'actions with more than one message': await list(
      sql`SELECT action_id, count(*)::int AS messages FROM messages GROUP BY action_id HAVING count(*) > 1`,
    ),
    'messages whose action is not sent': await list(
      sql`SELECT m.action_id, a.status FROM messages m LEFT JOIN actions a ON a.id = m.action_id
          WHERE a.status IS DISTINCT FROM 'sent'`,
    ),
    'messages not from the recording adapter': await list(
      sql`SELECT id, adapter FROM messages WHERE adapter <> 'recording (no delivery)'`,
    ),
    'message actions left unsent': await list(
      sql`SELECT id, status, attempts, last_error FROM actions
          WHERE kind IN ('email', 'sms', 'letter') AND status NOT IN ('sent', 'blocked')`,
    ),
    'sent actions without a message': await list(
      sql`SELECT a.id FROM actions a WHERE a.status = 'sent'
          AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.action_id = a.id)`,
    ),
    'idempotency keys used twice': await list(
      sql`SELECT idempotency_key, count(*)::int AS n FROM actions GROUP BY tenant_id, idempotency_key HAVING count(*) > 1`,
    ),
    'fees not posted exactly once': await list(
      sql`SELECT a.id, a.step_key, jsonb_array_length(a.payload->'fees') AS fees,
                 (SELECT count(*)::int FROM charges ch WHERE ch.reason LIKE '%(action ' || a.id || ')') AS charges
          FROM actions a
          WHERE jsonb_array_length(a.payload->'fees') <>
                (SELECT count(*) FROM charges ch WHERE ch.reason LIKE '%(action ' || a.id || ')')`,
    ),
    'charges of no action': await list(
      sql`SELECT ch.id, ch.reason FROM charges ch
          WHERE NOT EXISTS (SELECT 1 FROM actions a WHERE ch.reason LIKE '%(action ' || a.id || ')')`,
    ),
    'charges without exactly one ledger entry': await list(
      sql`SELECT ch.id, (SELECT count(*)::int FROM ledger_entries e WHERE e.document_id = ch.id) AS entries
          FROM charges ch WHERE (SELECT count(*) FROM ledger_entries e WHERE e.document_id = ch.id) <> 1`,
    ),
    'task actions without exactly one task': await list(
      sql`SELECT a.id, a.kind, (SELECT count(*)::int FROM tasks t WHERE t.action_id = a.id) AS tasks
          FROM actions a WHERE a.kind IN ('call_task', 'escalate') AND a.status = 'done'
            AND (SELECT count(*) FROM tasks t WHERE t.action_id = a.id) <> 1`,
    ),
    'ledger problems': (await verifyLedger(db, tenantId)).problems,
  };
  return Object.fromEntries(Object.entries(problems).filter(([, found]) => found.length > 0));
}
