/**
 * The webhook dispatcher: claims due deliveries (`FOR UPDATE SKIP LOCKED`, like the message
 * dispatcher, so several workers never post the same one at once), posts each event as JSON
 * signed with its endpoint's secret, and records the answer. A failure (no 2xx within the
 * timeout, a redirect, a refused connection) is retried after 1, 5, 30, 120 and 720 minutes;
 * then the delivery is `failed`. Receivers must accept the same event id twice: a worker that
 * dies between the post and the record posts again when the claim lapses.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../app/context.js';
import { signatureHeader } from '../app/webhooks/signature.js';
import type { WebhookPayload } from '../app/webhooks/enqueue.js';
import { queryRows, type Db } from '../store/database.js';
import { plainArray } from '../store/sql-values.js';

export interface WebhookDispatchOptions {
  clock: Clock;
  batchSize?: number;
  /** Attempts before a delivery is `failed` (default 6: the first and five retries). */
  maxAttempts?: number;
  timeoutMs?: number;
  /** How long a claimed delivery is left to its worker before another may post it. */
  leaseMs?: number;
  /** Posts in flight at once. */
  concurrency?: number;
}

export interface WebhookDispatchResult {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

const BACKOFF_MINUTES = [1, 5, 30, 120, 720];

export function webhookBackoffMs(attempts: number): number {
  return BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1]! * 60_000;
}

interface Claimed {
  id: string;
  tenant_id: string;
  attempts: number;
  payload: WebhookPayload;
  url: string;
  secret: string;
}

interface Answer {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

async function claim(db: Db, now: Date, limit: number, leaseMs: number): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const due = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM webhook_deliveries
          WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ${now.toISOString()}
          ORDER BY next_attempt_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED`,
    );
    if (due.length === 0) return [];
    const lease = new Date(now.getTime() + leaseMs).toISOString();
    return queryRows<Claimed>(
      tx,
      sql`UPDATE webhook_deliveries d
          SET attempts = d.attempts + 1, next_attempt_at = ${lease}, claimed_until = ${lease}
          FROM webhook_endpoints e
          WHERE d.id = ANY(${plainArray(due.map((row) => row.id))}::uuid[])
            AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
          RETURNING d.id, d.tenant_id, d.attempts, d.payload, e.url, e.secret`,
    );
  });
}

/** The body is built here, fields in a fixed order (jsonb does not keep the order). */
function bodyOf(payload: WebhookPayload): string {
  return JSON.stringify({
    id: payload.id,
    type: payload.type,
    created_at: payload.created_at,
    data: payload.data,
  });
}

async function post(delivery: Claimed, now: Date, timeoutMs: number): Promise<Answer> {
  const body = bodyOf(delivery.payload);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Recoup-Webhooks/1',
        'recoup-signature': signatureHeader(delivery.secret, body, now),
        'recoup-event-id': delivery.payload.id,
        'recoup-event-type': delivery.payload.type,
      },
      body,
      // A redirect is a failure to fix at the endpoint, not a place to send signed events to.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel();
      return { ok: true, statusCode: response.status, error: null };
    }
    const text = (await response.text().catch(() => '')).slice(0, 300);
    return {
      ok: false,
      statusCode: response.status,
      error: `HTTP ${response.status}${text ? `: ${text}` : ''}`,
    };
  } catch (error) {
    const err = error as Error & { cause?: { code?: string; message?: string } };
    const reason =
      err.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (err.cause?.code ?? err.cause?.message ?? err.message);
    return { ok: false, statusCode: null, error: reason };
  }
}

async function record(db: Db, delivery: Claimed, answer: Answer, now: Date, maxAttempts: number) {
  const dead = !answer.ok && delivery.attempts >= maxAttempts;
  const status = answer.ok ? 'delivered' : dead ? 'failed' : 'retrying';
  const next = answer.ok || dead ? null : new Date(now.getTime() + webhookBackoffMs(delivery.attempts));
  await db.execute(
    sql`UPDATE webhook_deliveries SET status = ${status}, last_status_code = ${answer.statusCode},
          last_error = ${answer.error}, next_attempt_at = ${next?.toISOString() ?? null}, claimed_until = NULL,
          delivered_at = ${answer.ok ? now.toISOString() : null}
        WHERE tenant_id = ${delivery.tenant_id} AND id = ${delivery.id}`,
  );
  return status;
}

/** Claims one batch, posts it, records the answers. */
export async function deliverWebhookBatch(
  db: Db,
  options: WebhookDispatchOptions,
): Promise<WebhookDispatchResult> {
  const result: WebhookDispatchResult = { claimed: 0, delivered: 0, retried: 0, failed: 0 };
  const claimed = await claim(db, options.clock.now(), options.batchSize ?? 50, options.leaseMs ?? 60_000);
  result.claimed = claimed.length;
  const queue = [...claimed];
  const worker = async () => {
    for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
      const answer = await post(delivery, options.clock.now(), options.timeoutMs ?? 10_000);
      const status = await record(db, delivery, answer, options.clock.now(), options.maxAttempts ?? 6);
      result[status === 'delivered' ? 'delivered' : status === 'failed' ? 'failed' : 'retried']++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 10, claimed.length) }, worker));
  return result;
}

/** Delivers batch after batch until nothing is due. */
export async function deliverWebhooksUntilIdle(
  db: Db,
  options: WebhookDispatchOptions,
): Promise<WebhookDispatchResult> {
  const total: WebhookDispatchResult = { claimed: 0, delivered: 0, retried: 0, failed: 0 };
  for (;;) {
    const batch = await deliverWebhookBatch(db, options);
    for (const key of Object.keys(total) as (keyof WebhookDispatchResult)[]) total[key] += batch[key];
    // Retries wait for their time; a batch of only retries means nothing more is due now.
    if (batch.claimed === 0 || batch.claimed === batch.retried) return total;
  }
}
