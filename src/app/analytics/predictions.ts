/**
 * Predictions for open invoices: the delay model (domain/prediction) trained in process on the
 * organisation's paid history as of the day, applied to the invoices open that day.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import {
  predictPayment,
  trainDelayModel,
  type DelayPrediction,
} from '../../domain/prediction/delay-model.js';
import type { Ctx } from '../context.js';
import { loadInvoiceStates, type InvoiceState } from '../ledger/invoice-state.js';
import { loadPaidHistory } from './paid-history.js';

export interface InvoicePrediction extends DelayPrediction {
  invoice: InvoiceState;
}

/**
 * Open invoices chosen by `filter` (SQL on alias `i`) with their prediction. Only invoices open
 * now or moved after `asOf` can have been open then, which keeps the read small.
 */
export async function predictOpenInvoices(ctx: Ctx, asOf: CalendarDate, filter: SQL = sql`true`) {
  const history = await loadPaidHistory(ctx.db, ctx.tenantId, asOf);
  const model = trainDelayModel(history);
  const states = await loadInvoiceStates(
    ctx.db,
    ctx.tenantId,
    sql`${filter} AND (i.balance > 0 OR EXISTS (SELECT 1 FROM ledger_entries x
      WHERE x.tenant_id = i.tenant_id AND x.invoice_id = i.id AND x.effective_on > ${asOf}))`,
    asOf,
  );
  const open = states.filter((s) => s.balance > 0n && s.status !== 'void');
  return open.map((invoice): InvoicePrediction => ({
    invoice,
    ...predictPayment(
      model,
      { customerId: invoice.customerId, dueDate: invoice.dueDate, disputed: invoice.status === 'disputed' },
      asOf,
    ),
  }));
}

export function predictionView(p: InvoicePrediction) {
  return {
    invoice_id: p.invoice.id,
    number: p.invoice.number,
    due_date: p.invoice.dueDate,
    expected_payment_date: p.expected_payment_date,
    expected_delay_days: p.expected_delay_days,
    probability_within_30_days: p.probability_within_30_days,
    probability_on_time: p.probability_on_time,
    customer_invoices: p.customer_invoices,
    customer_weight: p.customer_weight,
  };
}
