import { sql } from 'drizzle-orm';
import { startOfLocalDay, type CalendarDate } from '../domain/dates.js';
import { promiseStatus } from '../domain/promises.js';
import { queryRows, type Db } from '../store/database.js';
import { activeHolds } from './holds.js';
import { promiseFacts } from './promises.js';
import { loadEngagementFacts } from './engagement/facts.js';

/**
 * A customer's holds at the end of a date (API.md: reason and invoice_ids): the ones recorded,
 * plus a pending promise, which holds its items until it is kept or broken, a plan in good
 * standing and an open dispute.
 */
export async function customerHolds(db: Db, tenantId: string, customerId: string, asOf: CalendarDate) {
  const [customer] = await queryRows<{ zone: string }>(
    db,
    sql`SELECT time_zones[1] AS zone FROM customers WHERE tenant_id = ${tenantId} AND id = ${customerId}`,
  );
  const zone = customer?.zone ?? 'UTC';
  const endOfDay = new Date(startOfLocalDay(asOf, zone).getTime() + 86_399_000);
  const recorded = await activeHolds(db, tenantId, [customerId], endOfDay);
  const promises = await promiseFacts(
    db,
    tenantId,
    sql`p.customer_id = ${customerId} AND p.agreed_at <= ${endOfDay.toISOString()}`,
    asOf,
  );
  const allInvoices = async () =>
    (
      await queryRows<{ id: string }>(
        db,
        sql`SELECT id FROM invoices WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND balance > 0 ORDER BY due_date, id`,
      )
    ).map((r) => r.id);
  const holds: { id: string; reason: string; invoice_ids: string[]; ends_at: string | null }[] = [];
  for (const hold of recorded)
    holds.push({
      id: hold.id,
      reason: hold.reason,
      invoice_ids: hold.invoiceIds ?? (await allInvoices()),
      ends_at: hold.endsAt ? new Date(hold.endsAt).toISOString() : null,
    });
  for (const promise of promises)
    if (promiseStatus(promise, promise.paid, asOf) === 'pending')
      holds.push({
        id: promise.id,
        reason: 'promise',
        invoice_ids: promise.invoiceIds.length ? promise.invoiceIds : await allInvoices(),
        ends_at: null,
      });
  // Plans in good standing and open disputes.
  const engagement = (await loadEngagementFacts(db, tenantId, new Map([[customerId, asOf]]), endOfDay)).get(
    customerId,
  );
  for (const hold of [...(engagement?.holds ?? []), ...(engagement?.paused ?? [])])
    holds.push({ id: hold.id, reason: hold.reason, invoice_ids: hold.invoiceIds ?? [], ends_at: null });
  return holds;
}

/** Where the runs last placed the customer: their segment and the strategy version they run. */
export async function collectionStanding(db: Db, tenantId: string, customerId: string) {
  const [row] = await queryRows<{
    segment: string | null;
    strategy_version: number | null;
    next_action_at: Date | string | null;
    cycle: number;
  }>(
    db,
    sql`SELECT s.segment, v.version AS strategy_version, s.next_action_at, s.cycle
        FROM collection_states s LEFT JOIN strategy_versions v ON v.id = s.strategy_version_id AND v.tenant_id = s.tenant_id
        WHERE s.tenant_id = ${tenantId} AND s.customer_id = ${customerId}`,
  );
  const next = row?.next_action_at ? new Date(row.next_action_at) : null;
  return {
    segment: row?.segment ?? 'default',
    collection: {
      cycle: row?.cycle ?? null,
      strategy_version: row?.strategy_version ?? null,
      next_action_at: next && next.getTime() > 0 ? next.toISOString() : next ? 'next run' : null,
    },
  };
}
