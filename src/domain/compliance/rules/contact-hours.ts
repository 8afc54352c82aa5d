/** Contact only inside local hours, in every time zone of the customer at once. */
import { REASON_CODES } from '../codes.js';
import { PASS, channelBit, channelMask, type Rule } from '../engine/rule.js';
import type { Scratch } from '../engine/scratch.js';
import type { ContactHoursSpec } from '../packs/spec.js';
import { formatTimeOfDay, parseTimeOfDay } from '../time/local-time.js';
import { WallWindow } from '../time/wall-window.js';
import { MS_PER_DAY, type ZoneClock } from '../time/zone-clock.js';
import { earliestInstant, nextOffsetChange } from '../time/zone-search.js';
import type { Reason } from '../types.js';

/** How far ahead a common window is looked for; zones whose hours never overlap give up here. */
const SEARCH_DAYS = 400;
const WEEK_AND_A_DAY = 8 * MS_PER_DAY;

export class ContactHoursRule implements Rule {
  private readonly channels: number;
  private readonly window: WallWindow;

  constructor(private readonly spec: ContactHoursSpec) {
    this.channels = channelMask(spec.channels);
    let mask = 0;
    for (const iso of spec.weekdays) mask |= 1 << (iso % 7); // ISO 7 (Sunday) is bit 0
    const start = parseTimeOfDay(spec.start);
    const end = parseTimeOfDay(spec.end);
    if (start >= end)
      throw new RangeError(`Contact hours must start before they end: ${spec.start}–${spec.end}`);
    this.window = new WallWindow(start, end, mask);
  }

  test(s: Scratch, t: number): number {
    if ((this.channels & channelBit(s.p.channel)) === 0) return PASS;
    const clocks = s.clocks;
    if (clocks === null) return Infinity;
    let inside = true;
    for (const clock of clocks) {
      if (!this.window.contains(clock.wallAt(t))) {
        inside = false;
        break;
      }
    }
    return inside ? PASS : earliestCommon(clocks, this.window, t);
  }

  reason(s: Scratch, t: number, until: number): Reason {
    if (s.clocks === null) {
      const code = s.zoneProblem ?? 'time_zone_unknown';
      return { code, message: REASON_CODES[code] };
    }
    if (until === Infinity) return { code: 'no_convenient_time', message: REASON_CODES.no_convenient_time };
    let message: string = REASON_CODES[this.spec.code];
    let first = true;
    for (const clock of s.clocks) {
      const wall = clock.wallAt(t);
      if (this.window.contains(wall)) continue;
      message += `${first ? ': ' : ', '}${clock.name} ${formatTimeOfDay(wall)}`;
      first = false;
    }
    return { code: this.spec.code, message };
  }
}

/**
 * Earliest instant ≥ t inside the window in every zone: each zone pushes it to its next window
 * until all agree. While no zone changes its offset the common hours repeat every week, so a
 * week without any means none until the next offset change, and the search jumps there.
 */
function earliestCommon(clocks: readonly ZoneClock[], window: WallWindow, t: number): number {
  const limit = t + SEARCH_DAYS * MS_PER_DAY;
  let u = t;
  let stretchStart = t;
  for (;;) {
    if (u - stretchStart > WEEK_AND_A_DAY) {
      let change = limit;
      for (const clock of clocks) change = Math.min(change, nextOffsetChange(clock, stretchStart, change));
      if (change >= limit) return Infinity;
      if (change > u) u = change;
      stretchStart = change;
    }
    let moved = false;
    for (const clock of clocks) {
      const v = earliestInstant(clock, window, u, limit);
      if (v === Infinity) return Infinity;
      if (v > u) {
        u = v;
        moved = true;
      }
    }
    if (!moved) return u;
  }
}
