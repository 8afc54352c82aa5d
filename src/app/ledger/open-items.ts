import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import { COMPONENTS, type Component, type OpenItem } from '../../domain/ledger/allocate.js';
import { earlyPaymentDiscount, type PaymentTerms } from '../../domain/terms.js';
import { queryRows, type Db } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';

type Row = {
  id: string;
  number: string;
  issue_date: string;
  due_date: string;
  total: string;
  terms: PaymentTerms | null;
  voided: boolean | null;
  disputed: boolean;
} & Record<`${Component}_${'then' | 'now'}`, string | null>;

/** Per-component movement of the receivable for entries dated by `date`. */
function owedColumns(date: CalendarDate, suffix: 'then' | 'now') {
  const moved = (component: Component) =>
    component === 'principal'
      ? sql`-SUM(amount) FILTER (WHERE component = 'principal' AND effective_on <= ${date})`
      : sql`SUM(CASE WHEN kind = 'charge' THEN amount ELSE -amount END)
              FILTER (WHERE component = ${component} AND effective_on <= ${date})`;
  return sql.join(
    COMPONENTS.map((component) => sql`(${moved(component)})::text AS ${sql.raw(`${component}_${suffix}`)}`),
    sql`, `,
  );
}

/**
 * A customer's open items in one currency that money dated `on` may pay. What is owed is the
 * smaller of the state on that date and the state now, per component, so a back-dated payment
 * can neither pay a fee charged later nor pay what a later payment already paid. One query
 * reads both states.
 */
export async function loadOpenItems(
  db: Db,
  tenantId: string,
  customerId: string,
  currency: string,
  on: CalendarDate,
  now: CalendarDate,
): Promise<OpenItem[]> {
  const latest = on > now ? on : now;
  const rows = await queryRows<Row>(
    db,
    sql`
    SELECT i.id, i.number, i.issue_date::text AS issue_date, i.due_date::text AS due_date,
      i.total::text AS total, i.terms, e.*,
      EXISTS (SELECT 1 FROM disputes d WHERE d.tenant_id = i.tenant_id AND d.invoice_id = i.id
        AND d.resolved_at IS NULL) AS disputed
    FROM invoices i
    LEFT JOIN LATERAL (
      SELECT bool_or(kind = 'void') AS voided, ${owedColumns(on, 'then')}, ${owedColumns(latest, 'now')}
      FROM ledger_entries e
      WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id
    ) e ON true
    WHERE i.tenant_id = ${tenantId} AND i.customer_id = ${customerId} AND i.currency = ${currency}
      AND i.balance > 0 AND i.issue_date <= ${on}
    ORDER BY i.due_date, i.issue_date, i.number`,
  );
  return rows.filter((row) => row.voided !== true).map((row) => toOpenItem(row, on));
}

function toOpenItem(row: Row, on: CalendarDate): OpenItem {
  const total = toBigInt(row.total);
  const owed = {} as Record<Component, bigint>;
  for (const component of COMPONENTS) {
    const base = component === 'principal' ? total : 0n;
    const then = base + toBigInt(row[`${component}_then`]);
    const now = base + toBigInt(row[`${component}_now`]);
    const least = then < now ? then : now;
    owed[component] = least > 0n ? least : 0n;
  }
  return {
    invoiceId: row.id,
    number: row.number,
    dueDate: row.due_date,
    issueDate: row.issue_date,
    owed,
    // Money without instructions never goes to a disputed item (FDCPA §810); explicit allocations may.
    autoAllocatable: row.disputed !== true,
    discountAvailable: earlyPaymentDiscount(total, row.issue_date, row.terms, on),
  };
}
