#!/usr/bin/env node
import { Command, Option } from 'commander';
import { RecoupError } from '../domain/errors.js';
import { formatAmount } from '../domain/money.js';
import { bootstrap, createApiKey } from '../app/organisations.js';
import type { Role } from '../app/context.js';
import { agingReport } from '../app/reports/aging.js';
import { verifyLedger } from '../app/ledger/verify.js';
import { readConfig } from './config.js';
import { openConfiguredDatabase, organisationContext, withDatabase } from './context.js';
import { serve } from './serve.js';
import { formatAgingTable } from './report.js';
import { registerDataCommands, seedIfEmpty } from './data-commands.js';
import { registerRunCommands } from './run-commands.js';
import { registerComplianceCommands } from './compliance-commands.js';
import { registerTemplateCommands } from './template-commands.js';
import { registerAnalyticsCommands } from './analytics-commands.js';

const log = (line: string) => process.stdout.write(line + '\n');
const config = readConfig();
const program = new Command('recoup')
  .description('Recoup: self-hosted accounts-receivable collections')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the API (PORT, RECOUP_DATA_DIR or DATABASE_URL, RECOUP_API_KEY)')
  .option('-p, --port <port>', 'port to listen on', String(config.port))
  .action(async (options: { port: string }) => {
    const database = await openConfiguredDatabase(config);
    await serve({ ...config, port: Number(options.port) }, database, log);
  });

program
  .command('start')
  .description('migrate, load the demo data when the database is empty, and serve (npm start)')
  .option('--no-demo', 'do not load demo data')
  .action(async (options: { demo: boolean }) => {
    const database = await openConfiguredDatabase(config);
    if (options.demo) {
      const boot = await bootstrap(database.db, {
        apiKey: config.apiKey,
        organisation: { name: 'Demo Wholesale Ltd' },
      });
      if (boot.createdKey)
        log(
          `Created the demo organisation. Its admin API key, shown only this once:\n\n    ${boot.createdKey}\n`,
        );
      await seedIfEmpty(await organisationContext(database), log);
    }
    await serve(config, database, log);
  });

program
  .command('migrate')
  .description('apply database migrations and create the first organisation if there is none')
  .action(() =>
    withDatabase(config, async (database) => {
      const boot = await bootstrap(database.db, { apiKey: config.apiKey });
      if (boot.createdKey)
        log(`Created the first organisation. Admin API key (shown once): ${boot.createdKey}`);
      log(`migrated ${database.kind} ${database.location}`);
    }),
  );

const report = program.command('report').description('reports');
report
  .command('aging')
  .description('open receivables by days past due')
  .option('--as-of <date>', 'date (YYYY-MM-DD) or instant; default today')
  .option('--currency <code>', 'currency; default the organisation base currency')
  .option('--buckets <edges>', 'upper bucket edges in days, e.g. 30,60,90,120')
  .option('--org <id>', 'organisation id; default the first one')
  .option('--json', 'print JSON')
  .action((options: { asOf?: string; currency?: string; buckets?: string; org?: string; json?: boolean }) =>
    withDatabase(config, async (database) => {
      const ctx = await organisationContext(database, options.org);
      const result = await agingReport(ctx, {
        as_of: options.asOf,
        currency: options.currency,
        buckets: options.buckets,
      });
      log(options.json ? JSON.stringify(result, null, 2) : formatAgingTable(result));
    }),
  );

program
  .command('verify')
  .description('check that the ledger balances: no money created or lost')
  .addOption(new Option('--org <id>', 'organisation id; default the first one'))
  .action((options: { org?: string }) =>
    withDatabase(config, async (database) => {
      const ctx = await organisationContext(database, options.org);
      const check = await verifyLedger(ctx.db, ctx.tenantId);
      for (const t of check.totals)
        log(
          `${t.currency}: receivable ${formatAmount(t.receivable, t.currency)}, on account ${formatAmount(t.onAccount, t.currency)}`,
        );
      if (!check.ok) {
        for (const problem of check.problems) log(`problem: ${problem}`);
        process.exitCode = 1;
      } else log('ledger balances');
    }),
  );

program
  .command('key')
  .description('API keys')
  .command('create')
  .description('create an API key for an organisation (prints it once)')
  .addOption(
    new Option('--role <role>', 'role of the key')
      .choices(['admin', 'manager', 'collector', 'viewer'])
      .default('admin'),
  )
  .option('--name <name>', 'what the key is for', 'created from the command line')
  .option('--org <id>', 'organisation id; default the first one')
  .action((options: { role: Role; name: string; org?: string }) =>
    withDatabase(config, async (database) => {
      const ctx = await organisationContext(database, options.org);
      const key = await createApiKey(ctx, { name: options.name, role: options.role });
      log(`${key.role} key for organisation ${ctx.tenantId}: ${key.api_key}`);
    }),
  );

registerDataCommands(program, config, log);
registerRunCommands(program, config, log);
registerComplianceCommands(program, config, log);
registerTemplateCommands(program, config, log);
registerAnalyticsCommands(program, config, log);

program.parseAsync().catch((error: unknown) => {
  if (error instanceof RecoupError) {
    process.stderr.write(`recoup: ${error.message}\n`);
    for (const detail of error.details) process.stderr.write(`  ${detail.path}: ${detail.message}\n`);
  } else {
    process.stderr.write(
      `recoup: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
});
