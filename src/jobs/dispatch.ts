/**
 * The dispatcher: claims due outbox rows (`FOR UPDATE SKIP LOCKED`, so several workers on one
 * PostgreSQL never take the same row; PGlite runs the same SQL), checks each again just before
 * sending (paid meanwhile? a new hold or opt-out? quiet hours?), hands it to its channel's
 * adapter and records the outcome. Failures are retried with backoff and dead-lettered
 * (status `failed`) after `maxAttempts`.
 *
 * Exactly once: an `in_transaction` adapter writes inside the claim's transaction, so the send
 * and the "sent" mark commit together. At least once: an `external` adapter sends after the
 * claim (status `sending`, leased) has committed; if the process dies before the outcome is
 * stored, the lease expires and the message is sent again, with the same idempotency key.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { ChannelAdapter } from '../channels/adapter.js';
import type { DeliveryOutcome, MessageChannel, OutboundMessage } from '../channels/message.js';
import type { Clock } from '../app/context.js';
import { newId } from '../app/context.js';
import { recheckBeforeSending, type Recheck } from '../app/runs/recheck.js';
import { recordEvents, type DomainEvent } from '../app/events/record.js';
import { markInvalidAddress } from '../app/deliveries/invalid-addresses.js';
import { actions, messages } from '../store/schema.js';
import { queryRows, type Db } from '../store/database.js';
import { withMessageContext } from './message-context.js';

export type Adapters = Record<MessageChannel, ChannelAdapter>;

export interface DispatchOptions {
  adapters: Adapters;
  clock: Clock;
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claimed external send may take before another worker may take the row. */
  leaseMs?: number;
  /** Only this organisation's outbox (default: every organisation's). */
  tenantId?: string;
  /** Base URL of the signed links in messages (default RECOUP_PUBLIC_URL, else http://localhost:3000). */
  publicUrl?: string;
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  deferred: number;
  blocked: number;
  cancelled: number;
}

type ActionRow = typeof actions.$inferSelect;

const BACKOFF_MINUTES = [1, 5, 30, 120, 720];

export function backoffMs(attempts: number): number {
  return BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1]! * 60_000;
}

/** Claims and handles one batch; returns what happened (all zero when nothing was due). */
export async function dispatchBatch(db: Db, options: DispatchOptions): Promise<DispatchResult> {
  const result: DispatchResult = {
    claimed: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    deferred: 0,
    blocked: 0,
    cancelled: 0,
  };
  const now = options.clock.now();
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const external: { row: ActionRow; message: OutboundMessage }[] = [];
  const sent: Delivered[] = [];

  await db.transaction(async (tx) => {
    const rows = await claimRows(tx, now, options.batchSize ?? 50, options.tenantId);
    result.claimed = rows.length;
    if (rows.length === 0) return;
    const verdicts = await recheckBeforeSending(tx, rows, now);
    const going: ActionRow[] = [];
    for (const row of rows) {
      const verdict = verdicts.get(row.id)!;
      if (verdict.kind === 'send') {
        going.push(row);
        continue;
      }
      await settle(tx, row, verdict);
      result[verdict.kind === 'defer' ? 'deferred' : verdict.kind === 'block' ? 'blocked' : 'cancelled']++;
    }
    const ready = await prepareMessages(tx, going, now, options);
    for (const row of going) {
      const message = ready.get(row.id)!;
      const adapter = options.adapters[message.channel];
      if (adapter.mode === 'external') {
        await tx
          .update(actions)
          .set({
            status: 'sending',
            attempts: row.attempts + 1,
            claimedUntil: new Date(now.getTime() + leaseMs),
            nextAttemptAt: new Date(now.getTime() + leaseMs),
          })
          .where(and(eq(actions.tenantId, row.tenantId), eq(actions.id, row.id)));
        external.push({ row: { ...row, attempts: row.attempts + 1 }, message });
        continue;
      }
      const outcome = await sendInTransaction(tx, adapter, message);
      if (outcome.status === 'sent') sent.push({ row, message, adapter, outcome });
      else
        result[
          (await recordFailure(tx, { ...row, attempts: row.attempts + 1 }, outcome, now, options))
            ? 'failed'
            : 'retried'
        ]++;
    }
    await recordSent(tx, sent, now);
    result.sent += sent.length;
  });

  for (const { row, message } of external) {
    const adapter = options.adapters[message.channel];
    const outcome = await adapter.send(message, db).catch((error: unknown): DeliveryOutcome => ({
      status: 'failed',
      error: String(error),
      permanent: false,
    }));
    await db.transaction(async (tx) => {
      if (outcome.status === 'sent') {
        await recordSent(tx, [{ row, message, adapter, outcome }], options.clock.now());
        result.sent++;
      } else
        result[
          (await recordFailure(tx, row, outcome, options.clock.now(), options)) ? 'failed' : 'retried'
        ]++;
    });
  }
  return result;
}

/** Dispatches batch after batch until nothing is due. */
export async function dispatchUntilIdle(db: Db, options: DispatchOptions): Promise<DispatchResult> {
  const total: DispatchResult = {
    claimed: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    deferred: 0,
    blocked: 0,
    cancelled: 0,
  };
  for (;;) {
    const batch = await dispatchBatch(db, options);
    for (const key of Object.keys(total) as (keyof DispatchResult)[]) total[key] += batch[key];
    if (batch.claimed === 0 || batch.claimed === batch.deferred + batch.retried) return total;
  }
}

/** The outbox rows as messages, with their links, the organisation's template and sender. */
async function prepareMessages(
  tx: Db,
  rows: readonly ActionRow[],
  now: Date,
  options: DispatchOptions,
): Promise<Map<string, OutboundMessage>> {
  const byTenant = new Map<string, OutboundMessage[]>();
  for (const row of rows)
    byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), outboundMessage(row)]);
  const ready = new Map<string, OutboundMessage>();
  const publicUrl = options.publicUrl ?? process.env.RECOUP_PUBLIC_URL;
  for (const [tenantId, list] of byTenant) {
    for (const message of await withMessageContext(tx, tenantId, list, now, publicUrl))
      ready.set(message.id, message);
  }
  return ready;
}

async function claimRows(tx: Db, now: Date, limit: number, tenantId?: string): Promise<ActionRow[]> {
  const ids = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM actions
        WHERE status IN ('planned', 'deferred', 'sending') AND next_attempt_at <= ${now.toISOString()}
          ${tenantId ? sql`AND tenant_id = ${tenantId}` : sql``}
        ORDER BY next_attempt_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`,
  );
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(actions)
    .where(sql`${actions.id} = ANY(${`{${ids.map((r) => r.id).join(',')}}`}::uuid[])`)
    .orderBy(actions.nextAttemptAt, actions.id);
}

function outboundMessage(row: ActionRow): OutboundMessage {
  const payload = row.payload as Pick<OutboundMessage, 'to' | 'language' | 'data'>;
  return {
    id: row.id,
    idempotency_key: row.idempotencyKey,
    tenant_id: row.tenantId,
    customer_id: row.customerId,
    channel: row.channel as MessageChannel,
    to: payload.to,
    template: row.template ?? '',
    language: payload.language,
    data: payload.data,
  };
}

async function settle(tx: Db, row: ActionRow, verdict: Exclude<Recheck, { kind: 'send' }>) {
  const status = verdict.kind === 'defer' ? 'deferred' : verdict.kind === 'block' ? 'blocked' : 'cancelled';
  await tx
    .update(actions)
    .set({
      status,
      reasonCode: verdict.code,
      reason: verdict.message,
      nextAttemptAt: verdict.kind === 'defer' ? verdict.until : null,
      scheduledFor: verdict.kind === 'defer' ? verdict.until : row.scheduledFor,
      claimedUntil: null,
    })
    .where(and(eq(actions.tenantId, row.tenantId), eq(actions.id, row.id)));
}

interface Delivered {
  row: ActionRow;
  message: OutboundMessage;
  adapter: ChannelAdapter;
  outcome: Extract<DeliveryOutcome, { status: 'sent' }>;
}

/**
 * Sends through an in-transaction adapter. One that writes to the database gets a savepoint, so
 * if it throws only its own writes are undone; one that does not write needs none.
 */
async function sendInTransaction(
  tx: Db,
  adapter: ChannelAdapter,
  message: OutboundMessage,
): Promise<DeliveryOutcome> {
  const failed = (error: unknown): DeliveryOutcome => ({
    status: 'failed',
    error: String(error),
    permanent: false,
  });
  if (!adapter.writesToDatabase) return adapter.send(message, tx).catch(failed);
  return tx.transaction((savepoint) => adapter.send(message, savepoint)).catch(failed);
}

/** The message records (the timeline, the sandbox mailbox) and the "sent" marks, in two statements. */
async function recordSent(tx: Db, delivered: readonly Delivered[], at: Date) {
  if (delivered.length === 0) return;
  const ids = delivered.map(() => newId());
  await tx.insert(messages).values(
    delivered.map(({ row, message, adapter, outcome }, index) => ({
      tenantId: row.tenantId,
      id: ids[index]!,
      actionId: row.id,
      customerId: row.customerId,
      channel: message.channel,
      adapter: adapter.name,
      recipient: recipientText(message),
      subject: outcome.rendered?.subject ?? null,
      bodyText: outcome.rendered?.text ?? '',
      bodyHtml: outcome.rendered?.html ?? null,
      providerId: outcome.provider_id ?? null,
      status: 'sent',
      attachments: outcome.attachments ?? [],
    })),
  );
  await recordByTenant(
    tx,
    delivered.map(({ row, message, adapter, outcome }, index) =>
      actionEvent('action.sent', row, at, {
        message_id: ids[index]!,
        recipient: recipientText(message),
        adapter: adapter.name,
        provider_id: outcome.provider_id ?? null,
        subject: outcome.rendered?.subject ?? null,
      }),
    ),
  );
  // External sends counted their attempt when they were claimed.
  for (const mode of ['in_transaction', 'external'] as const) {
    const ids = delivered.filter((d) => d.adapter.mode === mode).map((d) => d.row.id);
    if (ids.length === 0) continue;
    await tx.execute(sql`UPDATE actions SET status = 'sent', sent_at = ${at.toISOString()},
        attempts = attempts + ${mode === 'in_transaction' ? 1 : 0}, next_attempt_at = NULL, claimed_until = NULL,
        last_error = NULL
      WHERE id = ANY(${`{${ids.join(',')}}`}::uuid[])`);
  }
}

/** Schedules a retry, or dead-letters the row; returns true when it is dead. */
async function recordFailure(
  tx: Db,
  row: ActionRow,
  outcome: Extract<DeliveryOutcome, { status: 'failed' }>,
  now: Date,
  options: DispatchOptions,
): Promise<boolean> {
  const dead = outcome.permanent || row.attempts >= (options.maxAttempts ?? 5);
  await tx
    .update(actions)
    .set({
      status: dead ? 'failed' : 'planned',
      attempts: row.attempts,
      lastError: outcome.error.slice(0, 2000),
      reasonCode: dead ? (outcome.permanent ? 'delivery_refused' : 'delivery_failed') : row.reasonCode,
      nextAttemptAt: dead ? null : new Date(now.getTime() + backoffMs(row.attempts)),
      claimedUntil: null,
    })
    .where(and(eq(actions.tenantId, row.tenantId), eq(actions.id, row.id)));
  const address = typeof row.payload === 'object' ? (row.payload as { to?: unknown }).to : null;
  if (
    dead &&
    outcome.invalid_address &&
    (row.channel === 'email' || row.channel === 'sms') &&
    typeof address === 'string'
  )
    await markInvalidAddress(tx, row.tenantId, {
      customerId: row.customerId,
      channel: row.channel,
      address,
      reason: outcome.error,
      at: now,
    });
  if (dead)
    await recordByTenant(tx, [
      actionEvent('action.failed', row, now, {
        error: outcome.error.slice(0, 500),
        permanent: outcome.permanent,
        attempts: row.attempts,
      }),
    ]);
  return dead;
}

function recipientText(message: OutboundMessage): string {
  return typeof message.to === 'string' ? message.to : message.to.lines.join(', ');
}

/** `action.sent` / `action.failed`, for the audit log and webhooks. */
function actionEvent(
  type: string,
  row: ActionRow,
  at: Date,
  data: Record<string, unknown>,
): DomainEvent & { tenantId: string } {
  return {
    tenantId: row.tenantId,
    type,
    at,
    actor: 'system:dispatch',
    subjectType: 'action',
    subjectId: row.id,
    customerId: row.customerId,
    data: {
      action_id: row.id,
      customer_id: row.customerId,
      channel: row.channel,
      template: row.template,
      step: row.stepKey,
      ...data,
    },
  };
}

async function recordByTenant(tx: Db, events: readonly (DomainEvent & { tenantId: string })[]) {
  const byTenant = new Map<string, DomainEvent[]>();
  for (const { tenantId, ...event } of events)
    byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), event]);
  for (const [tenantId, list] of byTenant) await recordEvents(tx, tenantId, list);
}
