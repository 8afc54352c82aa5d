/**
 * The worker: resumes interrupted runs, starts the day's runs when their time comes, and
 * dispatches the outbox; then sleeps a little and does it again. It runs inside the server
 * (embedded mode) or alone as `recoup worker`, as many times as needed on PostgreSQL.
 */
import type { Clock } from '../app/context.js';
import type { Db } from '../store/database.js';
import { dispatchUntilIdle, type Adapters } from './dispatch.js';
import { resumeInterruptedRuns, startDueDailyRuns } from './schedule.js';
import { deliverWebhooksUntilIdle } from './webhooks.js';

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  adapters: Adapters;
  intervalMs?: number;
  log?: (line: string) => void;
}

/** One pass: runs, then dispatch until nothing is due, then the webhooks (sends add events). */
export async function workOnce(options: WorkerOptions) {
  const resumed = await resumeInterruptedRuns(options.db, options.clock);
  const started = await startDueDailyRuns(options.db, options.clock);
  const dispatched = await dispatchUntilIdle(options.db, {
    adapters: options.adapters,
    clock: options.clock,
  });
  const webhooks = await deliverWebhooksUntilIdle(options.db, { clock: options.clock });
  return { resumed, started, dispatched, webhooks };
}

export interface RunningWorker {
  stop(): Promise<void>;
}

export function startWorker(options: WorkerOptions): RunningWorker {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const log = options.log ?? (() => {});
  const loop = (async () => {
    while (!stopping) {
      try {
        const pass = await workOnce(options);
        if (pass.started.length || pass.resumed.length || pass.dispatched.claimed || pass.webhooks.claimed)
          log(
            `worker: ${pass.started.length} run(s) started, ${pass.resumed.length} resumed, ` +
              `${pass.dispatched.sent} sent, ${pass.dispatched.retried} to retry, ${pass.dispatched.failed} failed; ` +
              `webhooks: ${pass.webhooks.delivered} delivered, ${pass.webhooks.retried} to retry, ${pass.webhooks.failed} failed`,
          );
      } catch (error) {
        const cause =
          error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
        log(`worker: ${error instanceof Error ? error.message : String(error)}${cause}`);
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, options.intervalMs ?? 10_000);
      });
    }
  })();
  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
