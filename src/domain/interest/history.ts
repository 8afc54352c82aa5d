import type { CalendarDate } from '../dates.js';

/** The principal owed from `from` onward, until the next step. */
export interface BalanceStep {
  from: CalendarDate;
  balance: bigint;
}

/** A step function of the principal balance, sorted by `from`; nothing is owed before the first step. */
export type BalanceHistory = readonly BalanceStep[];

/** A movement that lowers the principal (payment, credit, discount, write-off) from its effective date. */
export interface Reduction {
  on: CalendarDate;
  amount: bigint;
}

/**
 * The daily principal balance of an invoice: `total` from the issue date, less each reduction from
 * its effective date (a payment received on the 10th lowers the balance of the 10th).
 */
export function principalHistory(
  total: bigint,
  issueDate: CalendarDate,
  reductions: readonly Reduction[],
): BalanceStep[] {
  const steps: BalanceStep[] = [{ from: issueDate, balance: total }];
  const sorted = [...reductions].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  for (const { on, amount } of sorted) {
    const last = steps[steps.length - 1]!;
    const from = on < issueDate ? issueDate : on;
    if (from === last.from) last.balance -= amount;
    else steps.push({ from, balance: last.balance - amount });
  }
  return steps;
}

export function balanceOn(history: BalanceHistory, day: CalendarDate): bigint {
  let balance = 0n;
  for (const step of history) {
    if (step.from > day) break;
    balance = step.balance;
  }
  return balance;
}
