/** Per-customer facts that raise a worklist entry: due call tasks, broken promises, missed instalments. */
import { sql } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../domain/dates.js';
import { promiseStatus } from '../../domain/promises.js';
import { queryRows } from '../../store/database.js';
import { pgArray } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { promiseFacts } from '../promises.js';

/** Broken promises and missed instalments count when their deadline passed this recently. */
export const RECENT_DAYS = 30;

export async function callTasksDue(ctx: Ctx, customerIds: readonly string[], asOf: CalendarDate) {
  const rows = await queryRows<{ customer_id: string; count: number }>(
    ctx.db,
    sql`SELECT customer_id, COUNT(*)::int AS count FROM tasks
        WHERE tenant_id = ${ctx.tenantId} AND customer_id = ANY(${pgArray(customerIds)}::uuid[])
          AND kind = 'call' AND status = 'open' AND due_on <= ${asOf}
        GROUP BY customer_id`,
  );
  return new Map(rows.map((r) => [r.customer_id, r.count]));
}

export async function recentBrokenPromises(ctx: Ctx, customerIds: readonly string[], asOf: CalendarDate) {
  const facts = await promiseFacts(
    ctx.db,
    ctx.tenantId,
    sql`p.customer_id = ANY(${pgArray(customerIds)}::uuid[])
        AND p.due_on + p.grace_days BETWEEN ${addDays(asOf, -RECENT_DAYS)}::date AND ${asOf}::date`,
    asOf,
  );
  const counts = new Map<string, number>();
  for (const f of facts)
    if (promiseStatus(f, f.paid, asOf) === 'broken')
      counts.set(f.customerId, (counts.get(f.customerId) ?? 0) + 1);
  return counts;
}

/**
 * Instalments missed recently: the plan's instalments up to this one add up to more than the
 * customer paid in the plan's currency from the agreement to the instalment's date plus grace.
 * Read straight from the plan tables (another module owns plans); empty tables give nothing.
 */
export async function recentMissedInstalments(ctx: Ctx, customerIds: readonly string[], asOf: CalendarDate) {
  const rows = await queryRows<{ customer_id: string; count: number }>(
    ctx.db,
    sql`SELECT p.customer_id, COUNT(*)::int AS count
        FROM payment_plans p JOIN plan_instalments i ON i.tenant_id = p.tenant_id AND i.plan_id = p.id
        WHERE p.tenant_id = ${ctx.tenantId} AND p.customer_id = ANY(${pgArray(customerIds)}::uuid[])
          AND p.cancelled_at IS NULL
          AND i.due_on + p.grace_days BETWEEN ${addDays(asOf, -RECENT_DAYS)}::date AND ${asOf}::date - 1
          AND (SELECT SUM(j.amount) FROM plan_instalments j WHERE j.tenant_id = p.tenant_id AND j.plan_id = p.id AND j.position <= i.position)
            > COALESCE((SELECT SUM(e.amount) FROM ledger_entries e
                WHERE e.tenant_id = p.tenant_id AND e.customer_id = p.customer_id AND e.currency = p.currency
                  AND e.kind = 'receipt' AND e.source_kind = 'payment'
                  AND e.effective_on >= (p.agreed_at AT TIME ZONE 'UTC')::date
                  AND e.effective_on <= i.due_on + p.grace_days), 0)
        GROUP BY p.customer_id`,
  );
  return new Map(rows.map((r) => [r.customer_id, r.count]));
}
