import { TransactionRollbackError } from 'drizzle-orm';
import { invalid } from '../../domain/errors.js';
import { mapHeader, type ColumnSpec, type Header } from '../../formats/csv/header.js';
import { CsvSyntaxError, readCsv, type CsvInput, type CsvRecord } from '../../formats/csv/reader.js';
import { CsvFileWriter } from '../../formats/csv/writer.js';
import type { Db } from '../../store/database.js';
import { newId, type Ctx } from '../context.js';
import { customerColumns, customerHandler } from './customers.js';
import { ImportLog } from './import-log.js';
import { invoiceColumns, invoiceHandler } from './invoices.js';
import { paymentColumns, paymentHandler } from './payments.js';
import { saveImport, type ImportRecord } from './record.js';
import type { ImportRun, RowHandler } from './run.js';
import { collectEvents } from '../events/record.js';
import type { CsvFormat, ImportOptions, ImportResult, ImportStatus } from './types.js';

const FORMATS: Record<
  CsvFormat,
  { columns: ColumnSpec; handler: (run: ImportRun) => RowHandler; batchSize: number }
> = {
  'customers-csv': { columns: customerColumns, handler: customerHandler, batchSize: 1000 },
  'invoices-csv': { columns: invoiceColumns, handler: invoiceHandler, batchSize: 5000 },
  'payments-csv': { columns: paymentColumns, handler: paymentHandler, batchSize: 1000 },
};

const PROGRESS_EVERY = 10_000;

/**
 * Imports one CSV file, streamed: rows are read, checked and written a batch at a time, all in
 * one transaction. A file with any bad row is rolled back whole (status `rejected`) and still
 * gets every error listed; `partial` keeps the good rows; `dryRun` rolls back whatever happens.
 * The import is recorded either way (getImport).
 */
export async function importCsv(ctx: Ctx, input: CsvInput, options: ImportOptions): Promise<ImportResult> {
  const format = FORMATS[options.format];
  if (!format) throw invalid('format', `must be one of ${Object.keys(FORMATS).join(', ')}`);
  const id = newId();
  const log = new ImportLog();
  const rejects =
    options.partial && options.rejectsPath ? await CsvFileWriter.open(options.rejectsPath) : null;
  let saved: ImportResult | null = null;
  try {
    await ctx.db.transaction(async (tx) => {
      await importRows(ctx, tx, input, options, log, rejects);
      const status = statusOf(log, options);
      if (status === 'rejected' || status === 'validated') tx.rollback();
      saved = await saveImport(tx, ctx.tenantId, recordOf(id, options, status, log));
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  } finally {
    await rejects?.close();
  }
  return saved ?? saveImport(ctx.db, ctx.tenantId, recordOf(id, options, statusOf(log, options), log));
}

async function importRows(
  ctx: Ctx,
  tx: Db,
  input: CsvInput,
  options: ImportOptions,
  log: ImportLog,
  rejects: CsvFileWriter | null,
): Promise<void> {
  const format = FORMATS[options.format];
  let handler: RowHandler | null = null;
  let header: Header | null = null;
  let nextProgress = PROGRESS_EVERY;
  let reported = 0;
  const events = collectEvents(tx, ctx.tenantId);
  try {
    for await (const batch of readCsv(input, { batchSize: format.batchSize })) {
      let records = batch;
      if (!header) {
        header = readHeader(batch[0]!, format.columns, options, log);
        if (rejects) log.useRejectsFile(rejects, header.names);
        const run: ImportRun = {
          ctx,
          tx,
          header,
          log,
          options,
          canWrite: () => !options.dryRun && !log.fatal && (options.partial === true || log.rejected === 0),
        };
        handler = format.handler(run);
        records = batch.slice(1);
      }
      log.rows += records.length;
      await handler!.handle(wellFormed(records, header, log));
      await events.flush();
      await log.flushRejects();
      if (options.onProgress && log.rows >= nextProgress) {
        options.onProgress(log.rows);
        reported = log.rows;
        while (nextProgress <= log.rows) nextProgress += PROGRESS_EVERY;
      }
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) {
      events.close();
      throw error;
    }
    log.fileProblem(error.line, [
      { field: '', message: `the file is not valid CSV from here on: ${error.message}` },
    ]);
  }
  await handler?.finish();
  await events.flush();
  events.close();
  await log.flushRejects();
  if (!header) log.fileProblem(1, [{ field: '', message: 'the file is empty: it needs a header row' }]);
  if (log.rows !== reported) options.onProgress?.(log.rows);
}

function readHeader(record: CsvRecord, columns: ColumnSpec, options: ImportOptions, log: ImportLog): Header {
  const header = mapHeader(record.cells, columns, options.mapping);
  if (record.badCell !== undefined) {
    header.problems.push({ field: record.cells[record.badCell]!, message: 'is not valid UTF-8 text' });
  }
  if (header.problems.length > 0) log.fileProblem(record.line, header.problems);
  log.silence(columns.required.filter((column) => !header.position.has(column)));
  return header;
}

/** Rows with the header's number of cells and only valid text; the others are refused here. */
function wellFormed(records: CsvRecord[], header: Header, log: ImportLog): CsvRecord[] {
  const width = header.names.length;
  const good: CsvRecord[] = [];
  for (const record of records) {
    if (record.cells.length !== width) {
      log.reject(record, [
        { field: '', message: `has ${record.cells.length} cells, the header has ${width}` },
      ]);
    } else if (record.badCell !== undefined) {
      const cell = record.cells[record.badCell]!;
      log.reject(record, [
        {
          field: columnAt(header, record.badCell),
          message: cell.includes('\0')
            ? 'contains a NUL character'
            : 'is not valid UTF-8 text (save the file as UTF-8)',
        },
      ]);
    } else good.push(record);
  }
  return good;
}

function columnAt(header: Header, index: number): string {
  for (const [column, position] of header.position) if (position === index) return column;
  return header.names[index] ?? '';
}

function statusOf(log: ImportLog, options: ImportOptions): ImportStatus {
  if (options.dryRun) return 'validated';
  if (log.fatal) return 'rejected';
  if (log.rejected === 0) return 'completed';
  return options.partial ? 'partial' : 'rejected';
}

function recordOf(id: string, options: ImportOptions, status: ImportStatus, log: ImportLog): ImportRecord {
  const nothingWritten = status === 'rejected';
  return {
    id,
    format: options.format,
    status,
    fileName: options.fileName ?? null,
    counts: {
      rows: log.rows,
      created: nothingWritten ? 0 : log.created,
      unchanged: nothingWritten ? 0 : log.unchanged,
      rejected: log.rejected,
    },
    errors: log.sortedErrors(),
    errorsTruncated: log.errorCount - log.errors.length,
  };
}
