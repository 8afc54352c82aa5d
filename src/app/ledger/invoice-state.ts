import { sql, type SQL } from 'drizzle-orm';
import { daysPastDue } from '../../domain/aging.js';
import type { CalendarDate } from '../../domain/dates.js';
import type { Component } from '../../domain/ledger/allocate.js';
import { invoiceStatus, type InvoiceStatus } from '../../domain/ledger/status.js';
import type { PaymentTerms } from '../../domain/terms.js';
import { queryRows, type Db } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';

/** An invoice as the ledger sees it on one date: what is owed per component and its status. */
export interface InvoiceState {
  id: string;
  customerId: string;
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  currency: string;
  total: bigint;
  terms: PaymentTerms | null;
  lines: unknown;
  createdAt: Date;
  owed: Record<Component, bigint>;
  balance: bigint;
  paid: bigint;
  writtenOff: bigint;
  voided: boolean;
  status: InvoiceStatus;
  daysPastDue: number;
}

interface Row {
  id: string;
  customer_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total: string;
  terms: PaymentTerms | null;
  lines: unknown;
  created_at: string | Date;
  fee: string | null;
  interest: string | null;
  principal_down: string | null;
  paid: string | null;
  written_off: string | null;
  voided: boolean | null;
  disputed: boolean;
}

/**
 * Loads invoices issued by `asOf` with their state on that date, from the entries effective by
 * then (so a payment received later is not in it). `filter` is an SQL condition on alias `i`.
 */
export async function loadInvoiceStates(
  db: Db,
  tenantId: string,
  filter: SQL,
  asOf: CalendarDate,
  options: { includeNotYetIssued?: boolean } = {},
): Promise<InvoiceState[]> {
  const issued = options.includeNotYetIssued ? sql`true` : sql`i.issue_date <= ${asOf}`;
  // A dispute open at the end of the day (UTC) makes the invoice `disputed` on that day.
  const dayEnd = sql`((${asOf}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
  const rows = await queryRows<Row>(
    db,
    sql`
    SELECT i.id, i.customer_id, i.number, i.issue_date::text AS issue_date, i.due_date::text AS due_date,
      i.currency, i.total::text AS total, i.terms, i.lines, i.created_at,
      e.fee::text AS fee, e.interest::text AS interest, e.principal_down::text AS principal_down,
      e.paid::text AS paid, e.written_off::text AS written_off, e.voided,
      EXISTS (SELECT 1 FROM disputes d WHERE d.tenant_id = i.tenant_id AND d.invoice_id = i.id
        AND d.opened_at < ${dayEnd} AND (d.resolved_at IS NULL OR d.resolved_at >= ${dayEnd})) AS disputed
    FROM invoices i
    LEFT JOIN LATERAL (
      SELECT
        SUM(CASE WHEN component = 'fee' THEN CASE WHEN kind = 'charge' THEN amount ELSE -amount END END) AS fee,
        SUM(CASE WHEN component = 'interest' THEN CASE WHEN kind = 'charge' THEN amount ELSE -amount END END) AS interest,
        SUM(CASE WHEN component = 'principal' THEN amount END) AS principal_down,
        SUM(CASE WHEN kind = 'allocation' AND source_kind = 'payment' THEN amount END) AS paid,
        SUM(CASE WHEN kind = 'write_off' THEN amount END) AS written_off,
        bool_or(kind = 'void') AS voided
      FROM ledger_entries e
      WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.effective_on <= ${asOf}
    ) e ON true
    WHERE i.tenant_id = ${tenantId} AND ${issued} AND ${filter}
    ORDER BY i.due_date, i.issue_date, i.number`,
  );
  return rows.map((row) => toState(row, asOf));
}

function toState(row: Row, asOf: CalendarDate): InvoiceState {
  const total = toBigInt(row.total);
  const owed = {
    fee: toBigInt(row.fee),
    interest: toBigInt(row.interest),
    principal: total - toBigInt(row.principal_down),
  };
  const balance = owed.fee + owed.interest + owed.principal;
  const paid = toBigInt(row.paid);
  const writtenOff = toBigInt(row.written_off);
  const voided = row.voided === true;
  return {
    id: row.id,
    customerId: row.customer_id,
    number: row.number,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    currency: row.currency,
    total,
    terms: row.terms,
    lines: row.lines,
    createdAt: new Date(row.created_at),
    owed,
    balance,
    paid,
    writtenOff,
    voided,
    status: invoiceStatus({
      balance,
      paidAmount: paid,
      writtenOffAmount: writtenOff,
      voided,
      disputeOpen: row.disputed === true,
    }),
    daysPastDue: balance > 0n && !voided ? daysPastDue(row.due_date, asOf) : 0,
  };
}
