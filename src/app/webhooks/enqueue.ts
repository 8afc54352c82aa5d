/**
 * Queues domain events for the organisation's webhook endpoints, in the transaction that
 * records them: one `webhook_deliveries` row per event and matching active endpoint, unique per
 * endpoint and event id, so an event recorded twice (a retried request) is delivered once.
 * `src/jobs/webhooks.ts` posts them.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { webhookDeliveries, webhookEndpoints } from '../../store/schema.js';
import { newId } from '../context.js';
import type { DomainEvent } from '../events/record.js';

/** The JSON body an endpoint receives. */
export interface WebhookPayload {
  id: string;
  type: string;
  created_at: string;
  data: Record<string, unknown>;
}

export async function enqueueWebhooks(
  tx: Db,
  tenantId: string,
  events: readonly DomainEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.active, true)));
  if (endpoints.length === 0) return;
  const rows: (typeof webhookDeliveries.$inferInsert)[] = [];
  for (const event of events) {
    const payload: WebhookPayload = {
      id: event.id ? asUuid(event.id) : newId(),
      type: event.type,
      created_at: event.at.toISOString(),
      data: event.data,
    };
    for (const endpoint of endpoints) {
      if (!endpoint.events.includes('*') && !endpoint.events.includes(event.type)) continue;
      rows.push({
        tenantId,
        id: newId(),
        endpointId: endpoint.id,
        eventId: payload.id,
        eventType: event.type,
        payload,
        status: 'pending',
        // Due at once (the epoch), whatever time the event carries (a run's as_of may be ahead).
        nextAttemptAt: new Date(0),
      });
    }
  }
  for (let from = 0; from < rows.length; from += 1000)
    await tx
      .insert(webhookDeliveries)
      .values(rows.slice(from, from + 1000))
      .onConflictDoNothing();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Event ids are UUIDs; another stable id (a key) is turned into one, always the same. */
function asUuid(id: string): string {
  if (UUID.test(id)) return id.toLowerCase();
  const hex = createHash('sha256').update(id).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
