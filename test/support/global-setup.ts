import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, snapshotPglite } from '../../src/store/database.js';

/**
 * Creating and migrating a PGlite database takes seconds; loading a dump of a migrated one is
 * much faster. This runs once per `vitest run` (so the dump always has the current migrations);
 * test files open copies of it.
 */
export default async function setup() {
  if (process.env.RECOUP_TEST_DB === 'postgres') return;
  const file = path.join(tmpdir(), `recoup-test-snapshot-${process.pid}.tar`);
  const database = await openDatabase();
  await writeFile(file, Buffer.from(await (await snapshotPglite(database)).arrayBuffer()));
  await database.close();
  process.env.RECOUP_TEST_PGLITE_SNAPSHOT = file;
  return async () => {
    await rm(file, { force: true });
  };
}

export async function readSnapshot(file: string): Promise<Blob> {
  return new Blob([await readFile(file)]);
}
