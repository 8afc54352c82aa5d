/**
 * Dispatch throughput: N planned messages in the outbox, sent by the dispatcher to the recording
 * adapter (no rendering) and to the sandbox mailbox (Liquid rendering, stored content).
 *
 *   npx tsx bench/dispatch-bench.ts [pglite|postgres] [messages]
 *
 * On PostgreSQL it uses a throwaway database on DATABASE_URL (default the local server).
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createRecordingAdapter } from '../src/channels/recording.js';
import { createSandboxAdapter } from '../src/channels/sandbox.js';
import { createOrganisation } from '../src/app/organisations.js';
import { dispatchUntilIdle, type Adapters } from '../src/jobs/dispatch.js';
import { openDatabase, type Database } from '../src/store/database.js';

const kind = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const count = Number(process.argv[3] ?? 5000);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { database: await openDatabase({}), drop: async () => {} };
  const name = `recoup_bench_dispatch_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ url: url.toString() }),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** `count` customers, each with one open invoice and one planned email about it. */
async function fillOutbox(database: Database, tenantId: string) {
  const data = (i: string) => sql`jsonb_build_object(
    'to', 'c' || ${sql.raw(i)} || '@example.com', 'language', 'en',
    'data', jsonb_build_object(
      'organisation', jsonb_build_object('name', 'Bench Ltd', 'country', 'GB', 'time_zone', 'Europe/London'),
      'customer', jsonb_build_object('id', c.id, 'external_id', 'C' || ${sql.raw(i)}, 'name', 'Customer ' || ${sql.raw(i)},
        'kind', 'business', 'language', 'en', 'country', 'GB'),
      'items', jsonb_build_array(jsonb_build_object('invoice_id', c.inv, 'number', 'INV-' || ${sql.raw(i)},
        'issue_date', '2024-01-01', 'due_date', '2024-01-31', 'days_past_due', 30,
        'balance', jsonb_build_object('amount', '120.00', 'currency', 'GBP'))),
      'totals', jsonb_build_array(jsonb_build_object('amount', '120.00', 'currency', 'GBP')),
      'as_of', '2024-03-01',
      'step', jsonb_build_object('strategy', 'Bench', 'key', 'due_30', 'offset_days', 30, 'event', null)))`;
  await database.db.execute(sql`
    WITH c AS (SELECT i, gen_random_uuid() AS id, gen_random_uuid() AS inv FROM generate_series(1, ${count}) AS i),
    customers_in AS (
      INSERT INTO customers (tenant_id, id, external_id, name, kind, country, time_zones, language, currency)
      SELECT ${tenantId}, id, 'C' || i, 'Customer ' || i, 'business', 'GB', '{Europe/London}', 'en', 'GBP' FROM c),
    contacts_in AS (
      INSERT INTO contacts (tenant_id, id, customer_id, channel, value, is_primary)
      SELECT ${tenantId}, gen_random_uuid(), id, 'email', 'c' || i || '@example.com', true FROM c),
    invoices_in AS (
      INSERT INTO invoices (tenant_id, id, customer_id, number, issue_date, due_date, currency, total, balance)
      SELECT ${tenantId}, inv, id, 'INV-' || i, '2024-01-01', '2024-01-31', 'GBP', 12000, 12000 FROM c)
    INSERT INTO actions (tenant_id, id, customer_id, invoice_ids, step_key, cycle, kind, channel, template, status,
      scheduled_for, idempotency_key, payload, next_attempt_at)
    SELECT ${tenantId}, gen_random_uuid(), c.id, ARRAY[c.inv], 'due_30', 1, 'email', 'email', 'overdue_notice', 'planned',
      '2024-03-01T06:00:00Z', 'bench:' || c.i, ${data('c.i')}, '2024-03-01T06:00:00Z' FROM c`);
}

async function measure(label: string, adapters: Adapters) {
  const { database, drop } = await open();
  try {
    const org = await createOrganisation(database.db, {
      name: 'Bench Ltd',
      country: 'GB',
      time_zone: 'Europe/London',
      base_currency: 'GBP',
      rule_packs: [],
    });
    await fillOutbox(database, org.id);
    const clock = { now: () => new Date('2024-03-01T07:00:00Z') };
    const started = performance.now();
    const result = await dispatchUntilIdle(database.db, { adapters, clock, batchSize: 100 });
    const seconds = (performance.now() - started) / 1000;
    if (result.sent !== count)
      throw new Error(`${label}: sent ${result.sent} of ${count} (${JSON.stringify(result)})`);
    return {
      database: kind,
      adapter: label,
      messages: count,
      seconds: +seconds.toFixed(2),
      per_s: Math.round(count / seconds),
    };
  } finally {
    await database.close();
    await drop();
  }
}

const results = [
  await measure('recording', {
    email: createRecordingAdapter('email'),
    sms: createRecordingAdapter('sms'),
    letter: createRecordingAdapter('letter'),
  }),
  await measure('sandbox', {
    email: createSandboxAdapter('email'),
    sms: createSandboxAdapter('sms'),
    letter: createSandboxAdapter('letter'),
  }),
];
console.table(results);
console.log(JSON.stringify(results));
