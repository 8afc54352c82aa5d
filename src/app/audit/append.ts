/**
 * Appends domain events to the organisation's audit log, in the caller's transaction. The
 * `audit_heads` row is locked once (it serialises appends of one organisation), the hashes are
 * chained here in JS, and the rows go in as a few multi-row inserts, so recording thousands of
 * events (a run's batch) costs a handful of statements.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { queryRows } from '../../store/database.js';
import type { auditLog } from '../../store/schema.js';
import { pgArray } from '../../store/sql-values.js';
import type { DomainEvent } from '../events/record.js';
import { canonicalValue } from './canonical.js';
import { entryHash, GENESIS_HASH } from './chain.js';

export async function appendAudit(tx: Db, tenantId: string, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const head = await lockHead(tx, tenantId);
  let { seq, hash } = head;
  const rows: AuditRow[] = [];
  for (const event of events) {
    seq += 1;
    // Stored exactly as hashed: sorted plain JSON, so verify recomputes the same text.
    const data = canonicalValue({ ...event.data, ...(event.id && { event_id: event.id }) }) as Record<
      string,
      unknown
    >;
    const at = new Date(event.at.getTime());
    const fields = {
      seq,
      at,
      actor: event.actor,
      kind: event.type,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      customerId: event.customerId,
      data,
    };
    const prevHash = hash;
    hash = entryHash(prevHash, fields);
    rows.push({ ...fields, prevHash, hash });
  }
  await insertRows(tx, tenantId, rows);
  await tx.execute(sql`UPDATE audit_heads SET seq = ${seq}, hash = ${hash} WHERE tenant_id = ${tenantId}`);
}

type AuditRow = Omit<typeof auditLog.$inferInsert, 'tenantId' | 'at'> & { at: Date };

/**
 * All rows in one statement whatever their number: each column goes as one array parameter
 * (unnest), so the statement has ten parameters, not ten per row.
 */
async function insertRows(tx: Db, tenantId: string, rows: readonly AuditRow[]) {
  const column = <T extends string | number | null>(pick: (row: AuditRow) => T) => pgArray(rows.map(pick));
  await tx.execute(sql`
    INSERT INTO audit_log (tenant_id, seq, at, actor, kind, subject_type, subject_id, customer_id, data, prev_hash, hash)
    SELECT ${tenantId}::uuid, v.seq, v.at, v.actor, v.kind, v.subject_type, v.subject_id, v.customer_id, v.data, v.prev_hash, v.hash
    FROM unnest(${column((r) => r.seq)}::bigint[], ${column((r) => r.at.toISOString())}::timestamptz[],
      ${column((r) => r.actor)}::text[], ${column((r) => r.kind)}::text[], ${column((r) => r.subjectType)}::text[],
      ${column((r) => r.subjectId ?? null)}::text[], ${column((r) => r.customerId ?? null)}::uuid[],
      ${column((r) => JSON.stringify(r.data))}::jsonb[], ${column((r) => r.prevHash)}::text[], ${column((r) => r.hash)}::text[])
      AS v(seq, at, actor, kind, subject_type, subject_id, customer_id, data, prev_hash, hash)`);
}

/**
 * Creates the head on first use and takes its row lock until the transaction ends, in one
 * statement: the no-op update of an existing head locks it and returns its values.
 */
async function lockHead(tx: Db, tenantId: string): Promise<{ seq: number; hash: string }> {
  const [head] = await queryRows<{ seq: string | number; hash: string }>(
    tx,
    sql`INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (${tenantId}, 0, ${GENESIS_HASH})
        ON CONFLICT (tenant_id) DO UPDATE SET seq = audit_heads.seq
        RETURNING seq, hash`,
  );
  return { seq: Number(head!.seq), hash: head!.hash };
}
