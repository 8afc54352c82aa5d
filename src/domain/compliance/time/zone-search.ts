import { FromDay, type WallSet } from './wall-window.js';
import { MS_PER_DAY, type ZoneClock } from './zone-clock.js';

/**
 * The earliest instant u ≥ `from` (and < `limit`) whose local wall time in the zone belongs to
 * `set`, or Infinity. Between two offset changes the wall time is the instant plus a constant,
 * so each such stretch is solved directly; DST gaps and repeated hours come out exact.
 */
export function earliestInstant(clock: ZoneClock, set: WallSet, from: number, limit: number): number {
  let t = from;
  while (t < limit) {
    const utcDay = Math.floor(t / MS_PER_DAY);
    const day = clock.day(utcDay);
    let offset: number;
    let stretchEnd: number;
    let endsAtChange: boolean;
    if (t < day.change) {
      offset = day.start;
      endsAtChange = day.change !== Infinity;
      stretchEnd = endsAtChange ? day.change : (utcDay + 1) * MS_PER_DAY;
    } else {
      offset = day.after;
      endsAtChange = false;
      stretchEnd = (utcDay + 1) * MS_PER_DAY;
    }
    const wall = set.next(t + offset);
    if (wall === Infinity) return Infinity;
    const u = wall - offset;
    // Days that keep the same offset extend the stretch, so a weekend is one step, not three.
    while (u >= stretchEnd && !endsAtChange && stretchEnd < limit) {
      const following = clock.day(stretchEnd / MS_PER_DAY);
      if (following.start !== offset) break;
      if (following.change !== Infinity) {
        stretchEnd = following.change;
        endsAtChange = true;
      } else stretchEnd += MS_PER_DAY;
    }
    if (u < stretchEnd) return u < limit ? u : Infinity;
    t = stretchEnd;
  }
  return Infinity;
}

/** The first instant after `from` and before `limit` at which the zone's offset changes, else `limit`. */
export function nextOffsetChange(clock: ZoneClock, from: number, limit: number): number {
  let utcDay = Math.floor(from / MS_PER_DAY);
  let previous = clock.offsetAt(from);
  while (utcDay * MS_PER_DAY < limit) {
    const day = clock.day(utcDay);
    if (day.start !== previous && utcDay * MS_PER_DAY > from) return Math.min(utcDay * MS_PER_DAY, limit);
    if (day.change > from && day.change !== Infinity) return Math.min(day.change, limit);
    previous = day.after;
    utcDay++;
  }
  return limit;
}

/**
 * A lower bound for rules that count local calendar days: the first instant ≥ `from` whose
 * local day is `day` or later, or an earlier offset change (where the local day may step back).
 */
export function localDayStartOrChange(clock: ZoneClock, day: number, from: number): number {
  const earliest = Math.max(from, day * MS_PER_DAY - MAX_OFFSET);
  const start = earliestInstant(clock, new FromDay(day), earliest, day * MS_PER_DAY + MAX_OFFSET);
  return start === Infinity ? Infinity : nextOffsetChange(clock, from, start);
}

/** No zone is further than this from UTC (UTC+14 today); a margin on top. */
const MAX_OFFSET = 16 * 3_600_000;
