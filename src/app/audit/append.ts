/**
 * Appends domain events to the organisation's audit log, in the caller's transaction. The
 * `audit_heads` row is locked once (it serialises appends of one organisation), the hashes are
 * chained here in JS, and the rows go in as a few multi-row inserts, so recording thousands of
 * events (a run's batch) costs a handful of statements.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { queryRows } from '../../store/database.js';
import { auditLog } from '../../store/schema.js';
import type { DomainEvent } from '../events/record.js';
import { canonicalValue } from './canonical.js';
import { entryHash, GENESIS_HASH } from './chain.js';

/** 11 columns a row: well under PostgreSQL's 65,535 bind parameters per statement. */
const ROWS_PER_INSERT = 4000;

export async function appendAudit(tx: Db, tenantId: string, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const head = await lockHead(tx, tenantId);
  let { seq, hash } = head;
  const rows: (typeof auditLog.$inferInsert)[] = [];
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
    rows.push({ tenantId, ...fields, prevHash, hash });
  }
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT)
    await tx.insert(auditLog).values(rows.slice(from, from + ROWS_PER_INSERT));
  await tx.execute(sql`UPDATE audit_heads SET seq = ${seq}, hash = ${hash} WHERE tenant_id = ${tenantId}`);
}

/** Creates the head on first use, then takes its row lock until the transaction ends. */
async function lockHead(tx: Db, tenantId: string): Promise<{ seq: number; hash: string }> {
  await tx.execute(
    sql`INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (${tenantId}, 0, ${GENESIS_HASH})
        ON CONFLICT (tenant_id) DO NOTHING`,
  );
  const [head] = await queryRows<{ seq: string | number; hash: string }>(
    tx,
    sql`SELECT seq, hash FROM audit_heads WHERE tenant_id = ${tenantId} FOR UPDATE`,
  );
  return { seq: Number(head!.seq), hash: head!.hash };
}
