import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, Parser } from 'csv-parse';
import { ByteCheck } from './byte-check.js';

/** One record of a CSV file, the header included. */
export interface CsvRecord {
  /** The file's line number where the record starts (1 for a header on the first line). */
  line: number;
  cells: string[];
  /** Index of the first cell that held bytes that are not valid UTF-8, or a NUL. */
  badCell?: number;
}

/** The file is not CSV from `line` on (an unclosed quote, say): nothing after it can be trusted. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export type CsvInput = AsyncIterable<Buffer | string> | NodeJS.ReadableStream;

/** Tags each record with the parser's line count at its end, read at the moment it is pushed. */
class LineCountingParser extends Parser {
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    return super.push({ end: this.info.lines, cells: record as string[] });
  }
}

/**
 * Reads a CSV file as a stream and yields its records in batches, so the file never sits in
 * memory: at most about two batches of records are held at once. A UTF-8 BOM is dropped, blank
 * lines are skipped, rows may have any number of cells (the caller checks them against the
 * header). Throws CsvSyntaxError when the text stops being CSV.
 */
export async function* readCsv(input: CsvInput, options: { batchSize: number }): AsyncGenerator<CsvRecord[]> {
  const bytes = new ByteCheck();
  const parser = new LineCountingParser({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // A stream option csv-parse passes on: let the parser run ahead by a batch of records
    // while the caller waits on the database.
    ...{ readableHighWaterMark: options.batchSize },
  });
  const source = input instanceof Readable ? input : Readable.from(input as AsyncIterable<Buffer | string>);
  let failure: unknown = null;
  let ended = false;
  let wake = () => {};
  pipeline(source, (chunks: AsyncIterable<Buffer | string>) => bytes.pass(chunks), parser).catch(
    (error: unknown) => {
      failure = error;
      wake();
    },
  );
  parser.on('readable', () => wake());
  parser.on('end', () => {
    ended = true;
    wake();
  });
  const lines = new LineNumbers();
  let batch: CsvRecord[] = [];
  try {
    for (;;) {
      let item: { end: number; cells: string[] } | null;
      while ((item = parser.read() as typeof item) !== null) {
        const record = lines.record(item.end, item.cells);
        if (bytes.invalidUtf8 || bytes.nul) markBadCell(record);
        batch.push(record);
        if (batch.length >= options.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (failure) {
        // The records before the broken one are still checked and reported.
        if (batch.length > 0) yield batch;
        throw syntaxError(failure, lines);
      }
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (batch.length > 0) yield batch;
  } finally {
    if (!ended) parser.destroy();
  }
}

/**
 * Turns the parser's line count into the file's line numbers. csv-parse counts a CR LF inside
 * a quoted cell as two lines (one between records as one), so the count drifts by one for each
 * such pair; only records that span several lines, or follow skipped blank lines, need a look.
 */
class LineNumbers {
  private previousEnd = 0;
  private drift = 0;

  record(parserEnd: number, cells: string[]): CsvRecord {
    let breaks = 0;
    if (parserEnd - this.previousEnd > 1) {
      for (const cell of cells) {
        if (!cell.includes('\n') && !cell.includes('\r')) continue;
        for (let i = 0; i < cell.length; i++) {
          const c = cell.charCodeAt(i);
          if (c === 10) breaks++;
          else if (c === 13) {
            breaks++;
            if (cell.charCodeAt(i + 1) === 10) {
              this.drift++;
              i++;
            }
          }
        }
      }
    }
    this.previousEnd = parserEnd;
    const end = parserEnd - this.drift;
    return { line: end - breaks, cells };
  }

  physical(parserLine: number): number {
    return parserLine - this.drift;
  }

  /** The line after the last record read. */
  afterLast(): number {
    return this.previousEnd - this.drift + 1;
  }
}

function markBadCell(record: CsvRecord): void {
  const index = record.cells.findIndex((cell) => cell.includes('\uFFFD') || cell.includes('\0'));
  if (index !== -1) record.badCell = index;
}

function syntaxError(error: unknown, lines: LineNumbers): Error {
  if (!(error instanceof CsvError)) return error instanceof Error ? error : new Error(String(error));
  // An unclosed quote is only noticed at the end of the file; name the row it opens.
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new CsvSyntaxError(lines.afterLast(), 'a quoted cell that starts on this row is never closed');
  }
  const line = typeof error.lines === 'number' ? lines.physical(error.lines) : lines.afterLast();
  const message =
    error.code === 'CSV_INVALID_CLOSING_QUOTE'
      ? 'a closing quote is followed by something other than a comma or the end of the line'
      : error.code === 'INVALID_OPENING_QUOTE'
        ? 'a quote inside an unquoted cell (quote the whole cell, and double the quotes in it)'
        : error.message;
  return new CsvSyntaxError(line, message);
}
