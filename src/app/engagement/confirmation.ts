/**
 * A written confirmation of what the debtor agreed (a payment plan, a promise) or paid (a
 * receipt for a portal payment): one outbox row
 * in `actions`, shaped like the run's message actions, so the dispatcher checks it again
 * (quiet hours, opt-outs, a new hold) and sends it with the same adapters and templates.
 */
import { eq, sql } from 'drizzle-orm';
import type { MessageData, PostalAddress } from '../../channels/message.js';
import type { CalendarDate } from '../../domain/dates.js';
import { actions, organisations } from '../../store/schema.js';
import { queryRows, type Db } from '../../store/database.js';
import { plainArray, toBigInt } from '../../store/sql-values.js';
import { newId, type Ctx } from '../context.js';
import { customerMessageData } from '../message-data.js';
import { customerRecords } from '../runs/snapshot.js';

export type ConfirmationChannel = 'email' | 'sms' | 'letter';

export interface Confirmation {
  customerId: string;
  /** The template, also the action's step key. */
  template: 'payment_plan_confirmation' | 'promise_confirmation' | 'thank_you';
  /** Names what happened in `data.step.event`; see own-holds.ts. */
  event: 'payment_plan_agreed' | 'promise_agreed' | 'payment_received';
  /** The plan or promise: one confirmation each (part of the idempotency key). */
  subjectId: string;
  invoiceIds: string[];
  /** Tried in order: the first that can reach the customer is used. */
  channels: readonly ConfirmationChannel[];
  extra: Pick<MessageData, 'plan' | 'promise' | 'payment'>;
  today: CalendarDate;
}

export interface QueuedConfirmation {
  action_id: string;
  channel: ConfirmationChannel | null;
  status: 'planned' | 'blocked';
}

export async function queueConfirmation(tx: Db, ctx: Ctx, c: Confirmation): Promise<QueuedConfirmation> {
  const [customer] = await customerRecords(tx, ctx.tenantId, [c.customerId]);
  const [org] = await tx.select().from(organisations).where(eq(organisations.tenantId, ctx.tenantId));
  const contactRows = await queryRows<{
    channel: string;
    value: string;
    sms_consent: boolean;
    opted_out: boolean;
  }>(
    tx,
    sql`SELECT channel, value, sms_consent, opted_out FROM contacts
        WHERE tenant_id = ${ctx.tenantId} AND customer_id = ${c.customerId} ORDER BY is_primary DESC, id`,
  );
  const items = c.invoiceIds.length
    ? await queryRows<{
        id: string;
        number: string;
        currency: string;
        issue_date: string;
        due_date: string;
        balance: string;
      }>(
        tx,
        sql`SELECT id, number, currency, issue_date::text AS issue_date, due_date::text AS due_date, balance::text AS balance
            FROM invoices WHERE tenant_id = ${ctx.tenantId} AND id = ANY(${plainArray(c.invoiceIds)}::uuid[])
            ORDER BY due_date, number`,
      )
    : [];
  const reach = reachable(c.channels, contactRows, customer!.address, customer!.country);
  const data: MessageData = {
    ...customerMessageData({
      organisation: org!,
      customer: customer!,
      items: items.map((i) => ({
        id: i.id,
        number: i.number,
        issueDate: i.issue_date,
        dueDate: i.due_date,
        balance: toBigInt(i.balance),
        currency: i.currency,
      })),
      today: c.today,
      step: { strategy: '', key: c.template, offset_days: null, event: c.event },
    }),
    ...c.extra,
  };

  const now = ctx.clock.now();
  const id = newId();
  const status = reach ? 'planned' : 'blocked';
  await tx
    .insert(actions)
    .values({
      tenantId: ctx.tenantId,
      id,
      runId: null,
      customerId: c.customerId,
      invoiceIds: c.invoiceIds,
      stepKey: c.template,
      cycle: 0,
      kind: reach?.channel ?? c.channels[0]!,
      channel: reach?.channel ?? null,
      template: c.template,
      status,
      reasonCode: reach ? null : 'no_reachable_channel',
      reason: reach ? null : `no ${c.channels.join(' or ')} address to send the confirmation to`,
      scheduledFor: now,
      idempotencyKey: `${c.customerId}:${c.template}:${c.subjectId}`,
      payload: { to: reach?.to ?? null, language: customer!.language, data, requires: [], fees: [] },
      nextAttemptAt: reach ? now : null,
    })
    .onConflictDoNothing();
  return { action_id: id, channel: reach?.channel ?? null, status };
}

function reachable(
  channels: readonly ConfirmationChannel[],
  contacts: { channel: string; value: string; sms_consent: boolean; opted_out: boolean }[],
  address: unknown,
  country: string,
): { channel: ConfirmationChannel; to: string | PostalAddress } | null {
  for (const channel of channels) {
    if (channel === 'letter') {
      const lines =
        typeof address === 'string'
          ? address
              .split(/\n|,\s*/)
              .map((l) => l.trim())
              .filter(Boolean)
          : address
            ? Object.values(address as Record<string, unknown>).filter(
                (v): v is string => typeof v === 'string' && v.trim() !== '',
              )
            : [];
      if (lines.length) return { channel, to: { lines, country } };
      continue;
    }
    const usable = contacts.find(
      (c) =>
        c.channel === (channel === 'email' ? 'email' : 'phone') &&
        !c.opted_out &&
        (channel === 'email' || c.sms_consent),
    );
    if (usable) return { channel, to: usable.value };
  }
  return null;
}
