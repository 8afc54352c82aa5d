import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import { formatAmount } from '../../domain/money.js';
import type { Component } from '../../domain/ledger/allocate.js';
import { queryRows, type Db } from '../../store/database.js';
import { ledgerEntries } from '../../store/schema.js';
import { pgArray } from '../../store/sql-values.js';
import { newId } from '../context.js';
import { markForReview } from '../collection-review.js';
import { recordEvents, type DomainEvent } from '../events/record.js';

export type EntryKind = 'charge' | 'allocation' | 'discount' | 'write_off' | 'void' | 'receipt';
export type SourceKind = 'payment' | 'credit_note';

/** Kinds that lower an invoice's receivable; `charge` raises it. */
export const RECEIVABLE_DOWN: readonly EntryKind[] = ['allocation', 'discount', 'write_off', 'void'];

export interface NewEntry {
  customerId: string;
  currency: string;
  kind: EntryKind;
  amount: bigint;
  effectiveOn: CalendarDate;
  documentId: string;
  invoiceId?: string;
  component?: Component;
  sourceKind?: SourceKind;
  sourceId?: string;
}

/**
 * Appends entries and moves the cached invoice balances with them, in the caller's transaction.
 * The balance check constraint refuses anything that would take an invoice below zero. Each
 * call records a `ledger.posted` event per customer, with who posted (`actor`).
 */
export async function postEntries(
  tx: Db,
  tenantId: string,
  entries: readonly NewEntry[],
  actor = 'system',
): Promise<void> {
  if (entries.length === 0) return;
  // The audit log keeps when the posting happened: the database's clock (transaction start).
  const [{ now }] = (await queryRows<{ now: string | Date }>(tx, sql`SELECT now() AS now`)) as [
    { now: string | Date },
  ];
  await recordEvents(tx, tenantId, ledgerEvents(entries, actor, new Date(now)));
  await tx.insert(ledgerEntries).values(
    entries.map((entry) => ({
      tenantId,
      id: newId(),
      customerId: entry.customerId,
      currency: entry.currency,
      kind: entry.kind,
      amount: entry.amount,
      effectiveOn: entry.effectiveOn,
      invoiceId: entry.invoiceId ?? null,
      component: entry.component ?? null,
      sourceKind: entry.sourceKind ?? null,
      sourceId: entry.sourceId ?? null,
      documentId: entry.documentId,
    })),
  );
  await markForReview(
    tx,
    tenantId,
    entries.map((entry) => entry.customerId),
  );
  const deltas = new Map<string, bigint>();
  for (const entry of entries) {
    if (!entry.invoiceId) continue;
    const sign = entry.kind === 'charge' ? 1n : RECEIVABLE_DOWN.includes(entry.kind) ? -1n : 0n;
    deltas.set(entry.invoiceId, (deltas.get(entry.invoiceId) ?? 0n) + sign * entry.amount);
  }
  const changed = [...deltas].filter(([, delta]) => delta !== 0n);
  if (changed.length === 0) return;
  // One statement moves the cached balances and the aging totals together.
  await tx.execute(sql`
    WITH d AS (
      SELECT * FROM unnest(${pgArray(changed.map(([id]) => id))}::uuid[], ${pgArray(changed.map(([, d]) => d))}::bigint[])
        AS d(id, delta)
    ),
    moved AS (
      UPDATE invoices SET balance = balance + d.delta FROM d
      WHERE invoices.tenant_id = ${tenantId} AND invoices.id = d.id
      RETURNING invoices.currency, invoices.due_date, invoices.issue_date, invoices.balance, d.delta
    )
    INSERT INTO receivable_totals (tenant_id, currency, due_date, issue_date, open_count, balance)
    SELECT ${tenantId}, currency, due_date, issue_date,
      SUM((CASE WHEN balance > 0 THEN 1 ELSE 0 END) - (CASE WHEN balance - delta > 0 THEN 1 ELSE 0 END)),
      SUM(delta)
    FROM moved GROUP BY currency, due_date, issue_date ORDER BY 2, 3, 4
    ON CONFLICT (tenant_id, currency, due_date, issue_date) DO UPDATE
      SET open_count = receivable_totals.open_count + excluded.open_count,
          balance = receivable_totals.balance + excluded.balance`);
}

/** One `ledger.posted` event per customer of the call, listing its entries. */
function ledgerEvents(entries: readonly NewEntry[], actor: string, at: Date): DomainEvent[] {
  const byCustomer = new Map<string, NewEntry[]>();
  for (const entry of entries) {
    const list = byCustomer.get(entry.customerId);
    if (list) list.push(entry);
    else byCustomer.set(entry.customerId, [entry]);
  }
  return [...byCustomer].map(([customerId, list]) => {
    const documents = [...new Set(list.map((e) => e.documentId))];
    return {
      type: 'ledger.posted',
      at,
      actor,
      subjectType: 'ledger',
      subjectId: documents.length === 1 ? documents[0]! : null,
      customerId,
      data: {
        entries: list.map((e) => ({
          kind: e.kind,
          amount: formatAmount(e.amount, e.currency),
          currency: e.currency,
          effective_on: e.effectiveOn,
          document_id: e.documentId,
          invoice_id: e.invoiceId ?? null,
          component: e.component ?? null,
          source_kind: e.sourceKind ?? null,
          source_id: e.sourceId ?? null,
        })),
      },
    };
  });
}

/**
 * Serialises ledger writes for one customer (two payments at once must not both spend the
 * same open balance). A row lock on PostgreSQL; PGlite has one connection and is serial anyway.
 */
export async function lockCustomer(tx: Db, tenantId: string, customerId: string): Promise<void> {
  await tx.execute(
    sql`SELECT id FROM customers WHERE tenant_id = ${tenantId} AND id = ${customerId} FOR UPDATE`,
  );
}

/** The same lock, found from an invoice; does nothing for an unknown invoice (the caller reports it). */
export async function lockCustomerOfInvoice(tx: Db, tenantId: string, invoiceId: string): Promise<void> {
  await tx.execute(sql`SELECT c.id FROM customers c JOIN invoices i ON i.customer_id = c.id AND i.tenant_id = c.tenant_id
    WHERE i.tenant_id = ${tenantId} AND i.id = ${invoiceId} FOR UPDATE OF c`);
}

/** Locks several customers at once, in id order (so two transactions cannot deadlock). */
export async function lockCustomers(tx: Db, tenantId: string, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.execute(sql`SELECT id FROM customers WHERE tenant_id = ${tenantId}
    AND id = ANY(${pgArray([...customerIds].sort())}::uuid[]) ORDER BY id FOR UPDATE`);
}
