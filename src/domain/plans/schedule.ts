/**
 * A payment plan's schedule: which amount is due on which day. Amounts are minor units and
 * always add up exactly to the plan's total; what does not divide evenly goes on the last (or,
 * by the organisation's choice, the first) instalment. Monthly dates keep the day of the start
 * date, clamped to the end of shorter months (31 Jan → 29 Feb → 31 Mar).
 */
import { addDays, endOfMonth, type CalendarDate } from '../dates.js';

export type Frequency = 'weekly' | 'monthly';
export type RemainderOn = 'first' | 'last';

export interface Instalment {
  dueOn: CalendarDate;
  amount: bigint;
  isDownPayment: boolean;
}

/** `total` split into `count` parts that differ by at most the remainder. */
export function splitAmount(total: bigint, count: number, remainderOn: RemainderOn): bigint[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be 1 or more, got ${count}`);
  if (total < 0n) throw new RangeError('total must not be negative');
  const n = BigInt(count);
  const base = total / n;
  const parts = Array.from({ length: count }, () => base);
  parts[remainderOn === 'first' ? 0 : count - 1]! += total - base * n;
  return parts;
}

/** The `index`-th date (0 = `start`) of a weekly or monthly series. */
export function nthDate(start: CalendarDate, frequency: Frequency, index: number): CalendarDate {
  if (frequency === 'weekly') return addDays(start, 7 * index);
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + index;
  const firstOfMonth = `${String(Math.floor(months / 12)).padStart(4, '0')}-${String((months % 12) + 1).padStart(2, '0')}-01`;
  const last = endOfMonth(firstOfMonth);
  const day = Math.min(d, Number(last.slice(8, 10)));
  return `${firstOfMonth.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

export interface ScheduleRequest {
  total: bigint;
  count: number;
  frequency: Frequency;
  startOn: CalendarDate;
  remainderOn: RemainderOn;
  /** Paid first, on `downPaymentOn`; the rest is split over `count` instalments. */
  downPayment?: { amount: bigint; dueOn: CalendarDate };
}

/** The instalments of a plan made by count and frequency. */
export function buildSchedule(request: ScheduleRequest): Instalment[] {
  const down = request.downPayment;
  const rest = request.total - (down?.amount ?? 0n);
  if (rest < 0n) throw new RangeError('the down payment is more than the total');
  const amounts = splitAmount(rest, request.count, request.remainderOn);
  return [
    ...(down ? [{ dueOn: down.dueOn, amount: down.amount, isDownPayment: true }] : []),
    ...amounts.map((amount, index) => ({
      dueOn: nthDate(request.startOn, request.frequency, index),
      amount,
      isDownPayment: false,
    })),
  ];
}
