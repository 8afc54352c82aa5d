import { formatAmount } from '../../domain/money.js';
import type { PlannedAction } from './plan.js';
import { plannedActionView, type ActionView } from './views.js';

export interface Skipped {
  customer_id: string;
  step: string | null;
  code: string;
  message: string;
}

interface Counts {
  customers: number;
  actions: number;
  by_status: Record<string, number>;
  by_kind: Record<string, number>;
  skipped: Record<string, number>;
  /** Fees charged, minor units per currency, as strings (JSON has no bigint). */
  fees: Record<string, string>;
}

/** What a run counted (all of it) and listed (the first `listLimit` actions and skips). */
export class RunTotals {
  readonly listed: ActionView[] = [];
  readonly skippedListed: Skipped[] = [];
  private counts: Counts = { customers: 0, actions: 0, by_status: {}, by_kind: {}, skipped: {}, fees: {} };

  constructor(private readonly listLimit: number) {}

  static from(saved: object, listLimit: number): RunTotals {
    const totals = new RunTotals(listLimit);
    if ('customers' in saved) totals.counts = saved as Counts;
    return totals;
  }

  add(customers: number, actions: readonly PlannedAction[], skipped: readonly Skipped[]) {
    const c = this.counts;
    c.customers += customers;
    c.actions += actions.length;
    for (const action of actions) {
      c.by_status[action.status] = (c.by_status[action.status] ?? 0) + 1;
      c.by_kind[action.kind] = (c.by_kind[action.kind] ?? 0) + 1;
      for (const fee of action.fees)
        c.fees[fee.currency] = String(BigInt(c.fees[fee.currency] ?? '0') + fee.amount);
      if (this.listed.length < this.listLimit) this.listed.push(plannedActionView(action));
    }
    for (const skip of skipped) {
      c.skipped[skip.code] = (c.skipped[skip.code] ?? 0) + 1;
      if (this.skippedListed.length < this.listLimit) this.skippedListed.push(skip);
    }
  }

  toJSON(): Counts {
    return this.counts;
  }

  /** The public totals: fees as money objects. */
  view() {
    const { fees, ...rest } = this.counts;
    return {
      actions: this.listed,
      skipped: this.skippedListed,
      totals: {
        ...rest,
        fees: Object.entries(fees).map(([currency, minor]) => ({
          amount: formatAmount(BigInt(minor), currency),
          currency,
        })),
      },
    };
  }
}
