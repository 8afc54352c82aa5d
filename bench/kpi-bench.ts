/**
 * KPI dashboard queries over a large ledger, on PostgreSQL:
 *
 *   tsx bench/kpi-bench.ts            (BENCH_CUSTOMERS 250,000, BENCH_INVOICES 1,000,000)
 *
 * The data is made in SQL (generate_series, a fixed seed), not through the importer: two
 * years of invoices ending on AS_OF, net 30, paid between 10 days early and 40 days late (3 % never)
 * (one allocation entry each), the rest open; then the aging running totals and VACUUM ANALYZE. The
 * benchmark works in a database of its own (recoup_kpi_bench_<invoices>) and drops it unless
 * BENCH_KEEP=1 (BENCH_REUSE=1 uses a kept one).
 *
 * Timed: GET /reports/kpis for a month, for a quarter, and for a quarter by month — each
 * once cold (the period entry sums, `kpi_entry_facts`, emptied first, so computed and stored),
 * then BENCH_REPEAT (5) times warm; the medians are printed as one JSON line.
 * Goal: the dashboard (a month's KPIs) ≤ 300 ms warm.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../src/store/database.js';
import { createOrganisation, loadOrganisation } from '../src/app/organisations.js';
import { fixedClock, type Ctx } from '../src/app/context.js';
import { kpiReport } from '../src/app/reports/kpis.js';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 250_000);
const invoices = Number(process.env.BENCH_INVOICES ?? 1_000_000);
const repeat = Number(process.env.BENCH_REPEAT ?? 5);
const AS_OF = '2025-03-31';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const name = `recoup_kpi_bench_${invoices}`;

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function databaseUrl() {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function load(database: Database): Promise<string> {
  const org = await createOrganisation(database.db, {
    name: 'KPI bench',
    country: 'DE',
    time_zone: 'Europe/Berlin',
    base_currency: 'EUR',
    rule_packs: [],
  });
  const t = org.id;
  const run = (statement: ReturnType<typeof sql>) => database.db.execute(statement);
  await run(sql`SELECT setseed(0.42)`);
  await run(sql`INSERT INTO customers (tenant_id, id, external_id, name, kind, country, time_zones, language, currency)
    SELECT ${t}, md5('c' || n)::uuid, 'C' || n, 'Customer ' || n, 'business', 'DE', ARRAY['Europe/Berlin'], 'de', 'EUR'
    FROM generate_series(1, ${customers}) n`);
  // Issue dates over the two years before AS_OF; paid ones carry their payment day.
  await run(sql`CREATE TEMP TABLE gen AS
    SELECT n, md5('i' || n)::uuid AS id, md5('c' || (1 + n % ${customers}))::uuid AS customer_id,
      (${AS_OF}::date - (random() * 730)::int) AS issue_date,
      (1000 + (random() * 500000)::bigint) AS total,
      random() < 0.97 AS paid, (random() * 50)::int - 10 AS delay
    FROM generate_series(1, ${invoices}) n`);
  await run(sql`ALTER TABLE gen ADD COLUMN paid_on date`);
  await run(
    sql`UPDATE gen SET paid_on = issue_date + 30 + delay WHERE paid AND issue_date + 30 + delay <= ${AS_OF}::date`,
  );
  await run(sql`INSERT INTO invoices (tenant_id, id, customer_id, number, issue_date, due_date, currency, total, balance)
    SELECT ${t}, id, customer_id, 'INV-' || n, issue_date, issue_date + 30, 'EUR', total,
      CASE WHEN paid_on IS NULL THEN total ELSE 0 END
    FROM gen`);
  await run(sql`INSERT INTO ledger_entries (tenant_id, id, customer_id, currency, kind, amount, effective_on, invoice_id,
      component, source_kind, source_id, document_id)
    SELECT ${t}, md5('e' || n)::uuid, customer_id, 'EUR', 'allocation', total, paid_on, id, 'principal', 'payment',
      md5('p' || n)::uuid, md5('p' || n)::uuid
    FROM gen WHERE paid_on IS NOT NULL`);
  await run(sql`INSERT INTO receivable_totals (tenant_id, currency, due_date, issue_date, open_count, balance)
    SELECT ${t}, 'EUR', due_date, issue_date, COUNT(*) FILTER (WHERE balance > 0), SUM(balance)
    FROM invoices WHERE tenant_id = ${t} GROUP BY due_date, issue_date`);
  await run(sql`DROP TABLE gen`);
  // What autovacuum does to a table after bulk inserts: statistics and the visibility map, so
  // counting a month's invoices reads the issue-date index alone.
  await run(sql`VACUUM (ANALYZE)`);
  return t;
}

async function time(work: () => Promise<unknown>) {
  const start = performance.now();
  await work();
  return Math.round(performance.now() - start);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const reuse = process.env.BENCH_REUSE === '1';
  if (!reuse) {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${name}`);
  }
  const database = await openDatabase({ url: databaseUrl() });
  try {
    const loadStart = performance.now();
    const tenantId = reuse
      ? (
          (await database.db.execute(sql`SELECT tenant_id FROM organisations LIMIT 1`)) as unknown as {
            rows: { tenant_id: string }[];
          }
        ).rows[0]!.tenant_id
      : await load(database);
    const loadMs = Math.round(performance.now() - loadStart);
    const org = await loadOrganisation(database.db, tenantId);
    const ctx: Ctx = {
      db: database.db,
      tenantId,
      timeZone: org.timeZone,
      settings: org.settings,
      clock: fixedClock(`${AS_OF}T12:00:00Z`),
    };
    const queries = {
      month: () => kpiReport(ctx, { from: '2025-03-01', to: AS_OF, currency: 'EUR' }),
      quarter: () => kpiReport(ctx, { from: '2025-01-01', to: AS_OF, currency: 'EUR' }),
      quarter_by_month: () =>
        kpiReport(ctx, { from: '2025-01-01', to: AS_OF, currency: 'EUR', period: 'month' }),
    };
    const result: Record<string, number | string> = {
      database: 'postgres',
      customers,
      invoices,
      load_ms: loadMs,
    };
    for (const [label, query] of Object.entries(queries)) {
      await database.db.execute(sql`DELETE FROM kpi_entry_facts`);
      result[`${label}_cold_ms`] = await time(query);
      const warm = [];
      for (let i = 0; i < repeat; i++) warm.push(await time(query));
      result[`${label}_warm_median_ms`] = median(warm);
    }
    const sample = await queries.month();
    result.month_dso = sample.dso ?? 'null';
    result.month_cei = sample.cei ?? 'null';
    console.log(JSON.stringify(result));
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP !== '1') await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

await main();
