import type { Header } from '../../formats/csv/header.js';
import type { CsvRecord } from '../../formats/csv/reader.js';
import type { Db } from '../../store/database.js';
import type { Ctx } from '../context.js';
import type { ImportLog } from './import-log.js';
import type { ImportOptions } from './types.js';

/** One import in progress: its transaction, the file's header, and the log of what happened. */
export interface ImportRun {
  ctx: Ctx;
  tx: Db;
  header: Header;
  log: ImportLog;
  options: ImportOptions;
  /** Whether writing still makes sense: not a dry run, and, all-or-nothing, no row refused yet. */
  canWrite(): boolean;
}

/** Validates and writes the rows of one format, a batch at a time. */
export interface RowHandler {
  handle(rows: CsvRecord[]): Promise<void>;
  /** Waits for writes still under way. */
  finish(): Promise<void>;
}
