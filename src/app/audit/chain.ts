/**
 * The hash chain of the audit log. Each entry's hash is SHA-256 over the previous entry's hash
 * and the canonical JSON of the entry's own fields (sequence number included), so editing,
 * deleting or reordering any entry breaks the chain at that entry.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';

/** The `prev_hash` of an organisation's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: Date;
  actor: string;
  kind: string;
  subjectType: string;
  subjectId: string | null;
  customerId: string | null;
  data: unknown;
}

export function entryHash(prevHash: string, entry: ChainedFields): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    kind: entry.kind,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    customer_id: entry.customerId,
    data: entry.data,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
