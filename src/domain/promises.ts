/**
 * A promise to pay is kept when the customer has paid the promised amount (in its currency,
 * any payments received from the day it was agreed) by its date plus the grace days; broken
 * when that day has passed without it; pending until then. Part payments count toward it.
 * A promise withdrawn by the collector is `cancelled` from the day it was cancelled.
 */
import { addDays, type CalendarDate } from './dates.js';

export type PromiseStatus = 'pending' | 'kept' | 'broken' | 'cancelled';

export interface PromiseTerms {
  amount: bigint;
  dueOn: CalendarDate;
  graceDays: number;
  cancelledOn?: CalendarDate | null;
}

/** The last day a payment still keeps the promise. */
export function promiseDeadline(promise: PromiseTerms): CalendarDate {
  return addDays(promise.dueOn, promise.graceDays);
}

/** `paidByDeadline`: received from the agreement through min(asOf, deadline). */
export function promiseStatus(
  promise: PromiseTerms,
  paidByDeadline: bigint,
  asOf: CalendarDate,
): PromiseStatus {
  if (promise.cancelledOn && promise.cancelledOn <= asOf) return 'cancelled';
  if (paidByDeadline >= promise.amount) return 'kept';
  return asOf > promiseDeadline(promise) ? 'broken' : 'pending';
}
