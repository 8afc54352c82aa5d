import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import { COMPONENTS, type Component, type OpenItem } from '../../domain/ledger/allocate.js';
import { earlyPaymentDiscount } from '../../domain/terms.js';
import type { Db } from '../../store/database.js';
import { loadInvoiceStates, type InvoiceState } from './invoice-state.js';

/**
 * A customer's open items in one currency that money dated `on` may pay. What is owed is the
 * smaller of the state on that date and the state now, per component, so a back-dated payment
 * can neither pay a fee charged later nor pay what a later payment already paid.
 */
export async function loadOpenItems(
  db: Db,
  tenantId: string,
  customerId: string,
  currency: string,
  on: CalendarDate,
  now: CalendarDate,
): Promise<OpenItem[]> {
  const filter = sql`i.customer_id = ${customerId} AND i.currency = ${currency} AND i.balance > 0`;
  const [then, current] = await Promise.all([
    loadInvoiceStates(db, tenantId, filter, on),
    loadInvoiceStates(db, tenantId, filter, on > now ? on : now),
  ]);
  const currentById = new Map(current.map((state) => [state.id, state]));
  return then
    .filter((state) => !state.voided && currentById.has(state.id))
    .map((state) => toOpenItem(state, currentById.get(state.id)!, on));
}

function toOpenItem(then: InvoiceState, now: InvoiceState, on: CalendarDate): OpenItem {
  const owed = {} as Record<Component, bigint>;
  for (const component of COMPONENTS) {
    owed[component] = then.owed[component] < now.owed[component] ? then.owed[component] : now.owed[component];
    if (owed[component] < 0n) owed[component] = 0n;
  }
  return {
    invoiceId: then.id,
    number: then.number,
    dueDate: then.dueDate,
    issueDate: then.issueDate,
    owed,
    autoAllocatable: then.status !== 'disputed',
    discountAvailable: earlyPaymentDiscount(then.total, then.issueDate, then.terms, on),
  };
}
