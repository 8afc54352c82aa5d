/** `GET /reports/trends`: the daily AR snapshots of a period, oldest first. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from '../../domain/errors.js';
import { queryRows } from '../../store/database.js';
import type { Ctx } from '../context.js';
import { currencyField, dateField } from '../fields.js';
import { loadOrganisation } from '../organisations.js';
import { moneyView } from '../views.js';
import { minor, type SnapshotData } from './ar-snapshots.js';

export const trendsQuery = z.object({
  from: dateField,
  to: dateField,
  currency: currencyField.optional(),
});

export async function arTrends(ctx: Ctx, query: z.infer<typeof trendsQuery>) {
  if (query.to < query.from) throw invalid('to', 'must not be before from');
  const currency = query.currency ?? (await loadOrganisation(ctx.db, ctx.tenantId)).row.baseCurrency;
  const rows = await queryRows<{ as_of: string; data: SnapshotData | string }>(
    ctx.db,
    sql`SELECT as_of::text AS as_of, data FROM ar_snapshots
        WHERE tenant_id = ${ctx.tenantId} AND currency = ${currency} AND as_of BETWEEN ${query.from} AND ${query.to}
        ORDER BY as_of`,
  );
  const money = (amount: string) => moneyView(minor(amount), currency);
  return {
    currency,
    from: query.from,
    to: query.to,
    data: rows.map((row) => {
      const data: SnapshotData = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
      const total = minor(data.total);
      const overdue = minor(data.overdue);
      return {
        as_of: row.as_of,
        total: money(data.total),
        overdue: money(data.overdue),
        overdue_percent: total === 0n ? null : Math.round((Number(overdue) / Number(total)) * 10000) / 100,
        count: data.count,
        buckets: data.buckets.map((b) => ({ label: b.label, count: b.count, amount: money(b.amount) })),
      };
    }),
  };
}
