export type CsvFormat = 'customers-csv' | 'invoices-csv' | 'payments-csv';

export interface ImportOptions {
  format: CsvFormat;
  /** Import the good rows and reject the bad ones (status `partial`), instead of all-or-nothing. */
  partial?: boolean;
  /** Validate only: nothing is written (status `validated`). */
  dryRun?: boolean;
  /** File header name -> Recoup column name; an empty column name ignores that column. */
  mapping?: Record<string, string>;
  fileName?: string;
  /** Called every ~10,000 rows with the number of data rows read so far (for a progress bar). */
  onProgress?: (rowsDone: number) => void;
  /** With `partial`: write the rejected rows here as CSV, original columns plus an `error` column. */
  rejectsPath?: string;
}

export type ImportStatus = 'completed' | 'rejected' | 'partial' | 'validated';

/** A problem with one row; `row` is the file's line number (the header is line 1). */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

export interface ImportCounts {
  rows: number;
  created: number;
  unchanged: number;
  rejected: number;
}

export interface ImportResult {
  id: string;
  format: CsvFormat;
  status: ImportStatus;
  file_name: string | null;
  counts: ImportCounts;
  /** The first 1,000 errors, by row. */
  errors: RowError[];
  /** How many more errors there were beyond those listed. */
  errors_truncated?: number;
  created_at: string;
}
