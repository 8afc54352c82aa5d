/** CSV imports of customers, invoices and payments (POST /imports, `recoup import`). */
export { importCsv } from './run-import.js';
export { getImport } from './record.js';
export type {
  CsvFormat,
  ImportCounts,
  ImportOptions,
  ImportResult,
  ImportStatus,
  RowError,
} from './types.js';
