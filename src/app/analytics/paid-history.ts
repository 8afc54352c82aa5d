/**
 * Invoices paid in full by `asOf` (not written off or voided), with the day they were paid and
 * whether they were ever disputed: what behaviour and prediction learn from.
 */
import { sql, type SQL } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../domain/dates.js';
import type { PaidHistoryItem } from '../../domain/prediction/delay-model.js';
import { queryRows, type Db } from '../../store/database.js';

/** How far back history goes: two years of due dates. */
export const HISTORY_DAYS = 730;

export interface PaidInvoiceFact extends PaidHistoryItem {
  invoiceId: string;
  amount: bigint;
  currency: string;
}

export async function loadPaidHistory(
  db: Db,
  tenantId: string,
  asOf: CalendarDate,
  filter: SQL = sql`true`,
): Promise<PaidInvoiceFact[]> {
  const rows = await queryRows<{
    id: string;
    customer_id: string;
    due_date: string;
    paid_on: string;
    total: string;
    currency: string;
    disputed: boolean;
  }>(
    db,
    sql`SELECT i.id, i.customer_id, i.due_date::text AS due_date, s.paid_on::text AS paid_on, i.total::text AS total, i.currency,
          EXISTS (SELECT 1 FROM disputes d WHERE d.tenant_id = i.tenant_id AND d.invoice_id = i.id) AS disputed
        FROM invoices i
        JOIN LATERAL (
          SELECT MAX(e.effective_on) AS paid_on,
            SUM(CASE WHEN e.kind = 'charge' THEN e.amount ELSE -e.amount END) AS delta,
            bool_or(e.kind IN ('write_off', 'void')) AS settled_otherwise
          FROM ledger_entries e WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.effective_on <= ${asOf}
        ) s ON true
        WHERE i.tenant_id = ${tenantId} AND i.due_date > ${addDays(asOf, -HISTORY_DAYS)} AND i.issue_date <= ${asOf}
          AND i.total + s.delta = 0 AND NOT s.settled_otherwise AND ${filter}
        ORDER BY s.paid_on, i.id`,
  );
  return rows.map((r) => ({
    invoiceId: r.id,
    customerId: r.customer_id,
    dueDate: r.due_date,
    paidOn: r.paid_on,
    disputed: r.disputed,
    amount: BigInt(r.total),
    currency: r.currency,
  }));
}
