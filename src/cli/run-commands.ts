import type { Command } from 'commander';
import { isCalendarDate } from '../domain/dates.js';
import { invalid } from '../domain/errors.js';
import { systemClock } from '../app/context.js';
import { runInput, startRun } from '../app/runs/run.js';
import { closeAdapters } from '../channels/index.js';
import { adaptersFromEnv } from '../jobs/adapters.js';
import { dispatchUntilIdle } from '../jobs/dispatch.js';
import { startWorker, workOnce } from '../jobs/worker.js';
import type { Config } from './config.js';
import { openConfiguredDatabase, organisationContext, withDatabase } from './context.js';

/** Checks `--as-of`; a date means that day at the organisation's daily run time. */
function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf && !isCalendarDate(asOf) && Number.isNaN(Date.parse(asOf)))
    throw invalid('--as-of', 'must be a date (YYYY-MM-DD) or an ISO 8601 instant');
  return asOf && !isCalendarDate(asOf) ? new Date(asOf).toISOString() : asOf;
}

export function registerRunCommands(program: Command, config: Config, log: (line: string) => void) {
  program
    .command('run')
    .description(
      'run the collection strategies (snapshot, decide, comply, act); messages go out with the worker',
    )
    .option('--as-of <when>', 'date (YYYY-MM-DD, at the daily run time) or instant; default now')
    .option('--dry-run', 'only say what would happen and why; change nothing')
    .option('--limit <n>', 'actions to list', '20')
    .option('--org <id>', 'organisation id; default the first one')
    .option('--json', 'print JSON')
    .action((options: { asOf?: string; dryRun?: boolean; limit: string; org?: string; json?: boolean }) =>
      withDatabase(config, async (database) => {
        const ctx = await organisationContext(database, options.org);
        const run = await startRun(
          ctx,
          runInput.parse({
            as_of: checkAsOf(options.asOf),
            dry_run: options.dryRun ?? false,
            list_limit: Number(options.limit),
          }),
          'cli',
        );
        if (options.json) return log(JSON.stringify(run, null, 2));
        const t = run.totals;
        log(`${run.dry_run ? 'Dry run (nothing changed)' : `Run ${run.id}`} as of ${run.as_of}`);
        log(`  customers looked at: ${t.customers}`);
        log(
          `  actions: ${t.actions}  ${Object.entries(t.by_kind)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`,
        );
        log(
          `  by status: ${
            Object.entries(t.by_status)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ') || '-'
          }`,
        );
        if (t.fees.length) log(`  fees: ${t.fees.map((f) => `${f.amount} ${f.currency}`).join(', ')}`);
        if (Object.keys(t.skipped).length)
          log(
            `  not acted on: ${Object.entries(t.skipped)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')}`,
          );
        for (const a of run.actions)
          log(
            `  ${a.customer_id.slice(-8)} ${a.step.padEnd(12)} ${a.kind.padEnd(10)} ${(a.channel ?? '-').padEnd(6)} ${a.status}${a.reason_code ? ` (${a.reason_code})` : ''}`,
          );
      }),
    );

  program
    .command('worker')
    .description(
      'resume and start daily runs and dispatch the outbox, until stopped (several may share one PostgreSQL)',
    )
    .option('--once', 'do one pass (runs, then dispatch until nothing is due) and exit')
    .option('--interval <seconds>', 'pause between passes', '10')
    .action(async (options: { once?: boolean; interval: string }) => {
      const database = await openConfiguredDatabase(config);
      const work = { db: database.db, clock: systemClock, adapters: adaptersFromEnv(), log };
      if (options.once) {
        try {
          const pass = await workOnce(work);
          log(
            `runs started ${pass.started.length}, resumed ${pass.resumed.length}; sent ${pass.dispatched.sent}, retried ${pass.dispatched.retried}, failed ${pass.dispatched.failed}, deferred ${pass.dispatched.deferred}`,
          );
        } finally {
          await closeAdapters(work.adapters);
          await database.close();
        }
        return;
      }
      const worker = startWorker({ ...work, intervalMs: Number(options.interval) * 1000 });
      log(`worker started (database: ${database.kind} ${database.location})`);
      await new Promise<void>((resolve) => {
        const stop = async (signal: string) => {
          log(`${signal}: finishing the current pass`);
          await worker.stop();
          await closeAdapters(work.adapters);
          await database.close();
          resolve();
        };
        process.once('SIGINT', () => void stop('SIGINT'));
        process.once('SIGTERM', () => void stop('SIGTERM'));
      });
    });

  program
    .command('dispatch')
    .description('send what is due in the outbox, then exit')
    .action(() =>
      withDatabase(config, async (database) => {
        const result = await dispatchUntilIdle(database.db, {
          adapters: adaptersFromEnv(),
          clock: systemClock,
        });
        log(
          `sent ${result.sent}, retried ${result.retried}, failed ${result.failed}, deferred ${result.deferred}, blocked ${result.blocked}, cancelled ${result.cancelled}`,
        );
      }),
    );
}
