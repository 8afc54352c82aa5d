/** `GET /customers/{id}/behaviour`: payment behaviour, alerts and predictions of one customer. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CalendarDate } from '../../domain/dates.js';
import { behaviourAlerts, paymentBehaviour } from '../../domain/behaviour/index.js';
import { promiseStatus } from '../../domain/promises.js';
import { queryRows } from '../../store/database.js';
import type { Ctx } from '../context.js';
import { findCustomer } from '../customers.js';
import { asOfDate } from '../as-of.js';
import { asOfField } from '../fields.js';
import { promiseFacts } from '../promises.js';
import { loadPaidHistory } from './paid-history.js';
import { predictionView, predictOpenInvoices } from './predictions.js';

export const behaviourQuery = z.object({ as_of: asOfField.optional() });

export async function customerBehaviour(ctx: Ctx, customerId: string, query: z.infer<typeof behaviourQuery>) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  const asOf = asOfDate(ctx, query.as_of);
  const paid = await loadPaidHistory(ctx.db, ctx.tenantId, asOf, sql`i.customer_id = ${customer.id}`);
  const behaviour = paymentBehaviour(paid);
  const predictions = await predictOpenInvoices(ctx, asOf, sql`i.customer_id = ${customer.id}`);
  return {
    customer_id: customer.id,
    as_of: asOf,
    ...behaviour,
    disputes: await disputeCounts(ctx, customer.id, asOf),
    promises: await promiseCounts(ctx, customer.id, asOf),
    alerts: behaviourAlerts(behaviour),
    predictions: predictions.map(predictionView),
  };
}

async function disputeCounts(ctx: Ctx, customerId: string, asOf: CalendarDate) {
  const dayEnd = sql`(${asOf}::date + 1)::timestamp AT TIME ZONE 'UTC'`;
  const [row] = await queryRows<{ opened: number; open: number }>(
    ctx.db,
    sql`SELECT COUNT(*)::int AS opened,
          COUNT(*) FILTER (WHERE resolved_at IS NULL OR resolved_at >= ${dayEnd})::int AS open
        FROM disputes WHERE tenant_id = ${ctx.tenantId} AND customer_id = ${customerId} AND opened_at < ${dayEnd}`,
  );
  return { opened: row?.opened ?? 0, open: row?.open ?? 0 };
}

export async function promiseCounts(ctx: Ctx, customerId: string, asOf: CalendarDate) {
  const facts = await promiseFacts(
    ctx.db,
    ctx.tenantId,
    sql`p.customer_id = ${customerId} AND (p.agreed_at AT TIME ZONE 'UTC')::date <= ${asOf}::date`,
    asOf,
  );
  const counts = { kept: 0, broken: 0, pending: 0, cancelled: 0 };
  for (const f of facts) counts[promiseStatus(f, f.paid, asOf)]++;
  return counts;
}
