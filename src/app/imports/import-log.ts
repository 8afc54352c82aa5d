import type { CsvFileWriter } from '../../formats/csv/writer.js';
import type { Problem } from './problems.js';
import type { RowError } from './types.js';

/** The stored and returned error list stops here; the rest are only counted. */
export const MAX_ERRORS = 1000;

const CREATED = 1;
const UNCHANGED = 2;
const REJECTED = 3;

/**
 * What happened to each row of one import: the counts, the first errors, and (partial imports)
 * the rejects file. One byte per line records each row's outcome, so a row refused after it was
 * counted (the first of two rows with one invoice number) moves between the counts exactly.
 */
export class ImportLog {
  readonly errors: RowError[] = [];
  errorCount = 0;
  rows = 0;
  created = 0;
  unchanged = 0;
  rejected = 0;
  /** The file as a whole is refused (its header, or text that is not CSV), even in partial mode. */
  fatal = false;
  private outcomes = new Uint8Array(4096);
  private rejects: CsvFileWriter | null = null;
  private width = 0;
  private silenced = new Set<string>();
  private pendingRejects: { line: number; cells: string[] }[] = [];

  /** Rejected rows go to `writer` under the file's own header plus an `error` column. */
  useRejectsFile(writer: CsvFileWriter, header: readonly string[]): void {
    this.rejects = writer;
    this.width = header.length;
    writer.write([...header, 'error']);
  }

  /** Row errors about these columns are not listed: the header problem already says it. */
  silence(fields: Iterable<string>): void {
    this.silenced = new Set(fields);
  }

  /** Whether any row was refused, or the file itself. */
  get failed(): boolean {
    return this.fatal || this.rejected > 0;
  }

  fileProblem(line: number, problems: Problem[]): void {
    this.fatal = true;
    for (const problem of problems) this.addError({ row: line, ...problem });
  }

  /** Refuses a row with all its problems; with a rejects file, its cells go there. */
  reject(row: { line: number; cells?: readonly string[] }, problems: Problem[]): void {
    for (const problem of problems) {
      if (!this.silenced.has(problem.field)) this.addError({ row: row.line, ...problem });
    }
    const before = this.outcome(row.line);
    if (before === REJECTED) return;
    if (before === CREATED) this.created--;
    if (before === UNCHANGED) this.unchanged--;
    this.setOutcome(row.line, REJECTED);
    this.rejected++;
    if (this.rejects && row.cells) {
      const cells = [...row.cells];
      while (cells.length < this.width) cells.push('');
      const error = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
      this.pendingRejects.push({ line: row.line, cells: [...cells, error] });
    }
  }

  /** Writes the batch's rejected rows to the rejects file, in file order. */
  async flushRejects(): Promise<void> {
    if (!this.rejects) return;
    this.pendingRejects.sort((a, b) => a.line - b.line);
    for (const { cells } of this.pendingRejects) this.rejects.write(cells);
    this.pendingRejects = [];
    await this.rejects.drain();
  }

  create(line: number): void {
    this.setOutcome(line, CREATED);
    this.created++;
  }

  keep(line: number): void {
    this.setOutcome(line, UNCHANGED);
    this.unchanged++;
  }

  isRejected(line: number): boolean {
    return this.outcome(line) === REJECTED;
  }

  /** The listed errors in file order. */
  sortedErrors(): RowError[] {
    return [...this.errors].sort((a, b) => a.row - b.row);
  }

  private addError(error: RowError): void {
    this.errorCount++;
    if (this.errors.length < MAX_ERRORS) this.errors.push(error);
  }

  private outcome(line: number): number {
    return line < this.outcomes.length ? this.outcomes[line]! : 0;
  }

  private setOutcome(line: number, outcome: number): void {
    if (line >= this.outcomes.length) {
      let size = this.outcomes.length;
      while (size <= line) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.outcomes);
      this.outcomes = grown;
    }
    this.outcomes[line] = outcome;
  }
}
