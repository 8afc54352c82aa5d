import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';
import { lockDataDir } from './data-dir-lock.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database: the embedded PGlite (default) or a PostgreSQL server (DATABASE_URL). */
export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where it lives, for messages: a directory, "memory" or the server URL without password. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… to use a server; otherwise PGlite. */
  url?: string;
  /** PGlite directory; omit for an in-memory database (tests). */
  dataDir?: string;
  /** Apply migrations on open (default true). */
  migrate?: boolean;
  /** In-memory PGlite only: start from a dump of a data directory (tests start from a migrated one). */
  snapshot?: Blob;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const database = options.url
    ? await openPostgres(options.url)
    : await openPglite(options.dataDir, options.snapshot);
  if (options.migrate !== false) {
    try {
      await migrateDatabase(database);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

async function openPglite(dataDir?: string, snapshot?: Blob): Promise<Database> {
  let unlock = async () => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  try {
    // int8 as bigint, not a float: money must not lose digits.
    const parsers = { 20: (value: string) => BigInt(value) };
    const client = await PGlite.create(dataDir ? { dataDir, parsers } : { parsers, loadDataDir: snapshot });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      location: dataDir ?? 'memory',
      async close() {
        await client.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.RECOUP_DB_POOL ?? 10) });
  // An idle connection the server drops (restart, failover, admin shutdown) must not crash the
  // process: the pool replaces it, and a query in flight reports its own error.
  pool.on('error', (error) => {
    if ((error as { code?: string }).code !== '57P01')
      process.emitWarning(`idle database connection lost: ${error.message}`);
  });
  const db = drizzlePostgres(pool, { schema }) as unknown as Db;
  return { db, kind: 'postgres', location: url.replace(/:[^:@/]*@/, ':***@'), close: () => pool.end() };
}

/**
 * Applies pending migrations. On PostgreSQL several processes may start at once, so the
 * migration runs under an advisory lock; PGlite has one connection and needs none.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7265726)');
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(7265726)').catch(() => {});
    client.release();
  }
}

/** Runs a raw statement and returns its rows (same shape on both drivers). */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/** A dump of an in-memory PGlite's data directory, to open copies of it quickly. */
export async function snapshotPglite(database: Database): Promise<Blob> {
  if (database.kind !== 'pglite') throw new Error('only an embedded database can be snapshotted');
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}
