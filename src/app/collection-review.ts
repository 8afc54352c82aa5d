import { sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { pgArray } from '../store/sql-values.js';

/**
 * Asks the next run to look at these customers: something changed (money moved, an invoice
 * arrived, a hold or promise was made) that may change what their strategy says. Customers
 * the runs have never seen have no state row and are looked at anyway.
 */
export async function markForReview(tx: Db, tenantId: string, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.execute(sql`UPDATE collection_states SET next_action_at = 'epoch'
    WHERE tenant_id = ${tenantId} AND customer_id = ANY(${pgArray([...new Set(customerIds)])}::uuid[])
      AND (next_action_at IS NULL OR next_action_at > 'epoch')`);
}
