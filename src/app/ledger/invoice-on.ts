import { invalid, RecoupError } from '../../domain/errors.js';
import { COMPONENTS } from '../../domain/ledger/allocate.js';
import type { Db } from '../../store/database.js';
import { loadInvoice } from '../invoices.js';
import type { InvoiceState } from './invoice-state.js';

/**
 * An invoice as an adjustment dated `on` may touch it: what is owed is the smaller of the state on
 * that date and the state now, per component, so a back-dated credit or write-off can neither
 * reduce a fee charged later nor leave a past balance below zero. `datePath` names the date field
 * in errors.
 */
export async function loadInvoiceOn(
  tx: Db,
  tenantId: string,
  invoiceId: string,
  on: string,
  now: string,
  datePath: string,
): Promise<InvoiceState> {
  const current = await loadInvoice(tx, tenantId, invoiceId, on > now ? on : now);
  const then = await loadInvoice(tx, tenantId, invoiceId, on).catch((error: unknown) => {
    if (error instanceof RecoupError && error.code === 'not_issued_yet') {
      throw invalid(datePath, `is before the invoice date ${current.issueDate}`);
    }
    throw error;
  });
  const owed = { ...current.owed };
  for (const component of COMPONENTS) {
    if (then.owed[component] < owed[component]) owed[component] = then.owed[component];
    if (owed[component] < 0n) owed[component] = 0n;
  }
  return { ...current, owed, balance: owed.fee + owed.interest + owed.principal };
}
