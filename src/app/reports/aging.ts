import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { agingBuckets, bucketIndex, daysPastDue, edgesProblem } from '../../domain/aging.js';
import { invalid } from '../../domain/errors.js';
import { queryRows } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { asOfDate } from '../as-of.js';
import { asOfField, currencyField } from '../fields.js';
import { loadOrganisation } from '../organisations.js';
import { moneyView } from '../views.js';
import { loadInvoiceStates } from '../ledger/invoice-state.js';

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
 * Open receivables by days past due on `as_of`, from the running totals per due date
 * (`receivable_totals`) corrected by the movements dated after `as_of`: a report for today reads
 * a few thousand rows, one for the past also reads what happened since.
 */
export async function agingReport(ctx: Ctx, query: z.infer<typeof agingQuery>) {
  const asOf = asOfDate(ctx, query.as_of);
  const currency = query.currency ?? (await loadOrganisation(ctx.db, ctx.tenantId)).row.baseCurrency;
  const edges = query.buckets ? query.buckets.split(',').map(Number) : undefined;
  const problem = edges && edgesProblem(edges);
  if (problem) throw invalid('buckets', problem);
  const buckets = agingBuckets(edges);
  const rows = query.customer_id
    ? await cellsForCustomer(ctx, query.customer_id, currency, asOf)
    : await cellsFromTotals(ctx, currency, asOf);
  const byBucket = new Map<number, { count: number; amount: bigint }>();
  for (const row of rows) {
    const index = bucketIndex(buckets, daysPastDue(row.due_date, asOf));
    const bucket = byBucket.get(index) ?? { count: 0, amount: 0n };
    bucket.count += Number(row.count);
    bucket.amount += toBigInt(row.amount);
    byBucket.set(index, bucket);
  }
  let total = 0n;
  let count = 0;
  const bucketViews = buckets.map((bucket, index) => {
    const row = byBucket.get(index);
    const amount = row?.amount ?? 0n;
    total += amount;
    count += row?.count ?? 0;
    return {
      label: bucket.label,
      from_days: bucket.fromDays,
      to_days: bucket.toDays,
      count: row?.count ?? 0,
      amount: moneyView(amount, currency),
    };
  });
  return { as_of: asOf, currency, buckets: bucketViews, count, total: moneyView(total, currency) };
}

export interface Cell {
  due_date: string;
  count: number;
  amount: string | bigint;
}

export async function cellsFromTotals(ctx: Ctx, currency: string, asOf: string): Promise<Cell[]> {
  return queryRows<Cell>(
    ctx.db,
    sql`
    WITH later AS (
      SELECT invoice_id, SUM(CASE WHEN kind = 'charge' THEN amount ELSE -amount END)::bigint AS delta
      FROM ledger_entries
      WHERE tenant_id = ${ctx.tenantId} AND currency = ${currency} AND invoice_id IS NOT NULL AND effective_on > ${asOf}
      GROUP BY invoice_id
    ),
    cells AS (
      SELECT due_date, open_count AS count, balance
      FROM receivable_totals
      WHERE tenant_id = ${ctx.tenantId} AND currency = ${currency} AND issue_date <= ${asOf}
      UNION ALL
      -- invoices that moved after as_of: swap their current contribution for the one on as_of
      SELECT i.due_date,
        (CASE WHEN i.balance - l.delta > 0 THEN 1 ELSE 0 END) - (CASE WHEN i.balance > 0 THEN 1 ELSE 0 END),
        -l.delta
      FROM later l JOIN invoices i ON i.tenant_id = ${ctx.tenantId} AND i.id = l.invoice_id
      WHERE i.issue_date <= ${asOf}
    )
    SELECT due_date::text AS due_date, SUM(count)::int AS count, SUM(balance)::text AS amount
    FROM cells GROUP BY due_date`,
  );
}

/** One customer's aging, from its invoices' states on `as_of`. */
async function cellsForCustomer(
  ctx: Ctx,
  customerId: string,
  currency: string,
  asOf: string,
): Promise<Cell[]> {
  const states = await loadInvoiceStates(
    ctx.db,
    ctx.tenantId,
    sql`i.customer_id = ${customerId} AND i.currency = ${currency}`,
    asOf,
  );
  return states
    .filter((state) => state.balance > 0n)
    .map((state) => ({ due_date: state.dueDate, count: 1, amount: state.balance }));
}
