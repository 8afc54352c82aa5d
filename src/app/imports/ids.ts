import { randomBytes } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const POOL_SIZE = 8 * 1024;

let pool = randomBytes(POOL_SIZE);
let offset = 0;
let lastMs = 0;
let counter = 0;
let prefix = '';

/**
 * UUID version 7 ids (RFC 9562) for bulk inserts, from the same scheme as `newId` but some ten
 * times cheaper (the `uuidv7` package costs ~6 µs an id, more than reading the CSV row): the
 * random bits come from a pooled buffer, and a 12-bit counter in `rand_a` keeps the ids of one
 * millisecond in order, so a batch lands at the end of the primary-key index.
 */
export function bulkId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
    prefix = timePrefix(now);
  } else if (++counter > 0xfff) {
    lastMs++;
    counter = 0;
    prefix = timePrefix(lastMs);
  }
  if (offset + 8 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const r = offset;
  offset += 8;
  return (
    prefix +
    HEX[0x70 | (counter >>> 8)]! +
    HEX[counter & 0xff]! +
    '-' +
    HEX[0x80 | (pool[r]! & 0x3f)]! +
    HEX[pool[r + 1]!]! +
    '-' +
    pool.toString('hex', r + 2, r + 8)
  );
}

/** "tttttttt-tttt-": the 48-bit millisecond timestamp. */
function timePrefix(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-`;
}
