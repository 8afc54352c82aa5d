/**
 * What one check works on: the proposal, the context, the customer's zone clocks resolved once,
 * and the local day of each past contact computed at most once.
 */
import { zoneClock, type ZoneClock } from '../time/zone-clock.js';
import type { ComplianceContext, DebtState, PastContact, ProposedContact, Purpose } from '../types.js';

const UTC = zoneClock('UTC') as ZoneClock;
const NO_HISTORY: readonly PastContact[] = [];

export class Scratch {
  readonly purpose: Purpose;
  /** Every time zone of the customer, or null when one is missing or invalid (see `zoneProblem`). */
  readonly clocks: readonly ZoneClock[] | null;
  readonly zoneProblem: 'time_zone_unknown' | 'time_zone_invalid' | null;
  /** The zone whose calendar days count frequency windows: the first one (UTC when unknown). */
  readonly clock0: ZoneClock;
  readonly history: readonly PastContact[];
  private days: number[] | undefined;
  private debtStates: (DebtState | undefined)[] | undefined;

  constructor(
    readonly p: ProposedContact,
    readonly ctx: ComplianceContext,
  ) {
    this.purpose = p.purpose ?? 'collection';
    this.history = ctx.history ?? NO_HISTORY;
    const names = ctx.customer.timeZones;
    if (names.length === 0) {
      this.clocks = null;
      this.zoneProblem = 'time_zone_unknown';
      this.clock0 = UTC;
      return;
    }
    const clocks: ZoneClock[] = [];
    for (const name of names) {
      const clock = zoneClock(name);
      if (clock) clocks.push(clock);
    }
    this.clock0 = clocks[0] ?? UTC;
    if (clocks.length === names.length) {
      this.clocks = clocks;
      this.zoneProblem = null;
    } else {
      this.clocks = null;
      this.zoneProblem = 'time_zone_invalid';
    }
  }

  /** Local calendar day (first time zone) of history entry `i`. */
  historyDay(i: number): number {
    if (this.days === undefined) {
      const days: number[] = [];
      for (const entry of this.history) days.push(this.clock0.localDay(entry.at));
      this.days = days;
    }
    return this.days[i] as number;
  }

  /** The state of the proposal's debts, in the order of `p.invoiceIds` (looked up once per check). */
  debts(): readonly (DebtState | undefined)[] {
    if (this.debtStates === undefined) {
      const all = this.ctx.debts;
      this.debtStates =
        all === undefined ? this.p.invoiceIds.map(() => undefined) : this.p.invoiceIds.map((id) => all[id]);
    }
    return this.debtStates;
  }

  /** True when a past contact is about `debt` (null: the proposal names no debt, so any). */
  static isAbout(entry: PastContact, debt: string | null): boolean {
    return debt === null || entry.invoiceIds.length === 0 || entry.invoiceIds.includes(debt);
  }
}
