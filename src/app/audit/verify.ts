/**
 * Verifies an organisation's audit chain: sequence numbers 1, 2, 3... without gaps, each
 * `prev_hash` equal to the hash before it, each `hash` recomputed from the stored fields, and
 * the head (last seq and hash) matching the last entry. The first broken entry is reported by
 * seq: an edited entry fails its own hash, a deleted one leaves a gap (or a short tail against
 * the head), reordered entries fail the `prev_hash` link.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../store/database.js';
import { entryHash, GENESIS_HASH } from './chain.js';

export interface AuditVerification {
  ok: boolean;
  entries: number;
  last_seq: number;
  last_hash: string;
  /** The first problem found; null when the chain holds. */
  broken: {
    seq: number;
    problem: 'gap' | 'hash_mismatch' | 'prev_hash_mismatch' | 'head_mismatch';
    message: string;
  } | null;
}

const PAGE = 5000;

interface StoredEntry {
  seq: string | number;
  at: string | Date;
  actor: string;
  kind: string;
  subject_type: string;
  subject_id: string | null;
  customer_id: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
}

export async function verifyAudit(db: Db, tenantId: string): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  const fail = (
    seq: number,
    problem: NonNullable<AuditVerification['broken']>['problem'],
    message: string,
  ) => ({
    ok: false,
    entries,
    last_seq: expectedSeq - 1,
    last_hash: prevHash,
    broken: { seq, problem, message },
  });
  for (;;) {
    const rows = await queryRows<StoredEntry>(
      db,
      sql`SELECT seq, at, actor, kind, subject_type, subject_id, customer_id::text AS customer_id, data, prev_hash, hash
          FROM audit_log WHERE tenant_id = ${tenantId} AND seq >= ${expectedSeq}
          ORDER BY seq LIMIT ${PAGE}`,
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq)
        return fail(expectedSeq, 'gap', `entry ${expectedSeq} is missing (the next one is ${seq})`);
      if (row.prev_hash !== prevHash)
        return fail(
          seq,
          'prev_hash_mismatch',
          `entry ${seq} does not follow entry ${seq - 1}: moved or replaced`,
        );
      const hash = entryHash(prevHash, {
        seq,
        at: new Date(row.at),
        actor: row.actor,
        kind: row.kind,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        customerId: row.customer_id,
        data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
      });
      if (hash !== row.hash)
        return fail(seq, 'hash_mismatch', `entry ${seq} was changed after it was written`);
      entries += 1;
      expectedSeq = seq + 1;
      prevHash = hash;
    }
    if (rows.length < PAGE) break;
  }
  const [head] = await queryRows<{ seq: string | number; hash: string }>(
    db,
    sql`SELECT seq, hash FROM audit_heads WHERE tenant_id = ${tenantId}`,
  );
  const headSeq = head ? Number(head.seq) : 0;
  if (headSeq !== expectedSeq - 1 || (head && head.hash !== prevHash))
    return fail(
      headSeq === expectedSeq - 1 ? headSeq : Math.min(headSeq + 1, expectedSeq),
      'head_mismatch',
      `the log ends at entry ${expectedSeq - 1} (hash ${prevHash.slice(0, 12)}…) but its head says ${headSeq} (${head?.hash.slice(0, 12) ?? 'none'}…)`,
    );
  return { ok: true, entries, last_seq: expectedSeq - 1, last_hash: prevHash, broken: null };
}
