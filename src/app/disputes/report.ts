/**
 * The dispute age report: disputes open at the end of `as_of`, by how long they have been open
 * and by reason, with the balance they hold up (per currency: amounts are never converted).
 */
import { sql } from 'drizzle-orm';
import { addDays, daysBetween, localDate } from '../../domain/dates.js';
import { queryRows } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { asOfDate } from '../as-of.js';
import { moneyListView } from '../views.js';
import { DISPUTE_REASONS } from './input.js';

const BUCKETS = [
  { label: '0-7', from_days: 0, to_days: 7 },
  { label: '8-30', from_days: 8, to_days: 30 },
  { label: '31-60', from_days: 31, to_days: 60 },
  { label: '61-90', from_days: 61, to_days: 90 },
  { label: '90+', from_days: 91, to_days: null },
] as const;

export async function disputeAgeReport(ctx: Ctx, query: { as_of?: string | undefined }) {
  const asOf = asOfDate(ctx, query.as_of);
  // Open at the end of the day in the organisation's time zone.
  const end = addDays(asOf, 1);
  const rows = await queryRows<{
    reason_code: string;
    opened_at: string | Date;
    currency: string;
    balance: string;
  }>(
    ctx.db,
    sql`SELECT d.reason_code, d.opened_at, i.currency, i.balance::text AS balance
        FROM disputes d JOIN invoices i ON i.tenant_id = d.tenant_id AND i.id = d.invoice_id
        WHERE d.tenant_id = ${ctx.tenantId}
          AND (d.opened_at AT TIME ZONE ${ctx.timeZone})::date < ${end}::date
          AND (d.resolved_at IS NULL OR (d.resolved_at AT TIME ZONE ${ctx.timeZone})::date >= ${end}::date)`,
  );
  const open = rows.map((r) => ({
    reason: r.reason_code,
    age: daysBetween(localDate(new Date(r.opened_at), ctx.timeZone), asOf),
    money: { amount: toBigInt(r.balance), currency: r.currency },
  }));
  const summary = (list: typeof open) => ({
    count: list.length,
    amounts: moneyListView(list.map((d) => d.money)),
  });
  return {
    as_of: asOf,
    buckets: BUCKETS.map((b) => ({
      ...b,
      ...summary(open.filter((d) => d.age >= b.from_days && (b.to_days === null || d.age <= b.to_days))),
    })),
    by_reason: DISPUTE_REASONS.map((reason) => {
      const list = open.filter((d) => d.reason === reason);
      return {
        reason_code: reason,
        ...summary(list),
        average_age_days: list.length
          ? Math.round((list.reduce((s, d) => s + d.age, 0) / list.length) * 10) / 10
          : null,
        buckets: BUCKETS.map((b) => ({
          label: b.label,
          count: list.filter((d) => d.age >= b.from_days && (b.to_days === null || d.age <= b.to_days))
            .length,
        })),
      };
    }),
    total: summary(open),
  };
}
