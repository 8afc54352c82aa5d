/**
 * Early-warning alerts (domain/behaviour/alerts.ts) for many customers, and their delivery as
 * `customer.alert` events: one per customer, kind and month (a stable id), recorded once
 * however often it is asked for.
 */
import { sql } from 'drizzle-orm';
import { addDays, localDate, type CalendarDate } from '../../domain/dates.js';
import { behaviourAlerts, paymentBehaviour, type Alert } from '../../domain/behaviour/index.js';
import { queryRows } from '../../store/database.js';
import { pgArray } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { stableId } from '../engagement/event-id.js';
import { recordEvents, type DomainEvent } from '../events/record.js';
import { loadPaidHistory, type PaidInvoiceFact } from './paid-history.js';

export async function alertsByCustomer(
  ctx: Ctx,
  asOf: CalendarDate,
  customerIds?: readonly string[],
): Promise<Map<string, Alert[]>> {
  const filter = customerIds ? sql`i.customer_id = ANY(${pgArray(customerIds)}::uuid[])` : sql`true`;
  const history = await loadPaidHistory(ctx.db, ctx.tenantId, asOf, filter);
  const byCustomer = new Map<string, PaidInvoiceFact[]>();
  for (const item of history) {
    const list = byCustomer.get(item.customerId) ?? [];
    list.push(item);
    byCustomer.set(item.customerId, list);
  }
  const result = new Map<string, Alert[]>();
  for (const [customerId, paid] of byCustomer) {
    const alerts = behaviourAlerts(paymentBehaviour(paid));
    if (alerts.length) result.set(customerId, alerts);
  }
  return result;
}

export const alertEventId = (customerId: string, kind: string, asOf: CalendarDate) =>
  stableId(`customer.alert:${customerId}:${kind}:${asOf.slice(0, 7)}`);

/** Records this month's alerts not recorded yet; returns how many were new. */
export async function recordCustomerAlerts(
  ctx: Ctx,
  asOf: CalendarDate,
  alerts: Map<string, Alert[]>,
): Promise<number> {
  const events: DomainEvent[] = [];
  for (const [customerId, list] of alerts)
    for (const alert of list)
      events.push({
        id: alertEventId(customerId, alert.code, asOf),
        type: 'customer.alert',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'customer',
        subjectId: customerId,
        customerId,
        data: { customer_id: customerId, kind: alert.code, message: alert.message, as_of: asOf },
      });
  if (events.length === 0) return 0;
  return ctx.db.transaction(async (tx) => {
    // The audit head's row lock serialises appends: two callers cannot both find an alert new.
    await tx.execute(sql`SELECT 1 FROM audit_heads WHERE tenant_id = ${ctx.tenantId} FOR UPDATE`);
    const seen = await queryRows<{ event_id: string }>(
      tx,
      sql`SELECT data->>'event_id' AS event_id FROM audit_log
          WHERE tenant_id = ${ctx.tenantId} AND kind = 'customer.alert'
            AND data->>'event_id' = ANY(${pgArray(events.map((e) => e.id!))}::text[])`,
    );
    const known = new Set(seen.map((s) => s.event_id));
    const fresh = events.filter((e) => !known.has(e.id!));
    await recordEvents(tx, ctx.tenantId, fresh);
    return fresh.length;
  });
}

/**
 * After a real run: this month's alerts, recorded once. Behaviour only changes when an invoice
 * is paid, so only customers paid something in the last week are looked at: the daily run
 * stays cheap however large the ledger.
 */
export async function recordAlertsAfterRun(ctx: Ctx, asOf: Date): Promise<void> {
  const day = localDate(asOf, ctx.timeZone);
  const paid = await queryRows<{ customer_id: string }>(
    ctx.db,
    sql`SELECT DISTINCT customer_id FROM ledger_entries
        WHERE tenant_id = ${ctx.tenantId} AND kind = 'allocation' AND effective_on BETWEEN ${addDays(day, -7)} AND ${day}`,
  );
  if (paid.length === 0) return;
  const ids = paid.map((p) => p.customer_id);
  await recordCustomerAlerts(ctx, day, await alertsByCustomer(ctx, day, ids));
}
