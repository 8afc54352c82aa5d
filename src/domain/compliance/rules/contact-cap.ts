/**
 * At most `max` counted contacts per debt in any `days` consecutive local calendar days (first
 * time zone). The window ending on the day of the proposed contact holds the most past
 * contacts, so that is the one compared with `max`.
 */
import { fromDayNumber } from '../../dates.js';
import { REASON_CODES } from '../codes.js';
import { PASS, channelBit, channelMask, type Rule } from '../engine/rule.js';
import { Scratch } from '../engine/scratch.js';
import type { ContactCapSpec } from '../packs/spec.js';
import { localDayStartOrChange } from '../time/zone-search.js';
import type { CallOutcome, PastContact, Reason } from '../types.js';

const ANY_DEBT: readonly (string | null)[] = [null];

export class ContactCapRule implements Rule {
  private readonly channels: number;
  private readonly counted: number;
  private readonly excluded: ReadonlySet<CallOutcome>;

  constructor(private readonly spec: ContactCapSpec) {
    this.channels = channelMask(spec.channels);
    this.counted = channelMask(spec.counts.channels);
    this.excluded = new Set(spec.counts.excludeOutcomes);
  }

  test(s: Scratch, t: number): number {
    if ((this.channels & channelBit(s.p.channel)) === 0) return PASS;
    if (this.spec.max <= 0) return Infinity; // a cap of 0 closes the channel
    if (s.history.length === 0) return PASS;
    const today = s.clock0.localDay(t);
    let until = PASS;
    for (const debt of debtsOf(s)) {
      if (this.countIn(s, t, today, debt) < this.spec.max) continue;
      // The window first drops below `max` on the day the max-th most recent contact leaves it.
      const days = this.countedDays(s, t, today, debt).sort((a, b) => b - a);
      const clearsOn = (days[this.spec.max - 1] as number) + this.spec.days;
      until = Math.max(until, localDayStartOrChange(s.clock0, clearsOn, t));
    }
    return until;
  }

  reason(s: Scratch, t: number): Reason {
    const today = s.clock0.localDay(t);
    const over = debtsOf(s).filter((debt) => this.countIn(s, t, today, debt) >= this.spec.max);
    const from = fromDayNumber(today - this.spec.days + 1);
    const about = over.map((debt) => debt ?? 'all debts').join(', ');
    return {
      code: this.spec.code,
      message: `${REASON_CODES[this.spec.code]} (${this.spec.max} from ${from} to ${fromDayNumber(today)}: ${about})`,
    };
  }

  private counts(s: Scratch, i: number, entry: PastContact, t: number, today: number, debt: string | null) {
    if (entry.at > t || entry.direction !== 'outbound') return false;
    if ((this.counted & channelBit(entry.channel)) === 0) return false;
    if (entry.outcome !== undefined && this.excluded.has(entry.outcome)) return false;
    if (!Scratch.isAbout(entry, debt)) return false;
    const day = s.historyDay(i);
    return day <= today && day > today - this.spec.days;
  }

  private countIn(s: Scratch, t: number, today: number, debt: string | null): number {
    let n = 0;
    const history = s.history;
    for (let i = 0; i < history.length; i++) {
      if (this.counts(s, i, history[i] as PastContact, t, today, debt)) n++;
    }
    return n;
  }

  private countedDays(s: Scratch, t: number, today: number, debt: string | null): number[] {
    const days: number[] = [];
    const history = s.history;
    for (let i = 0; i < history.length; i++) {
      if (this.counts(s, i, history[i] as PastContact, t, today, debt)) days.push(s.historyDay(i));
    }
    return days;
  }
}

/** The debts a proposal is about; none named means every debt at once. */
export function debtsOf(s: Scratch): readonly (string | null)[] {
  return s.p.invoiceIds.length === 0 ? ANY_DEBT : s.p.invoiceIds;
}
