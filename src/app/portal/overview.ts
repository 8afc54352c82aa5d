/**
 * What the portal shows a debtor: their open items (with any early-payment discount they would
 * earn by paying today), what they paid, their promises, and how to pay by transfer. Only this
 * customer's data: every query is bound to the session's customer.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { addDays } from '../../domain/dates.js';
import { earlyPaymentDiscount } from '../../domain/terms.js';
import { formatAmount } from '../../domain/money.js';
import { payments } from '../../store/schema.js';
import { promiseStatus } from '../../domain/promises.js';
import { promiseFacts } from '../promises.js';
import { findCustomer } from '../customers.js';
import { resolveLocale } from '../../channels/format/locale.js';
import { loadInvoiceStates } from '../ledger/invoice-state.js';
import { today } from '../context.js';
import type { PortalSession } from './session.js';
import { transferDetails, type TransferDetails } from './bank-transfer.js';

export interface PortalItem {
  invoiceId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  daysPastDue: number;
  currency: string;
  total: bigint;
  balance: bigint;
  status: string;
  /** Early-payment discount earned by paying the whole balance today (0 when none). */
  discount: bigint;
  discountUntil: string | null;
}

export interface PortalOverview {
  organisationName: string;
  customerName: string;
  /** Locale for figures, from the customer's language. */
  locale: string;
  today: string;
  items: PortalItem[];
  /** Per currency: what is owed, and what paying everything today would cost. */
  totals: { currency: string; balance: bigint; payableToday: bigint }[];
  payments: {
    receivedOn: string;
    amount: bigint;
    currency: string;
    method: string | null;
    reference: string | null;
  }[];
  promises: { dueOn: string; amount: bigint; currency: string; status: string }[];
  transfer: TransferDetails[];
}

export async function portalOverview(session: PortalSession): Promise<PortalOverview> {
  const { ctx, customerId } = session;
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  const day = today(ctx);
  const states = await loadInvoiceStates(ctx.db, ctx.tenantId, sql`i.customer_id = ${customerId}`, day);
  const items: PortalItem[] = states
    .filter((s) => !s.voided && s.balance > 0n)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number))
    .map((s) => {
      const discount = s.balance === s.total ? earlyPaymentDiscount(s.total, s.issueDate, s.terms, day) : 0n;
      return {
        invoiceId: s.id,
        number: s.number,
        issueDate: s.issueDate,
        dueDate: s.dueDate,
        daysPastDue: s.daysPastDue,
        currency: s.currency,
        total: s.total,
        balance: s.balance,
        status: s.status,
        discount,
        discountUntil:
          discount > 0n && s.terms?.discountDays !== undefined
            ? addDays(s.issueDate, s.terms.discountDays)
            : null,
      };
    });
  const totals = new Map<string, { currency: string; balance: bigint; payableToday: bigint }>();
  for (const item of items) {
    const total = totals.get(item.currency) ?? { currency: item.currency, balance: 0n, payableToday: 0n };
    total.balance += item.balance;
    total.payableToday += item.balance - item.discount;
    totals.set(item.currency, total);
  }
  const paid = await ctx.db
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, ctx.tenantId), eq(payments.customerId, customerId)))
    .orderBy(desc(payments.receivedOn))
    .limit(20);
  return {
    organisationName: session.organisationName,
    customerName: customer.name,
    locale: resolveLocale(customer.language),
    today: day,
    items,
    totals: [...totals.values()],
    payments: paid.map((p) => ({
      receivedOn: p.receivedOn,
      amount: p.amount,
      currency: p.currency,
      method: p.method,
      reference: p.reference,
    })),
    promises: await promisesOf(session, day),
    transfer: await Promise.all(
      [...totals.values()].map((t) => transferDetails(ctx, customer, t.currency, t.payableToday)),
    ),
  };
}

async function promisesOf(session: PortalSession, day: string) {
  const facts = await promiseFacts(
    session.ctx.db,
    session.ctx.tenantId,
    sql`p.customer_id = ${session.customerId}`,
    day,
  );
  return facts
    .sort((a, b) => b.dueOn.localeCompare(a.dueOn))
    .slice(0, 10)
    .map((p) => ({
      dueOn: p.dueOn,
      amount: p.amount,
      currency: p.currency,
      status: promiseStatus(p, p.paid, day),
    }));
}

export function money(amount: bigint, currency: string): string {
  return `${formatAmount(amount, currency)} ${currency}`;
}
