import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RecoupError } from '../domain/errors.js';

/**
 * PGlite is one connection in one process: two processes on one data directory would corrupt
 * it. A lock file holding the owner's pid keeps a second one out with a clear message; a lock
 * left by a process that has died is taken over.
 *
 * The lock is created with link() from a file that already holds the pid, so it never exists
 * half-written and only one process can create it. A dead owner's lock is removed by one process
 * at a time, which first checks it still is the dead owner's.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, 'recoup.lock');
  const mine = path.join(dataDir, `recoup.lock.${process.pid}`);
  await writeFile(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await link(mine, lockPath);
        return async () => {
          const owner = (await readFile(lockPath, 'utf8').catch(() => '')).trim();
          if (owner === String(process.pid)) await rm(lockPath, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new RecoupError(
          'conflict',
          'data_dir_in_use',
          `the data directory ${dataDir} is in use by process ${owner} (a running "recoup serve"?). ` +
            'Stop it first, use the API of the running server, or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
      await takeOver(lockPath, owner);
    }
  } finally {
    await rm(mine, { force: true });
  }
  throw new RecoupError('conflict', 'data_dir_in_use', `could not lock the data directory ${dataDir}`);
}

/**
 * Removes the lock of a dead owner, under a takeover mutex (a directory only one process can
 * create): the lock is re-read there and removed only if it still names the dead owner.
 */
async function takeOver(lockPath: string, deadOwner: number): Promise<void> {
  const mutex = `${lockPath}.takeover`;
  try {
    await mkdir(mutex);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A takeover that died holding the mutex must not block the directory for ever.
    const age = Date.now() - (await stat(mutex).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > 10_000) await rm(mutex, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    return;
  }
  try {
    const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
    if (owner === deadOwner) await rm(lockPath, { force: true });
  } finally {
    await rm(mutex, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
