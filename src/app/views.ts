/**
 * The public shapes of resources (API.md): snake_case, money as {"amount":"12.34","currency":"EUR"}.
 * Use cases return these, so HTTP, CLI and tests all see the same thing.
 */
import { formatAmount, totalsByCurrency, type Money } from '../domain/money.js';
import type { InvoiceState } from './ledger/invoice-state.js';

export interface MoneyView {
  amount: string;
  currency: string;
}

export function moneyView(amount: bigint, currency: string): MoneyView {
  return { amount: formatAmount(amount, currency), currency };
}

export function moneyListView(items: Iterable<Money>): MoneyView[] {
  return totalsByCurrency(items).map((m) => moneyView(m.amount, m.currency));
}

export function invoiceView(state: InvoiceState) {
  const m = (amount: bigint) => moneyView(amount, state.currency);
  return {
    id: state.id,
    customer_id: state.customerId,
    number: state.number,
    issue_date: state.issueDate,
    due_date: state.dueDate,
    currency: state.currency,
    total: m(state.total),
    balance: m(state.balance),
    balance_breakdown: {
      principal: m(state.owed.principal),
      fee: m(state.owed.fee),
      interest: m(state.owed.interest),
    },
    paid: m(state.paid),
    written_off: m(state.writtenOff),
    days_past_due: state.daysPastDue,
    status: state.status,
    terms: state.terms ? termsView(state.terms) : null,
    lines: state.lines ?? null,
    created_at: state.createdAt.toISOString(),
  };
}

export type InvoiceView = ReturnType<typeof invoiceView>;

function termsView(terms: NonNullable<InvoiceState['terms']>) {
  return {
    ...(terms.netDays !== undefined && { net_days: terms.netDays }),
    ...(terms.endOfMonth !== undefined && { end_of_month: terms.endOfMonth }),
    ...(terms.discountPercent !== undefined && { discount_percent: terms.discountPercent }),
    ...(terms.discountDays !== undefined && { discount_days: terms.discountDays }),
  };
}
