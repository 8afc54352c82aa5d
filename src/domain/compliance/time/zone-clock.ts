/**
 * UTC offsets of an IANA time zone without formatting strings on every call.
 *
 * Intl.DateTimeFormat is the only source of zone rules in Node, and formatting costs
 * microseconds. A zone changes its offset at most a few times a year, so each UTC day is asked
 * about once: its offset at the start and at the end, and, when they differ, the exact second
 * of the change (binary search). Later look-ups are one Map read.
 */
export const MS_PER_DAY = 86_400_000;

export interface DayOffsets {
  /** Offset (ms, local − UTC) from the start of the UTC day. */
  readonly start: number;
  /** Instant the offset changes inside that day, or Infinity. */
  readonly change: number;
  /** Offset from `change` on. */
  readonly after: number;
}

export class ZoneClock {
  private readonly days = new Map<number, DayOffsets>();
  private readonly parts: Intl.DateTimeFormat;

  constructor(readonly name: string) {
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Offset in ms (local wall time − UTC) at `instant`. */
  offsetAt(instant: number): number {
    const day = this.day(Math.floor(instant / MS_PER_DAY));
    return instant < day.change ? day.start : day.after;
  }

  /** Local wall time at `instant`, as ms since 1970-01-01T00:00 local. */
  wallAt(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /** Local calendar day number (days since 1970-01-01) at `instant`. */
  localDay(instant: number): number {
    return Math.floor(this.wallAt(instant) / MS_PER_DAY);
  }

  day(utcDay: number): DayOffsets {
    let entry = this.days.get(utcDay);
    if (entry === undefined) {
      if (this.days.size > 200_000) this.days.clear(); // bound memory in a long-running process
      entry = this.computeDay(utcDay);
      this.days.set(utcDay, entry);
    }
    return entry;
  }

  private computeDay(utcDay: number): DayOffsets {
    const first = utcDay * 86_400; // seconds
    const last = first + 86_399;
    const start = this.formattedOffset(first);
    const end = this.formattedOffset(last);
    if (start === end) return { start, change: Infinity, after: start };
    // Zone rules change on whole seconds: find the first second with the new offset.
    let lo = first;
    let hi = last;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.formattedOffset(mid) === start) lo = mid;
      else hi = mid;
    }
    return { start, change: hi * 1000, after: this.formattedOffset(hi) };
  }

  private formattedOffset(second: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let sec = 0;
    for (const part of this.parts.formatToParts(second * 1000)) {
      const value = Number(part.value);
      if (part.type === 'year') year = value;
      else if (part.type === 'month') month = value;
      else if (part.type === 'day') day = value;
      else if (part.type === 'hour') hour = value;
      else if (part.type === 'minute') minute = value;
      else if (part.type === 'second') sec = value;
    }
    return Date.UTC(year, month - 1, day, hour, minute, sec) - second * 1000;
  }
}

const clocks = new Map<string, ZoneClock | null>();

/** The clock of an IANA zone, or null when the name is not a zone. */
export function zoneClock(name: string): ZoneClock | null {
  let clock = clocks.get(name);
  if (clock === undefined) {
    try {
      clock = new ZoneClock(name);
    } catch {
      clock = null;
    }
    clocks.set(name, clock);
  }
  return clock;
}
