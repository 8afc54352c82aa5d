import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { invalidAddresses } from '../../store/schema.js';
import { markForReview } from '../collection-review.js';
import { normaliseAddress } from '../compliance/addresses.js';
import { newId } from '../context.js';

/**
 * An address that cannot receive messages (a hard bounce, a number the provider says does not
 * exist): the run skips it and falls back to the customer's next channel. The customer is due
 * for a look at once, so the next run reacts instead of waiting for the next step's day.
 */
export async function markInvalidAddress(
  tx: Db,
  tenantId: string,
  input: { customerId: string; channel: 'email' | 'sms'; address: string; reason: string; at: Date },
): Promise<void> {
  const address = normaliseAddress(input.channel, input.address);
  const [open] = await tx
    .select({ id: invalidAddresses.id })
    .from(invalidAddresses)
    .where(
      and(
        eq(invalidAddresses.tenantId, tenantId),
        eq(invalidAddresses.customerId, input.customerId),
        eq(invalidAddresses.channel, input.channel),
        eq(invalidAddresses.address, address),
        isNull(invalidAddresses.clearedAt),
      ),
    )
    .limit(1);
  if (!open)
    await tx.insert(invalidAddresses).values({
      tenantId,
      id: newId(),
      customerId: input.customerId,
      channel: input.channel,
      address,
      reason: input.reason.slice(0, 500),
      markedAt: input.at,
    });
  await markForReview(tx, tenantId, [input.customerId]);
}
