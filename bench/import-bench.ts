/**
 * One benchmark run in its own process (so memory figures are its own), on one database:
 * 1. import the customers, then measure the idle process with its database open;
 * 2. import the invoices through the real import path, timing it and recording peak RSS;
 * 3. COPY the same invoice rows into a copy of the table (same indexes) for the baseline;
 * 4. time the aging report over the result, warm.
 * Prints one JSON line. Usage: tsx bench/import-bench.ts <pglite|postgres> <customers.csv> <invoices.csv>
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { to as copyTo, from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../src/store/database.js';
import { createOrganisation, loadOrganisation } from '../src/app/organisations.js';
import { systemClock, type Ctx } from '../src/app/context.js';
import { importCsv } from '../src/app/imports/index.js';
import { agingReport } from '../src/app/reports/aging.js';
import { peakRssMb, resetPeakRss, rssMb } from './memory.js';

const [kind, customersFile, invoicesFile] = process.argv.slice(2) as ['pglite' | 'postgres', string, string];

async function openBenchDatabase(): Promise<{
  database: Database;
  cleanup: () => Promise<void>;
  url?: string;
}> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'recoup-bench-'));
    const database = await openDatabase({ dataDir: dir });
    return { database, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS recoup_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE recoup_bench');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/recoup_bench';
  const database = await openDatabase({ url: url.toString() });
  return {
    database,
    url: url.toString(),
    cleanup: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query('DROP DATABASE IF EXISTS recoup_bench WITH (FORCE)');
      await dropper.end();
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - start) / 1e9];
}

/** COPY the imported invoice rows into a same-shaped table: the raw-load baseline. */
async function rawCopySeconds(database: Database, tenantId: string, url?: string): Promise<number> {
  const { db } = database;
  await db.execute(sql`CREATE TABLE invoices_copy (LIKE invoices INCLUDING ALL)`);
  const select = `COPY (SELECT * FROM invoices WHERE tenant_id = '${tenantId}') TO STDOUT WITH (FORMAT csv)`;
  if (database.kind === 'pglite') {
    const client = (db as unknown as { $client: PGlite }).$client;
    const exported = await client.query(select.replace('STDOUT', "'/dev/blob'"));
    const blob = exported.blob!;
    const [, seconds] = await timed(() =>
      client.query(`COPY invoices_copy FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob }),
    );
    return seconds;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const chunks: Buffer[] = [];
  await pipeline(
    client.query(copyTo(select)),
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  const [, seconds] = await timed(async () => {
    const stream = client.query(copyFrom('COPY invoices_copy FROM STDIN WITH (FORMAT csv)'));
    for (const chunk of chunks) if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
    stream.end();
    await new Promise((resolve, reject) => stream.on('finish', resolve).on('error', reject));
  });
  await client.end();
  return seconds;
}

async function main() {
  const { database, cleanup, url } = await openBenchDatabase();
  try {
    const org = await createOrganisation(database.db, {
      name: 'Bench',
      country: 'DE',
      time_zone: 'Europe/Berlin',
      base_currency: 'EUR',
      rule_packs: [],
    });
    const loaded = await loadOrganisation(database.db, org.id);
    const ctx: Ctx = {
      db: database.db,
      tenantId: org.id,
      timeZone: loaded.timeZone,
      settings: loaded.settings,
      clock: systemClock,
    };
    const [customers, customerSeconds] = await timed(() =>
      importCsv(ctx, createReadStream(customersFile), { format: 'customers-csv' }),
    );
    if (customers.status !== 'completed')
      throw new Error(`customers: ${JSON.stringify(customers.errors.slice(0, 3))}`);

    global.gc?.();
    await new Promise((r) => setTimeout(r, 500));
    const idleRss = rssMb();
    const peakResettable = resetPeakRss();
    const [invoices, importSeconds] = await timed(() =>
      importCsv(ctx, createReadStream(invoicesFile), { format: 'invoices-csv' }),
    );
    const peakRss = peakResettable ? peakRssMb() : rssMb();
    if (invoices.status !== 'completed')
      throw new Error(`invoices: ${JSON.stringify(invoices.errors.slice(0, 3))}`);

    const copySeconds = await rawCopySeconds(database, org.id, url);

    const agingTimes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const [, seconds] = await timed(() => agingReport(ctx, { as_of: '2024-12-31', currency: 'EUR' }));
      agingTimes.push(seconds * 1000);
    }
    const warm = agingTimes.slice(1).sort((a, b) => a - b);
    const rows = invoices.counts.created;
    console.log(
      JSON.stringify({
        database: kind,
        customers: customers.counts.created,
        customer_import_s: round(customerSeconds),
        invoices: rows,
        import_s: round(importSeconds),
        import_rows_per_s: Math.round(rows / importSeconds),
        copy_s: round(copySeconds),
        copy_rows_per_s: Math.round(rows / copySeconds),
        import_to_copy_ratio: round(importSeconds / copySeconds),
        idle_rss_mb: Math.round(idleRss),
        peak_rss_mb: Math.round(peakRss),
        rss_growth_mb: Math.round(peakRss - idleRss),
        aging_cold_ms: round(agingTimes[0]!),
        aging_warm_median_ms: round(warm[Math.floor(warm.length / 2)]!),
        aging_warm_min_ms: round(warm[0]!),
      }),
    );
  } finally {
    await database.close();
    await cleanup();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

await main();
