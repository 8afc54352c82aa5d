/**
 * No call about a debt for `days` local calendar days from a telephone conversation about it,
 * whoever called: the day of the conversation is day 1, so a conversation on the 5th bars calls
 * through the 11th.
 */
import { fromDayNumber } from '../../dates.js';
import { REASON_CODES } from '../codes.js';
import { PASS, channelBit, channelMask, type Rule } from '../engine/rule.js';
import { Scratch } from '../engine/scratch.js';
import type { ConversationBarSpec } from '../packs/spec.js';
import { localDayStartOrChange } from '../time/zone-search.js';
import type { PastContact, Reason } from '../types.js';
import { debtsOf } from './contact-cap.js';

export class ConversationBarRule implements Rule {
  private readonly channels: number;

  constructor(private readonly spec: ConversationBarSpec) {
    this.channels = channelMask(spec.channels);
  }

  test(s: Scratch, t: number): number {
    if ((this.channels & channelBit(s.p.channel)) === 0 || s.history.length === 0) return PASS;
    const today = s.clock0.localDay(t);
    const last = this.lastConversationDay(s, t, today);
    return last === null ? PASS : localDayStartOrChange(s.clock0, last + this.spec.days, t);
  }

  reason(s: Scratch, t: number): Reason {
    const last = this.lastConversationDay(s, t, s.clock0.localDay(t)) ?? 0;
    return {
      code: this.spec.code,
      message: `${REASON_CODES[this.spec.code]} (on ${fromDayNumber(last)}; calls resume on ${fromDayNumber(last + this.spec.days)})`,
    };
  }

  /** Local day of the latest conversation about any of the proposal's debts within the bar, or null. */
  private lastConversationDay(s: Scratch, t: number, today: number): number | null {
    let last: number | null = null;
    const history = s.history;
    const debts = debtsOf(s);
    for (let i = 0; i < history.length; i++) {
      const entry = history[i] as PastContact;
      if (entry.at > t || entry.outcome !== 'conversation' || entry.channel !== 'phone') continue;
      const day = s.historyDay(i);
      if (day > today || day <= today - this.spec.days || (last !== null && day <= last)) continue;
      if (debts.some((debt) => Scratch.isAbout(entry, debt))) last = day;
    }
    return last;
  }
}
