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
  const buffer = buffers.get(tx);
  if (buffer?.tenantId === tenantId) {
    buffer.events.push(...events);
    return;
  }
  await writeEvents(tx, tenantId, events);
}

async function writeEvents(tx: Db, tenantId: string, events: readonly DomainEvent[]) {
  await appendAudit(tx, tenantId, events);
  await enqueueWebhooks(tx, tenantId, events);
}

interface EventBuffer {
  tenantId: string;
  events: DomainEvent[];
}

const buffers = new WeakMap<Db, EventBuffer>();

/**
 * Bulk work (an import posting thousands of payments in one transaction) collects its events
 * and writes them a batch at a time: each write takes the audit head's lock and looks up the
 * webhook endpoints once, where one write per posting made an import several times slower.
 * Call `flush` after each batch and before the transaction ends; `close` stops collecting.
 */
export function collectEvents(tx: Db, tenantId: string) {
  const buffer: EventBuffer = { tenantId, events: [] };
  buffers.set(tx, buffer);
  return {
    async flush() {
      const events = buffer.events.splice(0);
      if (events.length) await writeEvents(tx, tenantId, events);
    },
    close() {
      if (buffers.get(tx) === buffer) buffers.delete(tx);
    },
  };
}
