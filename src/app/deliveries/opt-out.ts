import { recordOptOut } from '../compliance/preferences.js';
import { recordEvents } from '../events/record.js';
import type { Db } from '../../store/database.js';

export interface DebtorOptOut {
  channel: 'email' | 'sms';
  /** One address; null: the whole channel (an unsubscribe link names the customer, not an address). */
  address: string | null;
  effectiveAt: Date;
  /** `unsubscribe`, `sms_stop`, `complaint`, `provider`. */
  source: string;
  actor: string;
}

/**
 * A debtor asked to hear no more on a channel: the contact preference (which also flags the
 * contacts) and a `customer.opted_out` event for webhooks, in the caller's transaction.
 */
export async function optOutDebtor(
  tx: Db,
  tenantId: string,
  customerId: string,
  input: DebtorOptOut,
): Promise<void> {
  const row = await recordOptOut(tx, tenantId, customerId, {
    channel: input.channel,
    address: input.address,
    effectiveAt: input.effectiveAt,
    source: input.source,
    actor: input.actor,
  });
  // An opt-out already in force comes back as it was: nothing new to announce.
  if (row.effectiveAt.getTime() !== input.effectiveAt.getTime() || row.source !== input.source) return;
  await recordEvents(tx, tenantId, [
    {
      // One event per preference row: the same request repeated is delivered once.
      id: row.id,
      type: 'customer.opted_out',
      at: input.effectiveAt,
      actor: input.actor,
      subjectType: 'customer',
      subjectId: customerId,
      customerId,
      data: {
        customer_id: customerId,
        channel: input.channel,
        address: row.address,
        source: row.source,
        effective_at: row.effectiveAt.toISOString(),
      },
    },
  ]);
}
