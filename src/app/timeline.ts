/**
 * A customer's timeline: everything that happened with them, newest first, from the records
 * themselves (messages as sent, calls and other interactions, payments, credit notes, fees,
 * write-offs, promises, plans, disputes, holds, tasks, portal payments). Read-only, one query.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from '../domain/errors.js';
import { formatAmount } from '../domain/money.js';
import { queryRows } from '../store/database.js';
import { toBigInt } from '../store/sql-values.js';
import type { Ctx } from './context.js';
import { findCustomer } from './customers.js';
import { cursorField, limitField } from './fields.js';

export const timelineQuery = z.object({ limit: limitField, cursor: cursorField });

interface Row {
  at: Date | string;
  kind: string;
  id: string;
  channel: string | null;
  title: string | null;
  status: string | null;
  amount: string | null;
  currency: string | null;
}

/** Each source as (at, kind, id, channel, title, status, amount, currency); money in minor units. */
const SOURCES = (tenantId: string, customerId: string) => sql`
  SELECT created_at AS at, 'message.' || status AS kind, id, channel, COALESCE(subject, template_key) AS title, status,
         NULL::bigint AS amount, NULL::text AS currency
    FROM (SELECT m.*, a.template AS template_key FROM messages m
          LEFT JOIN actions a ON a.tenant_id = m.tenant_id AND a.id = m.action_id
          WHERE m.tenant_id = ${tenantId} AND m.customer_id = ${customerId}) m
  UNION ALL SELECT occurred_at, 'interaction.' || direction, id, channel, COALESCE(kind, outcome), outcome, NULL, NULL
    FROM interactions WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT created_at, 'payment.received', id, method, reference, received_on::text, amount, currency
    FROM payments WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT created_at, 'credit_note.issued', id, NULL, reason, issued_on::text, amount, currency
    FROM credit_notes WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT created_at, 'charge.' || kind, id, NULL, reason, charged_on::text, amount, currency
    FROM charges WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT created_at, 'write_off.posted', id, NULL, reason, written_off_on::text, amount, currency
    FROM write_offs WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT agreed_at, 'promise.made', id, channel, 'due ' || due_on::text, NULL, amount, currency
    FROM promises WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT agreed_at, 'plan.agreed', id, source, approval, NULL, total, currency
    FROM payment_plans WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT opened_at, 'dispute.opened', id, source, reason_code, NULL, NULL, NULL
    FROM disputes WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT resolved_at, 'dispute.resolved', id, NULL, reason_code, outcome, NULL, NULL
    FROM disputes WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND resolved_at IS NOT NULL
  UNION ALL SELECT starts_at, 'hold.placed', id, NULL, reason, note, NULL, NULL
    FROM holds WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT created_at, 'task.' || queue, id, kind, note, status, NULL, NULL
    FROM tasks WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
  UNION ALL SELECT created_at, 'portal_payment.' || status, id, provider, NULL, status, amount, currency
    FROM portal_payments WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}`;

export async function customerTimeline(ctx: Ctx, customerId: string, query: z.infer<typeof timelineQuery>) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  const after = decodeTimelineCursor(query.cursor);
  const rows = await queryRows<Row>(
    ctx.db,
    sql`SELECT at, kind, id::text AS id, channel, title, status, amount::text AS amount, currency
        FROM (${SOURCES(ctx.tenantId, customer.id)}) t
        ${after ? sql`WHERE (at, id::text) < (${after.at}::timestamptz, ${after.id})` : sql``}
        ORDER BY at DESC, id DESC
        LIMIT ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      id: r.id,
      channel: r.channel,
      title: r.title,
      status: r.status,
      amount:
        r.amount !== null && r.currency
          ? { amount: formatAmount(toBigInt(r.amount), r.currency), currency: r.currency }
          : null,
    })),
    next_cursor:
      rows.length > query.limit && last
        ? Buffer.from(`${new Date(last.at).toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

function decodeTimelineCursor(cursor: string | undefined) {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)))
    throw invalid('cursor', 'is not a cursor this API returned');
  return { at, id };
}
