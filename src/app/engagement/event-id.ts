import { createHash } from 'node:crypto';

/** Recoup's namespace for name-based ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1c2a7e9b4d4e0f8a3b5c6d7e8f9a0b', 'hex');

/**
 * A name-based UUID (version 5: SHA-1 of a namespace and a name), so the same event, such as
 * "instalment 2 of plan X was missed", gets the same id every time it is derived: a run or a
 * sweep repeated after a crash records and delivers it once.
 */
export function stableId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const instalmentEventId = (planId: string, position: number) =>
  stableId(`instalment_missed:${planId}:${position}`);
