import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';

export interface LedgerCheck {
  ok: boolean;
  problems: string[];
  /** Per currency: what customers owe and what they have on account. */
  totals: { currency: string; receivable: bigint; onAccount: bigint }[];
}

/**
 * Proves no money was created or lost, from the documents and entries alone:
 * - every cached invoice balance equals its total plus its entries, and no part of it is negative;
 * - the receivable totals behind the aging report equal the invoices they sum;
 * - no payment or credit note has spent more than it brought;
 * - per currency, receivables − on-account = invoiced + charged − paid − credited − written off
 *   − discounts − voids.
 */
export async function verifyLedger(db: Db, tenantId: string): Promise<LedgerCheck> {
  const problems: string[] = [];
  const badBalances = await queryRows<{ number: string; cached: string; derived: string }>(
    db,
    sql`SELECT i.number, i.balance::text AS cached, (i.total + COALESCE(e.delta, 0))::text AS derived
        FROM invoices i LEFT JOIN (
          SELECT invoice_id, SUM(CASE WHEN kind = 'charge' THEN amount ELSE -amount END) AS delta
          FROM ledger_entries WHERE tenant_id = ${tenantId} AND invoice_id IS NOT NULL GROUP BY invoice_id
        ) e ON e.invoice_id = i.id
        WHERE i.tenant_id = ${tenantId} AND i.balance <> i.total + COALESCE(e.delta, 0)
        LIMIT 20`,
  );
  for (const row of badBalances) {
    problems.push(`invoice ${row.number}: cached balance ${row.cached} but entries give ${row.derived}`);
  }
  const negativeParts = await queryRows<{ number: string; component: string; owed: string }>(
    db,
    sql`SELECT i.number, c.component, c.owed::text AS owed FROM (
          SELECT invoice_id, component,
            SUM(CASE WHEN kind = 'charge' THEN amount ELSE -amount END) AS owed
          FROM ledger_entries WHERE tenant_id = ${tenantId} AND invoice_id IS NOT NULL GROUP BY invoice_id, component
        ) c JOIN invoices i ON i.id = c.invoice_id
        WHERE (c.component <> 'principal' AND c.owed < 0) OR (c.component = 'principal' AND i.total + c.owed < 0)
        LIMIT 20`,
  );
  for (const row of negativeParts)
    problems.push(`invoice ${row.number}: ${row.component} below zero (${row.owed})`);
  const overspent = await queryRows<{ source_id: string; unapplied: string }>(
    db,
    sql`SELECT source_id, SUM(CASE WHEN kind = 'receipt' THEN amount WHEN kind = 'allocation' THEN -amount ELSE 0 END)::text AS unapplied
        FROM ledger_entries WHERE tenant_id = ${tenantId} AND source_id IS NOT NULL GROUP BY source_id
        HAVING SUM(CASE WHEN kind = 'receipt' THEN amount WHEN kind = 'allocation' THEN -amount ELSE 0 END) < 0
        LIMIT 20`,
  );
  for (const row of overspent)
    problems.push(`source ${row.source_id} allocated more than it brought (${row.unapplied})`);
  const receiptMismatch = await queryRows<{ id: string }>(
    db,
    sql`SELECT d.id FROM (
          SELECT id, amount FROM payments WHERE tenant_id = ${tenantId}
          UNION ALL SELECT id, amount FROM credit_notes WHERE tenant_id = ${tenantId}
        ) d LEFT JOIN ledger_entries e ON e.tenant_id = ${tenantId} AND e.source_id = d.id AND e.kind = 'receipt'
        WHERE e.amount IS DISTINCT FROM d.amount LIMIT 20`,
  );
  for (const row of receiptMismatch) problems.push(`document ${row.id} has no matching receipt entry`);

  const badTotals = await queryRows<{ currency: string; due_date: string; issue_date: string }>(
    db,
    sql`SELECT COALESCE(t.currency, i.currency) AS currency, COALESCE(t.due_date, i.due_date)::text AS due_date,
          COALESCE(t.issue_date, i.issue_date)::text AS issue_date
        FROM (SELECT * FROM receivable_totals WHERE tenant_id = ${tenantId} AND (open_count <> 0 OR balance <> 0)) t
        FULL JOIN (
          SELECT currency, due_date, issue_date, COUNT(*) FILTER (WHERE balance > 0) AS open_count, SUM(balance) AS balance
          FROM invoices WHERE tenant_id = ${tenantId} GROUP BY currency, due_date, issue_date
          HAVING SUM(balance) <> 0 OR COUNT(*) FILTER (WHERE balance > 0) <> 0
        ) i ON i.currency = t.currency AND i.due_date = t.due_date AND i.issue_date = t.issue_date
        WHERE t.open_count IS DISTINCT FROM i.open_count OR t.balance IS DISTINCT FROM i.balance
        LIMIT 20`,
  );
  for (const row of badTotals) {
    problems.push(
      `receivable totals for ${row.currency} due ${row.due_date} issued ${row.issue_date} differ from the invoices`,
    );
  }

  const sums = await queryRows<Record<string, string>>(
    db,
    sql`SELECT currency, SUM(receivable)::text AS receivable, SUM(on_account)::text AS on_account,
          SUM(invoiced)::text AS invoiced, SUM(charged)::text AS charged, SUM(received)::text AS received,
          SUM(reduced)::text AS reduced
        FROM (
          SELECT currency, balance AS receivable, 0 AS on_account, total AS invoiced, 0 AS charged, 0 AS received, 0 AS reduced
            FROM invoices WHERE tenant_id = ${tenantId}
          UNION ALL
          SELECT currency, 0, CASE WHEN kind = 'receipt' THEN amount WHEN kind = 'allocation' AND source_id IS NOT NULL THEN -amount ELSE 0 END,
            0, CASE WHEN kind = 'charge' THEN amount ELSE 0 END,
            CASE WHEN kind = 'receipt' THEN amount ELSE 0 END,
            CASE WHEN kind IN ('write_off', 'discount', 'void') THEN amount ELSE 0 END
            FROM ledger_entries WHERE tenant_id = ${tenantId}
        ) movements GROUP BY currency ORDER BY currency`,
  );
  const totals = sums.map((row) => {
    const receivable = toBigInt(row.receivable);
    const onAccount = toBigInt(row.on_account);
    const expected =
      toBigInt(row.invoiced) + toBigInt(row.charged) - toBigInt(row.received) - toBigInt(row.reduced);
    if (receivable - onAccount !== expected) {
      problems.push(
        `${row.currency}: receivables ${receivable} − on account ${onAccount} ≠ ${expected} from the documents`,
      );
    }
    return { currency: row.currency!, receivable, onAccount };
  });
  return { ok: problems.length === 0, problems, totals };
}
