import { sql, type SQL } from 'drizzle-orm';

/**
 * An SQL condition on a customer id column: the customer is in `segment` as the runs last placed
 * them (collection_states); customers no run has looked at yet are in `default`. No segment: true.
 */
export function segmentFilter(tenantId: string, customerColumn: SQL, segment: string | undefined): SQL {
  if (!segment) return sql`true`;
  return sql`COALESCE((SELECT s.segment FROM collection_states s
    WHERE s.tenant_id = ${tenantId} AND s.customer_id = ${customerColumn}), 'default') = ${segment}`;
}
