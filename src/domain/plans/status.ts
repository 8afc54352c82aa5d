/**
 * Where a payment plan stands on a date. Payments to the plan's invoices from the day it was
 * agreed are applied to the instalments in order. An instalment is `missed` once its due date
 * plus the grace days have passed without it being paid in full (a miss stays counted even if
 * it is paid later); the plan is `defaulted` from the day of its `defaultAfter`-th miss, or of
 * a miss of its last instalment (nothing is left to wait for); `completed` once everything is
 * paid; `cancelled` from the day it was cancelled (which wins over everything).
 */
import { addDays, type CalendarDate } from '../dates.js';
import type { Instalment } from './schedule.js';

export type InstalmentStatus = 'pending' | 'paid' | 'missed';
export type PlanStatus = 'active' | 'completed' | 'defaulted' | 'cancelled';

export interface PlanTerms {
  agreedOn: CalendarDate;
  graceDays: number;
  defaultAfter: number;
  cancelledOn: CalendarDate | null;
  /** In due-date order. */
  instalments: readonly Instalment[];
}

/** Money from payments allocated to the plan's invoices, by the day it took effect. */
export interface PlanPayment {
  on: CalendarDate;
  amount: bigint;
}

export interface InstalmentState extends Instalment {
  position: number;
  paidAmount: bigint;
  status: InstalmentStatus;
  /** The last day a payment still counts as on time. */
  deadline: CalendarDate;
  /** The day it counted as missed (the day after the deadline), or null. */
  missedOn: CalendarDate | null;
}

export interface PlanState {
  status: PlanStatus;
  total: bigint;
  paid: bigint;
  instalments: InstalmentState[];
  misses: number;
  defaultedOn: CalendarDate | null;
  completedOn: CalendarDate | null;
}

export function planState(terms: PlanTerms, payments: readonly PlanPayment[], asOf: CalendarDate): PlanState {
  const counted = payments
    .filter((p) => p.on >= terms.agreedOn && p.on <= asOf)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const paidBy = (day: CalendarDate) => counted.reduce((sum, p) => (p.on <= day ? sum + p.amount : sum), 0n);
  const paid = paidBy(asOf);
  const total = terms.instalments.reduce((sum, i) => sum + i.amount, 0n);

  let before = 0n;
  const instalments = terms.instalments.map((instalment, position): InstalmentState => {
    const through = before + instalment.amount;
    const deadline = addDays(instalment.dueOn, terms.graceDays);
    const missedOn = deadline < asOf && paidBy(deadline) < through ? addDays(deadline, 1) : null;
    const over = paid - before;
    const paidAmount = over <= 0n ? 0n : over >= instalment.amount ? instalment.amount : over;
    before = through;
    const status = paidAmount === instalment.amount ? 'paid' : missedOn ? 'missed' : 'pending';
    return { ...instalment, position, paidAmount, status, deadline, missedOn };
  });

  const missDays = instalments.flatMap((i) => (i.missedOn ? [i.missedOn] : [])).sort();
  const lastMissed = instalments.at(-1)?.missedOn ?? null;
  const nthMiss = missDays[Math.max(terms.defaultAfter, 1) - 1] ?? null;
  const defaultedOn = [nthMiss, lastMissed].filter((d): d is string => d !== null).sort()[0] ?? null;
  let completedOn: CalendarDate | null = null;
  let running = 0n;
  for (const payment of counted) {
    running += payment.amount;
    if (running >= total) {
      completedOn = payment.on;
      break;
    }
  }
  if (total === 0n) completedOn = terms.agreedOn;

  const status: PlanStatus =
    terms.cancelledOn !== null && terms.cancelledOn <= asOf
      ? 'cancelled'
      : completedOn !== null
        ? 'completed'
        : defaultedOn !== null
          ? 'defaulted'
          : 'active';
  return { status, total, paid, instalments, misses: missDays.length, defaultedOn, completedOn };
}

/** Days after `today` on which the plan may change by itself: an instalment falls due or is missed. */
export function planWakeUps(state: PlanState, today: CalendarDate): CalendarDate[] {
  if (state.status !== 'active') return [];
  return state.instalments
    .filter((i) => i.status !== 'paid')
    .flatMap((i) => [i.dueOn, addDays(i.deadline, 1)])
    .filter((day) => day > today);
}
