/**
 * The itemization a validation notice prints (12 CFR 1006.34(c)(2)): for each debt, what was
 * owed on the itemization date (here the transaction date: the invoice's issue date and total),
 * then interest, fees, payments and credits since, and what is owed now. Read from the ledger
 * for all the notices of a run's batch in one query.
 */
import { sql } from 'drizzle-orm';
import type { MessageData, ValidationFacts } from '../../channels/message.js';
import { formatAmount } from '../../domain/money.js';
import { queryRows, type Db } from '../../store/database.js';
import { plainArray, toBigInt } from '../../store/sql-values.js';
import { VALIDATION_TEMPLATE } from './validation-notice.js';

interface ItemizationRow {
  id: string;
  number: string;
  currency: string;
  issue_date: string;
  total: string;
  balance: string;
  interest: string;
  fees: string;
  payments: string;
  credits: string;
}

/** Fills `data.validation.items` of the validation notices among `actions`, in place. */
export async function addItemizations(
  tx: Db,
  tenantId: string,
  actions: readonly { template: string | null; invoiceIds: string[]; payload: Record<string, unknown> }[],
): Promise<void> {
  const notices = actions.filter((a) => a.template === VALIDATION_TEMPLATE);
  if (notices.length === 0) return;
  const ids = [...new Set(notices.flatMap((a) => a.invoiceIds))];
  const rows = await queryRows<ItemizationRow>(
    tx,
    sql`SELECT i.id, i.number, i.currency, i.issue_date::text AS issue_date, i.total::text AS total,
          i.balance::text AS balance,
          COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'charge' AND e.component = 'interest'), 0)::text AS interest,
          COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'charge' AND e.component = 'fee'), 0)::text AS fees,
          COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'allocation' AND e.source_kind = 'payment'), 0)::text AS payments,
          COALESCE(SUM(e.amount) FILTER (WHERE (e.kind = 'allocation' AND e.source_kind = 'credit_note')
            OR e.kind IN ('discount', 'write_off', 'void')), 0)::text AS credits
        FROM invoices i
        LEFT JOIN ledger_entries e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id
        WHERE i.tenant_id = ${tenantId} AND i.id = ANY(${plainArray(ids)}::uuid[])
        GROUP BY i.id, i.number, i.currency, i.issue_date, i.total, i.balance`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const notice of notices) {
    const data = notice.payload.data as MessageData | undefined;
    if (!data?.validation) continue;
    const items = notice.invoiceIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [itemized(row)] : [];
    });
    data.validation = {
      ...data.validation,
      itemization_date: items.map((i) => i.itemization_date).sort()[0] ?? null,
      items,
    };
  }
}

function itemized(row: ItemizationRow): ValidationFacts['items'][number] {
  const figure = (amount: string) => ({
    amount: formatAmount(toBigInt(amount), row.currency),
    currency: row.currency,
  });
  return {
    invoice_id: row.id,
    number: row.number,
    itemization_date: row.issue_date,
    amount_on_itemization_date: figure(row.total),
    interest: figure(row.interest),
    fees: figure(row.fees),
    payments: figure(row.payments),
    credits: figure(row.credits),
    current: figure(row.balance),
  };
}
