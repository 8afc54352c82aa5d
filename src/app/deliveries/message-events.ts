/**
 * What happened to a message after it left: delivered, bounced (hard or soft), failed,
 * complained. Integrations report it (`POST /messages/{id}/events`), SMS status callbacks feed
 * it. A hard bounce or a permanent failure marks the address invalid (the next run skips it
 * and uses the next channel); a complaint opts the customer out of email.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../store/database.js';
import { messageEvents, messages } from '../../store/schema.js';
import { newId } from '../context.js';
import { recordEvents } from '../events/record.js';
import { instantField } from '../fields.js';
import { markInvalidAddress } from './invalid-addresses.js';
import { optOutDebtor } from './opt-out.js';

export const MESSAGE_EVENT_KINDS = ['delivered', 'bounced', 'failed', 'complained'] as const;
export type MessageEventKind = (typeof MESSAGE_EVENT_KINDS)[number];

export const messageEventInput = z
  .object({
    kind: z.enum(MESSAGE_EVENT_KINDS),
    bounce_type: z.enum(['hard', 'soft']).optional(),
    detail: z.string().max(2000).optional(),
    occurred_at: instantField.optional(),
  })
  .refine((input) => input.kind === 'bounced' || input.bounce_type === undefined, {
    path: ['bounce_type'],
    message: 'only a bounced event has a bounce_type',
  });
export type MessageEventInput = z.infer<typeof messageEventInput>;

export interface MessageEvent {
  kind: MessageEventKind;
  bounceType?: 'hard' | 'soft';
  detail?: string | null;
  occurredAt: Date;
  /** A failure no retry can fix (an SMS provider's "not a valid number"): the address is invalid. */
  permanent?: boolean;
}

type MessageRow = typeof messages.$inferSelect;
type EventRow = typeof messageEvents.$inferSelect;

/** The stored kind carries the bounce type (`bounced:hard`), so a bounce is one row. */
export function storedKind(kind: MessageEventKind, bounceType?: 'hard' | 'soft'): string {
  return kind === 'bounced' && bounceType ? `${kind}:${bounceType}` : kind;
}

export function eventView(row: EventRow) {
  const [kind, bounceType] = row.kind.split(':') as [MessageEventKind, 'hard' | 'soft' | undefined];
  return {
    id: row.id,
    kind,
    bounce_type: bounceType ?? null,
    detail: row.detail,
    occurred_at: row.occurredAt.toISOString(),
  };
}

const STATUS_AFTER: Record<MessageEventKind, string | null> = {
  delivered: 'delivered',
  bounced: 'bounced',
  failed: 'failed',
  complained: null,
};

/**
 * Records one event of a message with its consequences, in the caller's transaction. The same
 * kind reported again for the same message (providers repeat callbacks) changes nothing.
 */
export async function recordMessageEvent(
  tx: Db,
  message: MessageRow,
  event: MessageEvent,
  actor: string,
): Promise<{ event: EventRow; recorded: boolean }> {
  const kind = storedKind(event.kind, event.bounceType);
  const [seen] = await tx
    .select()
    .from(messageEvents)
    .where(
      and(
        eq(messageEvents.tenantId, message.tenantId),
        eq(messageEvents.messageId, message.id),
        eq(messageEvents.kind, kind),
      ),
    )
    .limit(1);
  if (seen) return { event: seen, recorded: false };
  const [row] = await tx
    .insert(messageEvents)
    .values({
      tenantId: message.tenantId,
      id: newId(),
      messageId: message.id,
      kind,
      detail: event.detail ?? null,
      occurredAt: event.occurredAt,
    })
    .returning();
  const status = STATUS_AFTER[event.kind];
  // "Delivered" never overwrites a bounce or failure reported first.
  if (status && !(status === 'delivered' && message.status !== 'sent'))
    await tx
      .update(messages)
      .set({ status })
      .where(and(eq(messages.tenantId, message.tenantId), eq(messages.id, message.id)));
  await consequences(tx, message, event, actor);
  await recordEvents(tx, message.tenantId, [
    {
      id: row!.id,
      type: `message.${event.kind}`,
      at: event.occurredAt,
      actor,
      subjectType: 'message',
      subjectId: message.id,
      customerId: message.customerId,
      data: {
        message_id: message.id,
        action_id: message.actionId,
        customer_id: message.customerId,
        channel: message.channel,
        recipient: message.recipient,
        ...eventView(row!),
      },
    },
  ]);
  return { event: row!, recorded: true };
}

async function consequences(tx: Db, message: MessageRow, event: MessageEvent, actor: string) {
  const channel = message.channel === 'email' || message.channel === 'sms' ? message.channel : null;
  if (!channel) return;
  const dead = (event.kind === 'bounced' && event.bounceType === 'hard') || event.permanent === true;
  if (dead)
    await markInvalidAddress(tx, message.tenantId, {
      customerId: message.customerId,
      channel,
      address: message.recipient,
      reason: `${event.kind}${event.bounceType ? ` (${event.bounceType})` : ''}: ${event.detail ?? 'no detail'}`,
      at: event.occurredAt,
    });
  // A spam complaint is the strongest "stop": no more email to that address.
  if (event.kind === 'complained' && channel === 'email')
    await optOutDebtor(tx, message.tenantId, message.customerId, {
      channel,
      address: message.recipient,
      effectiveAt: event.occurredAt,
      source: 'complaint',
      actor,
    });
}
