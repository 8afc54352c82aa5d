import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { RecoupError } from '../domain/errors.js';

/**
 * PGlite is one connection in one process: two processes on one data directory would corrupt
 * it. A lock file holding the owner's pid keeps a second one out with a clear message; a lock
 * left by a process that has died is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, 'recoup.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new RecoupError(
          'conflict',
          'data_dir_in_use',
          `the data directory ${dataDir} is in use by process ${owner} (a running "recoup serve"?). ` +
            'Stop it first, use the API of the running server, or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new RecoupError('conflict', 'data_dir_in_use', `could not lock the data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
