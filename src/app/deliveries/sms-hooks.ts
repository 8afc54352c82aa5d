/**
 * What an SMS provider tells us (Twilio's webhooks, signature checked by the route): a reply
 * (STOP opts the number out at once) and status callbacks (delivered, failed, undelivered).
 * Recoup runs one SMS account for every organisation, so a number is found through the
 * organisations' contacts, and a STOP applies to every organisation that texts that number.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { InboundSms } from '../../channels/sms/inbound.js';
import { queryRows, type Db } from '../../store/database.js';
import { messages } from '../../store/schema.js';
import { recordMessageEvent } from './message-events.js';
import { optOutDebtor } from './opt-out.js';

/** Error codes that say the number itself cannot take texts: no retry or later run should try it. */
const DEAD_NUMBER_CODES = new Set(['21211', '21214', '21612', '21614', '30005', '30006']);
/** The recipient replied STOP to the provider before (Twilio 21610). */
const UNSUBSCRIBED_CODE = '21610';

interface ContactMatch {
  tenant_id: string;
  customer_id: string;
}

/** The customers, in every organisation, whose phone contact is this number (compared by digits). */
async function customersWithNumber(db: Db, phone: string): Promise<ContactMatch[]> {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return [];
  return queryRows<ContactMatch>(
    db,
    sql`SELECT DISTINCT tenant_id, customer_id FROM contacts
        WHERE channel = 'phone' AND regexp_replace(value, '\\D', '', 'g') = ${digits}`,
  );
}

/** Records a STOP as an SMS opt-out of that number; returns the customers it applied to. */
export async function handleInboundSms(db: Db, inbound: InboundSms, now: Date): Promise<number> {
  if (inbound.action !== 'opt_out') return 0;
  const matches = await customersWithNumber(db, inbound.phone);
  await db.transaction(async (tx) => {
    for (const match of matches)
      await optOutDebtor(tx, match.tenant_id, match.customer_id, {
        channel: 'sms',
        address: inbound.phone,
        effectiveAt: now,
        source: 'sms_stop',
        actor: 'sms:inbound',
      });
  });
  return matches.length;
}

export interface SmsStatus {
  messageSid: string;
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
}

export function readSmsStatus(form: Record<string, string>): SmsStatus | null {
  const messageSid = form.MessageSid ?? form.SmsSid;
  const status = form.MessageStatus ?? form.SmsStatus;
  if (!messageSid || !status) return null;
  return {
    messageSid,
    status: status.toLowerCase(),
    errorCode: form.ErrorCode || null,
    errorMessage: form.ErrorMessage || null,
  };
}

/**
 * Feeds a status callback into the message's events: `delivered`, or `failed` for `failed` and
 * `undelivered` (permanent when the error code says the number is dead). Interim statuses
 * (queued, sending, sent) are ignored. Returns false when no message has that provider id.
 */
export async function handleSmsStatus(db: Db, update: SmsStatus, now: Date): Promise<boolean> {
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.providerId, update.messageSid), eq(messages.channel, 'sms')))
    .limit(1);
  if (!message) return false;
  const failed = update.status === 'failed' || update.status === 'undelivered';
  if (update.status !== 'delivered' && !failed) return true;
  const detail = failed
    ? `${update.status}${update.errorCode ? ` (error ${update.errorCode})` : ''}${update.errorMessage ? `: ${update.errorMessage}` : ''}`
    : null;
  await db.transaction(async (tx) => {
    await recordMessageEvent(
      tx,
      message,
      {
        kind: failed ? 'failed' : 'delivered',
        detail,
        occurredAt: now,
        permanent: failed && DEAD_NUMBER_CODES.has(update.errorCode ?? ''),
      },
      'sms:status',
    );
    if (failed && update.errorCode === UNSUBSCRIBED_CODE)
      await optOutDebtor(tx, message.tenantId, message.customerId, {
        channel: 'sms',
        address: message.recipient,
        effectiveAt: now,
        source: 'sms_stop',
        actor: 'sms:status',
      });
  });
  return true;
}
