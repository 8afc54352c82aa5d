/**
 * Domain events: one call records what happened in the audit log and queues it for the
 * organisation's webhooks, inside the caller's transaction, so an event exists exactly when
 * the change it describes was committed.
 */
import type { Db } from '../../store/database.js';
import { appendAudit } from '../audit/append.js';
import { enqueueWebhooks } from '../webhooks/enqueue.js';

export interface DomainEvent {
  /** Dotted name: `payment.received`, `action.sent`, `compliance.decided`, `dispute.opened`... */
  type: string;
  at: Date;
  /** `api_key:<id>`, `system:run`, `system:dispatch`, `cli`, `portal:<customer id>`, `system`. */
  actor: string;
  subjectType: string;
  subjectId: string | null;
  customerId: string | null;
  data: Record<string, unknown>;
  /** Stable id: the same event recorded twice (a retried request) is delivered once to webhooks. */
  id?: string;
}

export async function recordEvents(tx: Db, tenantId: string, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await appendAudit(tx, tenantId, events);
  await enqueueWebhooks(tx, tenantId, events);
}
