import { asc, eq } from 'drizzle-orm';
import { systemClock, type Ctx } from '../app/context.js';
import { loadOrganisation } from '../app/organisations.js';
import { RecoupError } from '../domain/errors.js';
import { openDatabase, type Database } from '../store/database.js';
import { organisations } from '../store/schema.js';
import type { Config } from './config.js';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
}

/** CLI commands act for one organisation: `--org <id>`, or the first one created. */
export async function organisationContext(database: Database, orgId?: string): Promise<Ctx> {
  const [row] = orgId
    ? await database.db.select().from(organisations).where(eq(organisations.tenantId, orgId))
    : await database.db.select().from(organisations).orderBy(asc(organisations.createdAt)).limit(1);
  if (!row) {
    throw new RecoupError(
      'not_found',
      'no_organisation',
      orgId
        ? `no organisation ${orgId}`
        : 'no organisation yet: run "recoup serve" or "recoup migrate" first',
    );
  }
  const org = await loadOrganisation(database.db, row.tenantId);
  return {
    db: database.db,
    tenantId: row.tenantId,
    timeZone: org.timeZone,
    settings: org.settings,
    clock: systemClock,
  };
}

/** Opens the database, runs `work`, and always closes it (an open PGlite keeps Node from exiting). */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
