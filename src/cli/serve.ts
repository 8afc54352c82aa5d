import { systemClock } from '../app/context.js';
import { bootstrap } from '../app/organisations.js';
import { buildServer } from '../http/server.js';
import { sweepIdempotencyKeys } from '../http/idempotency.js';
import { closeAdapters } from '../channels/index.js';
import { adaptersFromEnv } from '../jobs/adapters.js';
import { startWorker } from '../jobs/worker.js';
import type { Database } from '../store/database.js';
import type { Config } from './config.js';

/**
 * Serves the API until SIGINT/SIGTERM, then stops taking requests, lets running ones finish
 * and closes the database.
 */
export async function serve(config: Config, database: Database, log: (line: string) => void): Promise<void> {
  const boot = await bootstrap(database.db, { apiKey: config.apiKey });
  if (boot.createdKey) {
    log(
      `Created the first organisation. Its admin (operator) API key, shown only this once:\n\n    ${boot.createdKey}\n`,
    );
  }
  await sweepIdempotencyKeys(database.db);
  const app = await buildServer({ database, clock: systemClock, logger: process.env.LOG_LEVEL !== 'silent' });
  await app.listen({ port: config.port, host: config.host });
  // Runs and dispatch inside the server unless they run in separate `recoup worker` processes.
  const adapters = adaptersFromEnv();
  const worker =
    process.env.RECOUP_WORKER === 'off'
      ? null
      : startWorker({
          db: database.db,
          clock: systemClock,
          adapters,
          log,
          intervalMs: 10_000,
        });
  log(
    `Recoup is serving on http://${config.host}:${config.port} (database: ${database.kind} ${database.location})`,
  );
  await new Promise<void>((resolve) => {
    const stop = async (signal: string) => {
      log(`${signal}: finishing requests, then closing the database`);
      await app.close();
      await worker?.stop();
      await closeAdapters(adapters);
      await database.close();
      resolve();
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}
