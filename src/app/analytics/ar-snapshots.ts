/**
 * The day's AR snapshot per currency (aging buckets and totals), written after each real run so
 * trends read one row a day instead of the ledger. Writing the same day again replaces the row:
 * idempotent per day and currency, and a later run that day records the later state.
 */
import { sql } from 'drizzle-orm';
import { localDate, type CalendarDate } from '../../domain/dates.js';
import { formatAmount } from '../../domain/money.js';
import { queryRows } from '../../store/database.js';
import type { Ctx } from '../context.js';
import { agingReport } from '../reports/aging.js';

export interface SnapshotData {
  total: string;
  overdue: string;
  count: number;
  buckets: { label: string; count: number; amount: string }[];
}

export async function writeArSnapshots(ctx: Ctx, asOf: Date): Promise<void> {
  const day = localDate(asOf, ctx.timeZone);
  for (const currency of await currenciesInUse(ctx)) await writeSnapshot(ctx, day, currency);
}

export async function writeSnapshot(ctx: Ctx, day: CalendarDate, currency: string): Promise<SnapshotData> {
  const aging = await agingReport(ctx, { as_of: day, currency });
  const overdue = aging.buckets
    .filter((b) => b.from_days > 0)
    .reduce((sum, b) => sum + minor(b.amount.amount), 0n);
  const data: SnapshotData = {
    total: aging.total.amount,
    overdue: formatAmount(overdue, currency),
    count: aging.count,
    buckets: aging.buckets.map((b) => ({ label: b.label, count: b.count, amount: b.amount.amount })),
  };
  await ctx.db.execute(
    sql`INSERT INTO ar_snapshots (tenant_id, as_of, currency, data)
        VALUES (${ctx.tenantId}, ${day}, ${currency}, ${JSON.stringify(data)}::jsonb)
        ON CONFLICT (tenant_id, as_of, currency) DO UPDATE SET data = EXCLUDED.data`,
  );
  return data;
}

/** Minor units of a decimal string (the aging report's amounts), exactly. */
export function minor(amount: string): bigint {
  const negative = amount.startsWith('-');
  const digits = BigInt(amount.replace('-', '').replace('.', ''));
  return negative ? -digits : digits;
}

async function currenciesInUse(ctx: Ctx): Promise<string[]> {
  const rows = await queryRows<{ currency: string }>(
    ctx.db,
    sql`SELECT DISTINCT currency FROM receivable_totals WHERE tenant_id = ${ctx.tenantId} ORDER BY currency`,
  );
  return rows.map((r) => r.currency);
}
