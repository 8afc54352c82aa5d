import type { ImportLog } from './import-log.js';
import { KeyIndex } from './key-index.js';
import type { Problem } from './problems.js';

/**
 * Finds a key (invoice number, external id) given twice in one file. Only the first row's line
 * is kept per key, compactly (KeyIndex): some 40 MB for a million invoice numbers.
 *
 * Every later row is refused, naming the first. All-or-nothing, the first row is refused too,
 * naming the later one, so the error list shows both; in a partial import the first row stands
 * (it may already be written), and only the repeats are rejected.
 */
export class FirstSeen {
  private readonly lines = new KeyIndex();

  constructor(
    private readonly what: string,
    private readonly field: string,
    private readonly refuseFirst: boolean,
  ) {}

  check(key: string, line: number, log: ImportLog): Problem | null {
    const first = this.lines.get(key);
    if (first === undefined) {
      this.lines.set(key, line);
      return null;
    }
    if (this.refuseFirst && first > 0) {
      log.reject({ line: first }, [
        { field: this.field, message: `${this.what} ${key} is repeated on row ${line}` },
      ]);
      this.lines.set(key, -first);
    }
    return { field: this.field, message: `${this.what} ${key} is already on row ${Math.abs(first)}` };
  }
}
