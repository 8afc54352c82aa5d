import { sql } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { pgArray } from '../../store/sql-values.js';

/** A change to the open receivables of one (currency, due date, issue date) cell. */
export interface TotalsChange {
  currency: string;
  dueDate: string;
  issueDate: string;
  openCount: number;
  balance: bigint;
}

/**
 * Adds changes to `receivable_totals` in one statement, merged per cell first. Runs in the
 * caller's transaction, beside the invoice or entry writes it mirrors.
 */
export async function applyTotalsChanges(
  tx: Db,
  tenantId: string,
  changes: readonly TotalsChange[],
): Promise<void> {
  const merged = new Map<string, TotalsChange>();
  for (const change of changes) {
    const key = `${change.currency}|${change.dueDate}|${change.issueDate}`;
    const current = merged.get(key);
    if (current) {
      current.openCount += change.openCount;
      current.balance += change.balance;
    } else merged.set(key, { ...change });
  }
  const cells = [...merged.values()].filter((c) => c.openCount !== 0 || c.balance !== 0n);
  if (cells.length === 0) return;
  await tx.execute(sql`
    INSERT INTO receivable_totals (tenant_id, currency, due_date, issue_date, open_count, balance)
    SELECT ${tenantId}, c.currency, c.due_date, c.issue_date, c.open_count, c.balance
    FROM unnest(${pgArray(cells.map((c) => c.currency))}::char(3)[], ${pgArray(cells.map((c) => c.dueDate))}::date[],
      ${pgArray(cells.map((c) => c.issueDate))}::date[], ${pgArray(cells.map((c) => c.openCount))}::int[],
      ${pgArray(cells.map((c) => c.balance))}::bigint[]) AS c(currency, due_date, issue_date, open_count, balance)
    ORDER BY 2, 3, 4
    ON CONFLICT (tenant_id, currency, due_date, issue_date) DO UPDATE
      SET open_count = receivable_totals.open_count + excluded.open_count,
          balance = receivable_totals.balance + excluded.balance`);
}

/** New invoices: each adds one open item and its total. */
export function invoicesAdded(
  invoices: readonly { currency: string; dueDate: string; issueDate: string; total: bigint }[],
): TotalsChange[] {
  return invoices.map((i) => ({
    currency: i.currency,
    dueDate: i.dueDate,
    issueDate: i.issueDate,
    openCount: 1,
    balance: i.total,
  }));
}
