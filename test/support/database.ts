import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/database.js';
import { readSnapshot } from './global-setup.js';
import { createOrganisation, loadOrganisation, type OrganisationInput } from '../../src/app/organisations.js';
import { fixedClock, type Clock, type Ctx } from '../../src/app/context.js';
import { createCustomer } from '../../src/app/customers.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or, when the suite runs with
 * RECOUP_TEST_DB=postgres, a new database on the DATABASE_URL server that is dropped afterwards.
 */
export async function openTestDatabase(): Promise<Database> {
  if (process.env.RECOUP_TEST_DB !== 'postgres') {
    const snapshotFile = process.env.RECOUP_TEST_PGLITE_SNAPSHOT;
    return openDatabase(snapshotFile ? { snapshot: await readSnapshot(snapshotFile) } : {});
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('RECOUP_TEST_DB=postgres needs DATABASE_URL');
  const name = `recoup_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export interface TestOrg {
  ctx: Ctx;
  apiKey: string;
}

/** A new organisation with a fixed clock; the same database may hold several. */
export async function createTestOrg(
  database: Database,
  options: {
    name?: string;
    timeZone?: string;
    baseCurrency?: string;
    now?: string;
    clock?: Clock;
    rulePacks?: OrganisationInput['rule_packs'];
  } = {},
): Promise<TestOrg> {
  const org = await createOrganisation(database.db, {
    name: options.name ?? 'Test Ltd',
    country: 'GB',
    time_zone: options.timeZone ?? 'Europe/London',
    base_currency: options.baseCurrency ?? 'EUR',
    rule_packs: options.rulePacks ?? [],
  });
  const loaded = await loadOrganisation(database.db, org.id);
  return {
    apiKey: org.api_key,
    ctx: {
      db: database.db,
      tenantId: org.id,
      timeZone: loaded.timeZone,
      settings: loaded.settings,
      clock: options.clock ?? fixedClock(options.now ?? '2024-06-01T12:00:00Z'),
    },
  };
}

/** A business customer in Germany, for tests that only need someone to invoice. */
export async function createTestCustomer(
  ctx: Ctx,
  fields: { external_id: string; name?: string; currency?: string },
) {
  return createCustomer(ctx, {
    name: fields.external_id,
    kind: 'business',
    country: 'DE',
    tags: [],
    contacts: [],
    ...fields,
  });
}
