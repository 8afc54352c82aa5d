import { invalid } from '../domain/errors.js';

/** Keyset pagination on time-ordered ids (UUIDv7): the cursor is the last id seen, opaque to clients. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid('cursor', 'is not a cursor this API returned');
  return id;
}

/** `rows` was fetched with limit + 1 so we know whether another page follows. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, view: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(view),
    next_cursor: more && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null,
  };
}
