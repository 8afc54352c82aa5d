/**
 * Reads payment plans with their instalments and the payments made to their invoices, in
 * three queries whatever the number of plans: a view reads one, a run's batch reads hundreds.
 */
import { sql, type SQL } from 'drizzle-orm';
import { localDate, type CalendarDate } from '../../domain/dates.js';
import { planState, type PlanPayment, type PlanState, type PlanTerms } from '../../domain/plans/index.js';
import { queryRows, type Db } from '../../store/database.js';
import { plainArray, toBigInt } from '../../store/sql-values.js';

export interface PlanRecord {
  id: string;
  customerId: string;
  invoiceIds: string[];
  currency: string;
  total: bigint;
  agreedAt: Date;
  approval: string;
  source: string;
  cancelledAt: Date | null;
  createdAt: Date;
  /** The customer's first time zone: the plan's days are theirs. */
  zone: string;
  terms: PlanTerms;
  /** Payments allocated to the plan's invoices from the day it was agreed. */
  payments: PlanPayment[];
}

interface PlanRow {
  id: string;
  customer_id: string;
  invoice_ids: string[];
  currency: string;
  total: string;
  agreed_at: string | Date;
  grace_days: number;
  default_after: number;
  approval: string;
  source: string;
  cancelled_at: string | Date | null;
  created_at: string | Date;
  zone: string | null;
}

/** Plans chosen by `where` (an SQL condition on alias `p`), in creation order. */
export async function loadPlans(db: Db, tenantId: string, where: SQL): Promise<PlanRecord[]> {
  const rows = await queryRows<PlanRow>(
    db,
    sql`SELECT p.id, p.customer_id, p.invoice_ids::text[] AS invoice_ids, p.currency, p.total::text AS total,
          p.agreed_at, p.grace_days, p.default_after, p.approval, p.source, p.cancelled_at, p.created_at,
          c.time_zones[1] AS zone
        FROM payment_plans p
        JOIN customers c ON c.tenant_id = p.tenant_id AND c.id = p.customer_id
        WHERE p.tenant_id = ${tenantId} AND ${where}
        ORDER BY p.id`,
  );
  if (rows.length === 0) return [];
  const instalments = await queryRows<{
    plan_id: string;
    due_on: string;
    amount: string;
    is_down_payment: boolean;
  }>(
    db,
    sql`SELECT plan_id, due_on::text AS due_on, amount::text AS amount, is_down_payment
        FROM plan_instalments
        WHERE tenant_id = ${tenantId} AND plan_id = ANY(${plainArray(rows.map((r) => r.id))}::uuid[])
        ORDER BY plan_id, position`,
  );
  const records = rows.map((row) => toRecord(row));
  const earliest = records.map((r) => r.terms.agreedOn).sort()[0]!;
  const invoiceIds = [...new Set(rows.flatMap((r) => r.invoice_ids))];
  const paid = await queryRows<{ invoice_id: string; on: string; amount: string }>(
    db,
    sql`SELECT invoice_id, effective_on::text AS on, SUM(amount)::text AS amount
        FROM ledger_entries
        WHERE tenant_id = ${tenantId} AND invoice_id = ANY(${plainArray(invoiceIds)}::uuid[])
          AND kind = 'allocation' AND source_kind = 'payment' AND effective_on >= ${earliest}::date
        GROUP BY invoice_id, effective_on`,
  );
  const instalmentsOf = new Map<string, PlanTerms['instalments'][number][]>();
  for (const i of instalments) {
    const list = instalmentsOf.get(i.plan_id) ?? [];
    list.push({ dueOn: i.due_on, amount: toBigInt(i.amount), isDownPayment: i.is_down_payment });
    instalmentsOf.set(i.plan_id, list);
  }
  for (const record of records) {
    record.terms = { ...record.terms, instalments: instalmentsOf.get(record.id) ?? [] };
    record.payments = paid
      .filter((p) => record.invoiceIds.includes(p.invoice_id) && p.on >= record.terms.agreedOn)
      .map((p) => ({ on: p.on, amount: toBigInt(p.amount) }));
  }
  return records;
}

function toRecord(row: PlanRow): PlanRecord {
  const zone = row.zone ?? 'UTC';
  const agreedAt = new Date(row.agreed_at);
  const cancelledAt = row.cancelled_at ? new Date(row.cancelled_at) : null;
  return {
    id: row.id,
    customerId: row.customer_id,
    invoiceIds: row.invoice_ids,
    currency: row.currency,
    total: toBigInt(row.total),
    agreedAt,
    approval: row.approval,
    source: row.source,
    cancelledAt,
    createdAt: new Date(row.created_at),
    zone,
    terms: {
      agreedOn: localDate(agreedAt, zone),
      graceDays: row.grace_days,
      defaultAfter: row.default_after,
      cancelledOn: cancelledAt ? localDate(cancelledAt, zone) : null,
      instalments: [],
    },
    payments: [],
  };
}

export function stateOf(record: PlanRecord, asOf: CalendarDate): PlanState {
  return planState(record.terms, record.payments, asOf);
}
