import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import type { Component } from '../../domain/ledger/allocate.js';
import { queryRows, type Db } from '../../store/database.js';
import { ledgerEntries } from '../../store/schema.js';
import { pgArray, toBigInt } from '../../store/sql-values.js';
import { applyTotalsChanges } from './receivable-totals.js';
import { newId } from '../context.js';

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
 * The balance check constraint refuses anything that would take an invoice below zero.
 */
export async function postEntries(tx: Db, tenantId: string, entries: readonly NewEntry[]): Promise<void> {
  if (entries.length === 0) return;
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
  const deltas = new Map<string, bigint>();
  for (const entry of entries) {
    if (!entry.invoiceId) continue;
    const sign = entry.kind === 'charge' ? 1n : RECEIVABLE_DOWN.includes(entry.kind) ? -1n : 0n;
    deltas.set(entry.invoiceId, (deltas.get(entry.invoiceId) ?? 0n) + sign * entry.amount);
  }
  const changed = [...deltas].filter(([, delta]) => delta !== 0n);
  if (changed.length === 0) return;
  const updated = await queryRows<{
    currency: string;
    due_date: string;
    issue_date: string;
    balance: string;
    delta: string;
  }>(
    tx,
    sql`
    UPDATE invoices SET balance = balance + d.delta
    FROM unnest(${pgArray(changed.map(([id]) => id))}::uuid[], ${pgArray(changed.map(([, d]) => d))}::bigint[])
      AS d(id, delta)
    WHERE invoices.tenant_id = ${tenantId} AND invoices.id = d.id
    RETURNING invoices.currency, invoices.due_date::text AS due_date, invoices.issue_date::text AS issue_date,
      invoices.balance::text AS balance, d.delta::text AS delta`,
  );
  await applyTotalsChanges(
    tx,
    tenantId,
    updated.map((row) => {
      const after = toBigInt(row.balance);
      const before = after - toBigInt(row.delta);
      return {
        currency: row.currency,
        dueDate: row.due_date,
        issueDate: row.issue_date,
        openCount: (after > 0n ? 1 : 0) - (before > 0n ? 1 : 0),
        balance: after - before,
      };
    }),
  );
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
