import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError } from '../domain/errors.js';
import {
  CLAIM_RULES,
  RATE_SERIES,
  computeClaim,
  defaultClaimRule,
  principalHistory,
  type BalanceStep,
  type Claim,
  type ClaimRuleId,
  type CustomerKind,
  type ReferenceRate,
} from '../domain/interest/index.js';
import type { CalendarDate } from '../domain/dates.js';
import { queryRows, type Db } from '../store/database.js';
import { toBigInt } from '../store/sql-values.js';
import { asOfDate } from './as-of.js';
import type { Ctx } from './context.js';
import { findCustomer } from './customers.js';
import { asOfField } from './fields.js';
import { loadInvoice } from './invoices.js';
import type { InvoiceState } from './ledger/invoice-state.js';
import { moneyView } from './views.js';

export const claimQuery = z.object({
  as_of: asOfField.optional(),
  rule: z.enum(CLAIM_RULES).optional(),
});
export type ClaimQuery = z.infer<typeof claimQuery>;

/**
 * What may be claimed on an invoice on `as_of` (API.md `GET /invoices/{id}/claim`): principal
 * owed, late-payment interest on each day's principal, fixed compensation. The rule is the one
 * asked for, else the customer's country and kind decide (see defaultClaimRule).
 */
export async function getClaim(ctx: Ctx, invoiceId: string, query: ClaimQuery = {}) {
  const asOf = asOfDate(ctx, query.as_of);
  const invoice = await loadInvoice(ctx.db, ctx.tenantId, invoiceId, asOf);
  if (invoice.voided) {
    throw new RecoupError('rejected', 'invoice_void', `invoice ${invoice.number} is void: nothing to claim`);
  }
  const customer = await findCustomer(ctx.db, ctx.tenantId, invoice.customerId);
  const kind = customer.kind as CustomerKind;
  const claim = computeClaim({
    rule: query.rule ?? defaultClaimRule(customer.country, kind),
    customerKind: kind,
    customerCountry: customer.country,
    currency: invoice.currency,
    dueDate: invoice.dueDate,
    asOf,
    history: await loadPrincipalHistory(ctx.db, ctx.tenantId, invoice, asOf),
    contract: ctx.settings.contract_interest,
  });
  return claimView(invoice.id, claim);
}

/**
 * An invoice's principal balance day by day, from the entries effective by `asOf` (payments,
 * credits, discounts, write-offs): the history `computeClaim` and `accruedInterest` take.
 */
export async function loadPrincipalHistory(
  db: Db,
  tenantId: string,
  invoice: Pick<InvoiceState, 'id' | 'total' | 'issueDate'>,
  asOf: CalendarDate,
): Promise<BalanceStep[]> {
  const rows = await queryRows<{ effective_on: string; amount: string }>(
    db,
    sql`
    SELECT effective_on::text AS effective_on,
      SUM(CASE WHEN kind = 'charge' THEN -amount ELSE amount END)::text AS amount
    FROM ledger_entries
    WHERE tenant_id = ${tenantId} AND invoice_id = ${invoice.id}
      AND component = 'principal' AND effective_on <= ${asOf}
    GROUP BY effective_on
    ORDER BY effective_on`,
  );
  const reductions = rows.map((row) => ({ on: row.effective_on, amount: toBigInt(row.amount) }));
  return principalHistory(invoice.total, invoice.issueDate, reductions);
}

function referenceView(reference: ReferenceRate | null) {
  if (!reference) return null;
  return {
    source: reference.source,
    name: RATE_SERIES[reference.source].name,
    on: reference.on,
    rate: reference.percent,
    since: reference.since,
    known_through: RATE_SERIES[reference.source].knownThrough,
    beyond_data: reference.beyondData,
  };
}

function claimView(invoiceId: string, claim: Claim) {
  const m = (amount: bigint) => moneyView(amount, claim.currency);
  return {
    invoice_id: invoiceId,
    as_of: claim.asOf,
    rule: claim.rule as ClaimRuleId,
    principal: m(claim.principal),
    interest: {
      annual_rate: claim.interest.percent,
      day_count: claim.interest.dayCount,
      reference_rate: referenceView(claim.interest.reference),
      days: claim.interest.days,
      amount: m(claim.interest.amount),
      periods: claim.interest.periods.map((p) => ({
        from: p.from,
        to: p.to,
        annual_rate: p.percent,
        days: p.days,
        amount: m(p.amount),
        balance: m(p.balance),
        reference_rate: referenceView(p.reference),
      })),
    },
    compensation: m(claim.compensation),
    total: m(claim.total),
    notes: claim.notes,
  };
}

export type ClaimView = ReturnType<typeof claimView>;
