import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isCalendarDate } from '../../domain/dates.js';
import type { OutboundMessage } from '../message.js';

export const DEFAULT_LETTERS_DIR = './data/letters';

/** An organisation's folder name: its id when that is a plain token, else a hash of it. */
function tenantFolder(tenantId: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(tenantId)
    ? tenantId
    : createHash('sha256').update(tenantId).digest('hex').slice(0, 32);
}

/** `<letters>/<organisation>/<YYYY-MM-DD>/`: one folder per organisation and print day. */
export function dayFolder(dir: string, tenantId: string, date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return path.join(dir, tenantFolder(tenantId), date);
}

/** `<letters>/<organisation>/print/<YYYY-MM-DD>.pdf`: the day's letters in one file. */
export function printFile(dir: string, tenantId: string, date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return path.join(dir, tenantFolder(tenantId), 'print', `${date}.pdf`);
}

/**
 * The letter's file: named from the idempotency key, in the folder of the day the run decided on
 * (`as_of`), both stable across retries, so a re-send after a crash overwrites the same file.
 */
export function letterFile(
  dir: string,
  message: Pick<OutboundMessage, 'tenant_id' | 'idempotency_key' | 'data'>,
): string {
  const digest = createHash('sha256')
    .update(`${message.tenant_id}\n${message.idempotency_key}`)
    .digest('hex');
  return path.join(
    dayFolder(dir, message.tenant_id, message.data.as_of),
    `letter-${digest.slice(0, 32)}.pdf`,
  );
}

/** Writes a file in one step for readers: a temporary file in the same folder, then a rename. */
export async function writeFileAtomic(file: string, content: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
