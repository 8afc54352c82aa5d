import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV line (RFC 4180 quoting), ending in a newline. */
export function csvLine(cells: readonly string[]): string {
  return (
    cells.map((cell) => (NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',') + '\n'
  );
}

/** Writes CSV lines to a file as they come, waiting for the disk when its buffer is full. */
export class CsvFileWriter {
  private constructor(private readonly stream: WriteStream) {}

  static async open(path: string): Promise<CsvFileWriter> {
    const stream = createWriteStream(path);
    await once(stream, 'open');
    return new CsvFileWriter(stream);
  }

  write(cells: readonly string[]): void {
    this.stream.write(csvLine(cells));
  }

  /** Resolves once the buffered lines are handed to the file, so memory stays bounded. */
  async drain(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
