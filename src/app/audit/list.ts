/** Reading the audit log: newest first, optionally one customer's entries, keyset by seq. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from '../../domain/errors.js';
import { queryRows } from '../../store/database.js';
import type { Ctx } from '../context.js';
import { idField, limitField } from '../fields.js';

export const auditQuery = z.object({
  customer_id: idField.optional(),
  kind: z.string().max(100).optional(),
  limit: limitField,
  cursor: z.string().optional(),
});

interface AuditRow {
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

export async function listAudit(ctx: Ctx, query: z.infer<typeof auditQuery>) {
  const before = decodeSeqCursor(query.cursor);
  const rows = await queryRows<AuditRow>(
    ctx.db,
    sql`SELECT seq, at, actor, kind, subject_type, subject_id, customer_id::text AS customer_id, data, prev_hash, hash
        FROM audit_log WHERE tenant_id = ${ctx.tenantId}
          ${query.customer_id ? sql`AND customer_id = ${query.customer_id}` : sql``}
          ${query.kind ? sql`AND kind = ${query.kind}` : sql``}
          ${before !== null ? sql`AND seq < ${before}` : sql``}
        ORDER BY seq DESC LIMIT ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(auditEntryView),
    next_cursor:
      rows.length > query.limit ? Buffer.from(String(page.at(-1)!.seq)).toString('base64url') : null,
  };
}

export function auditEntryView(row: AuditRow) {
  return {
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    kind: row.kind,
    subject_type: row.subject_type,
    subject_id: row.subject_id,
    customer_id: row.customer_id,
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

function decodeSeqCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const seq = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(seq) || seq < 1) throw invalid('cursor', 'is not a cursor this API returned');
  return seq;
}
