import type { CalendarDate } from '../../domain/dates.js';
import type { PlanState } from '../../domain/plans/index.js';
import { moneyView } from '../views.js';
import type { PlanRecord } from './load.js';

/** The public shape of a plan on a date (API.md: status, instalments with paid_amount and status). */
export function planView(record: PlanRecord, state: PlanState, asOf: CalendarDate) {
  const m = (amount: bigint) => moneyView(amount, record.currency);
  const next = state.instalments.find((i) => i.status !== 'paid');
  return {
    id: record.id,
    customer_id: record.customerId,
    invoice_ids: record.invoiceIds,
    currency: record.currency,
    total: m(record.total),
    paid: m(state.paid < record.total ? state.paid : record.total),
    remaining: m(state.paid < record.total ? record.total - state.paid : 0n),
    status: state.status,
    approval: record.approval,
    source: record.source,
    agreed_at: record.agreedAt.toISOString(),
    agreed_on: record.terms.agreedOn,
    grace_days: record.terms.graceDays,
    default_after: record.terms.defaultAfter,
    missed_count: state.misses,
    defaulted_on: state.status === 'defaulted' ? state.defaultedOn : null,
    completed_on: state.completedOn,
    cancelled_at: record.cancelledAt?.toISOString() ?? null,
    next_due_on: state.status === 'active' ? (next?.dueOn ?? null) : null,
    instalments: state.instalments.map((i) => ({
      position: i.position,
      due_on: i.dueOn,
      amount: m(i.amount),
      paid_amount: m(i.paidAmount),
      status: i.status,
      is_down_payment: i.isDownPayment,
      missed_on: i.missedOn,
    })),
    as_of: asOf,
    created_at: record.createdAt.toISOString(),
  };
}

export type PlanView = ReturnType<typeof planView>;
