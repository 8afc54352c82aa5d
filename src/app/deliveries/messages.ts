/** The customer's timeline of messages as sent, with what happened to each afterwards. */
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { notFound } from '../../domain/errors.js';
import { messageEvents, messages } from '../../store/schema.js';
import type { Ctx } from '../context.js';
import { cursorField, idField, limitField } from '../fields.js';
import { decodeCursor, toPage } from '../pagination.js';
import { eventView, recordMessageEvent, type MessageEventInput } from './message-events.js';

type MessageRow = typeof messages.$inferSelect;

export const listMessagesQuery = z.object({
  customer_id: idField.optional(),
  limit: limitField,
  cursor: cursorField,
});

function summaryView(row: MessageRow) {
  return {
    id: row.id,
    action_id: row.actionId,
    customer_id: row.customerId,
    channel: row.channel,
    adapter: row.adapter,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    provider_id: row.providerId,
    attachments: row.attachments as { name: string; content_type: string; size: number }[],
    sent_at: row.createdAt.toISOString(),
  };
}

/** Newest first. */
export async function listMessages(ctx: Ctx, query: z.infer<typeof listMessagesQuery>) {
  const after = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, ctx.tenantId),
        query.customer_id ? eq(messages.customerId, query.customer_id) : undefined,
        after ? lt(messages.id, after) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, summaryView);
}

async function loadMessage(ctx: Ctx, id: string): Promise<MessageRow> {
  const [row] = await ctx.db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, ctx.tenantId), eq(messages.id, id)));
  if (!row) throw notFound('message', id);
  return row;
}

/** One message with its rendered content and its events. */
export async function getMessage(ctx: Ctx, id: string) {
  const row = await loadMessage(ctx, id);
  const events = await ctx.db
    .select()
    .from(messageEvents)
    .where(and(eq(messageEvents.tenantId, ctx.tenantId), eq(messageEvents.messageId, row.id)))
    .orderBy(asc(messageEvents.occurredAt), asc(messageEvents.id));
  return {
    ...summaryView(row),
    body_text: row.bodyText,
    body_html: row.bodyHtml,
    events: events.map(eventView),
  };
}

/** An integration reports what happened to a message (a bounce, a delivery receipt). */
export async function addMessageEvent(ctx: Ctx, id: string, input: MessageEventInput) {
  const row = await loadMessage(ctx, id);
  await ctx.db.transaction((tx) =>
    recordMessageEvent(
      tx,
      row,
      {
        kind: input.kind,
        bounceType: input.bounce_type,
        detail: input.detail,
        occurredAt: input.occurred_at ? new Date(input.occurred_at) : ctx.clock.now(),
      },
      ctx.actor ?? 'system',
    ),
  );
  return getMessage(ctx, id);
}
