/**
 * GDPR access (Art. 15) and portability (Art. 20): everything Recoup holds about one customer,
 * as JSON: the customer, contacts, preferences, interactions, holds, promises, plans, disputes,
 * invoices and payments with their ledger entries, the messages sent and the audit entries about
 * them. Each table is read by `customer_id`, so a table added later is one line here.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../store/schema.js';
import { canonicalValue } from '../audit/canonical.js';
import type { Ctx } from '../context.js';
import { findCustomer } from '../customers.js';

/** Tables with a `customer_id`, by the name they have in the export. */
export const PERSONAL_TABLES: Record<string, PgTable & { tenantId: PgColumn; customerId: PgColumn }> = {
  contacts: schema.contacts,
  contact_preferences: schema.contactPreferences,
  interactions: schema.interactions,
  holds: schema.holds,
  promises: schema.promises,
  payment_plans: schema.paymentPlans,
  disputes: schema.disputes,
  invoices: schema.invoices,
  payments: schema.payments,
  charges: schema.charges,
  ledger_entries: schema.ledgerEntries,
  actions: schema.actions,
  messages: schema.messages,
  tasks: schema.tasks,
  invalid_addresses: schema.invalidAddresses,
  non_payment_reasons: schema.nonPaymentReasons,
  portal_payments: schema.portalPayments,
  audit_log: schema.auditLog,
};

export async function exportPersonalData(ctx: Ctx, customerId: string) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  const tables: Record<string, unknown> = {};
  for (const [name, table] of Object.entries(PERSONAL_TABLES)) {
    const rows = await ctx.db
      .select()
      .from(table)
      .where(and(eq(table.tenantId, ctx.tenantId), eq(table.customerId, customer.id)))
      .orderBy(asc(table.customerId));
    tables[name] = rows.map((row) => canonicalValue(withoutTenant(row as Record<string, unknown>)));
  }
  return {
    exported_at: ctx.clock.now().toISOString(),
    customer: canonicalValue(withoutTenant(customer as unknown as Record<string, unknown>)) as Record<
      string,
      unknown
    >,
    ...tables,
  };
}

function withoutTenant(row: Record<string, unknown>) {
  const { tenantId: _tenant, ...rest } = row;
  return rest;
}
