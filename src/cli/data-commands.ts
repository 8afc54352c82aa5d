import { createReadStream, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import type { Ctx } from '../app/context.js';
import { today } from '../app/context.js';
import { importCsv, type CsvFormat, type ImportResult } from '../app/imports/index.js';
import { IMPORT_FORMATS, findImportMapping } from '../app/import-mappings.js';
import { isEmpty, seedDemoData } from '../app/seed/index.js';
import type { Config } from './config.js';
import { organisationContext, withDatabase } from './context.js';

interface ImportFlags {
  format: CsvFormat;
  partial?: boolean;
  dryRun?: boolean;
  map?: string;
  mapping?: string;
  rejects?: string;
  org?: string;
  progress: boolean;
}

/** `recoup import` and `recoup seed`. */
export function registerDataCommands(program: Command, config: Config, log: (line: string) => void) {
  program
    .command('import <file>')
    .description('import a CSV file: all or nothing, or --partial with a rejects file')
    .addOption(
      new Option('--format <format>', 'file format').choices([...IMPORT_FORMATS]).makeOptionMandatory(),
    )
    .option('--partial', 'import the good rows and write the bad ones to a rejects file')
    .option('--dry-run', 'only validate')
    .option('--map <pairs>', 'map file headers to columns: "Inv No=number,Client=customer_external_id"')
    .option('--mapping <name>', 'use a saved column mapping')
    .option('--rejects <path>', 'where --partial writes rejected rows (default <file>.rejects.csv)')
    .option('--org <id>', 'organisation id; default the first one')
    .option('--no-progress', 'no progress bar')
    .action((file: string, flags: ImportFlags) =>
      withDatabase(config, async (database) => {
        const ctx = await organisationContext(database, flags.org);
        const mapping = flags.mapping
          ? await findImportMapping(ctx, flags.mapping, flags.format)
          : flags.map
            ? parseMap(flags.map)
            : undefined;
        const rejectsPath = flags.partial ? (flags.rejects ?? `${file}.rejects.csv`) : undefined;
        const result = await importWithProgress(ctx, file, { ...flags, mapping, rejectsPath });
        printImport(result, log, rejectsPath);
        if (result.status === 'rejected') process.exitCode = 1;
      }),
    );

  program
    .command('seed')
    .description('load the demo data set into an organisation that has no customers yet')
    .option('--customers <n>', 'how many customers', '300')
    .option('--org <id>', 'organisation id; default the first one')
    .action((flags: { customers: string; org?: string }) =>
      withDatabase(config, async (database) => {
        const ctx = await organisationContext(database, flags.org);
        if (!(await isEmpty(ctx))) {
          log('the organisation already has customers: nothing seeded');
          process.exitCode = 1;
          return;
        }
        await seedWithLog(ctx, log, Number(flags.customers));
      }),
    );
}

/** `npm start`: a newcomer finds demo data in an empty database. */
export async function seedIfEmpty(ctx: Ctx, log: (line: string) => void): Promise<void> {
  if (await isEmpty(ctx)) await seedWithLog(ctx, log, 300);
}

async function seedWithLog(ctx: Ctx, log: (line: string) => void, customers: number) {
  log(`loading demo data (${customers} customers, two years of invoices and payments)…`);
  const started = Date.now();
  const counts = await seedDemoData(ctx, { customers, today: today(ctx) });
  log(
    `demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.customers} customers, ` +
      `${counts.invoices} invoices, ${counts.payments} payments, ${counts.creditNotes} credit notes, ${counts.writeOffs} write-offs`,
  );
}

function parseMap(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [from, to = ''] = pair.split('=');
    if (!from?.trim()) throw new Error(`--map: "${pair}" is not "File header=column"`);
    mapping[from.trim()] = to.trim();
  }
  return mapping;
}

async function importWithProgress(
  ctx: Ctx,
  file: string,
  flags: Omit<ImportFlags, 'mapping'> & { mapping?: Record<string, string>; rejectsPath?: string },
): Promise<ImportResult> {
  const size = statSync(file).size;
  const showBar = flags.progress && process.stderr.isTTY;
  const bar = new cliProgress.SingleBar(
    { format: 'importing |{bar}| {percentage}% | {rows} rows | {rate} rows/s', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let bytes = 0;
  let rows = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const update = () => {
    const rate = Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
    if (showBar) bar.update(bytes, { rows, rate });
  };
  if (showBar) bar.start(size, 0, { rows: 0, rate: 0 });
  try {
    return await importCsv(ctx, createReadStream(file).pipe(counter), {
      format: flags.format,
      partial: flags.partial,
      dryRun: flags.dryRun,
      mapping: flags.mapping,
      rejectsPath: flags.rejectsPath,
      fileName: file,
      onProgress: (done) => {
        rows = done;
        update();
      },
    });
  } finally {
    if (showBar) {
      update();
      bar.stop();
    }
  }
}

function printImport(result: ImportResult, log: (line: string) => void, rejectsPath?: string) {
  const { counts } = result;
  log(
    `${result.status}: ${counts.rows} rows, ${counts.created} created, ${counts.unchanged} unchanged, ${counts.rejected} rejected (import ${result.id})`,
  );
  for (const error of result.errors.slice(0, 50))
    log(`  line ${error.row}, ${error.field}: ${error.message}`);
  const more = result.errors.length - 50 + (result.errors_truncated ?? 0);
  if (more > 0) log(`  … and ${more} more errors (GET /api/v1/imports/${result.id})`);
  if (rejectsPath && counts.rejected > 0) log(`rejected rows written to ${rejectsPath}`);
}
