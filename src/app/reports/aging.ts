import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { agingBuckets, edgesProblem } from '../../domain/aging.js';
import { invalid } from '../../domain/errors.js';
import { queryRows } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { asOfDate } from '../as-of.js';
import { asOfField, currencyField } from '../fields.js';
import { loadOrganisation } from '../organisations.js';
import { moneyView } from '../views.js';

export const agingQuery = z.object({
  as_of: asOfField.optional(),
  currency: currencyField.optional(),
  buckets: z
    .string()
    .regex(/^\d+(,\d+)*$/, { message: 'must be upper edges in days, e.g. 30,60,90,120' })
    .optional(),
  customer_id: z.uuid().optional(),
});

/**
 * Open receivables by days past due on `as_of`. Balances come from the cached invoice balance
 * minus movements dated after `as_of`, so a report for today reads no history and one for the
 * past reads only what happened since.
 */
export async function agingReport(ctx: Ctx, query: z.infer<typeof agingQuery>) {
  const asOf = asOfDate(ctx, query.as_of);
  const currency = query.currency ?? (await loadOrganisation(ctx.db, ctx.tenantId)).row.baseCurrency;
  const edges = query.buckets ? query.buckets.split(',').map(Number) : undefined;
  const problem = edges && edgesProblem(edges);
  if (problem) throw invalid('buckets', problem);
  const buckets = agingBuckets(edges);
  const bucketCase = sql.join(
    buckets.map((b, index) =>
      b.toDays === null ? sql`ELSE ${index}` : sql`WHEN dpd <= ${b.toDays} THEN ${index}`,
    ),
    sql` `,
  );
  const customerFilter = query.customer_id ? sql`AND i.customer_id = ${query.customer_id}` : sql``;
  const rows = await queryRows<{ bucket: number; count: number; amount: string }>(
    ctx.db,
    sql`
    WITH later AS (
      SELECT invoice_id, SUM(CASE WHEN kind = 'charge' THEN amount ELSE -amount END) AS delta
      FROM ledger_entries
      WHERE tenant_id = ${ctx.tenantId} AND currency = ${currency} AND invoice_id IS NOT NULL AND effective_on > ${asOf}
      GROUP BY invoice_id
    ),
    open_items AS (
      SELECT ${asOf}::date - i.due_date AS dpd, i.balance - COALESCE(l.delta, 0) AS balance
      FROM invoices i LEFT JOIN later l ON l.invoice_id = i.id
      WHERE i.tenant_id = ${ctx.tenantId} AND i.currency = ${currency} AND i.issue_date <= ${asOf}
        AND (i.balance > 0 OR l.invoice_id IS NOT NULL) ${customerFilter}
    )
    SELECT (CASE ${bucketCase} END)::int AS bucket, COUNT(*)::int AS count, SUM(balance)::text AS amount
    FROM open_items WHERE balance > 0
    GROUP BY 1 ORDER BY 1`,
  );
  const byBucket = new Map(rows.map((r) => [Number(r.bucket), r]));
  let total = 0n;
  let count = 0;
  const bucketViews = buckets.map((bucket, index) => {
    const row = byBucket.get(index);
    const amount = toBigInt(row?.amount);
    total += amount;
    count += row ? Number(row.count) : 0;
    return {
      label: bucket.label,
      from_days: bucket.fromDays,
      to_days: bucket.toDays,
      count: row ? Number(row.count) : 0,
      amount: moneyView(amount, currency),
    };
  });
  return { as_of: asOf, currency, buckets: bucketViews, count, total: moneyView(total, currency) };
}
