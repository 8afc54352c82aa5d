import { MS_PER_DAY } from './zone-clock.js';

/** A set of local wall times, asked for the earliest member at or after a wall time. */
export interface WallSet {
  /** Earliest member ≥ `wall` (wall ms since 1970-01-01 local), or Infinity when none. */
  next(wall: number): number;
}

/**
 * Daily hours on some weekdays: `start` ≤ time of day < `end` (ms since local midnight).
 * Weekdays are a bit mask over JavaScript's numbering (bit 0 = Sunday).
 */
export class WallWindow implements WallSet {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly weekdayMask: number,
  ) {}

  contains(wall: number): boolean {
    const day = Math.floor(wall / MS_PER_DAY);
    const timeOfDay = wall - day * MS_PER_DAY;
    return timeOfDay >= this.start && timeOfDay < this.end && this.onDay(day);
  }

  next(wall: number): number {
    const day = Math.floor(wall / MS_PER_DAY);
    const timeOfDay = wall - day * MS_PER_DAY;
    if (this.onDay(day)) {
      if (timeOfDay < this.start) return day * MS_PER_DAY + this.start;
      if (timeOfDay < this.end) return wall;
    }
    for (let k = 1; k <= 7; k++) if (this.onDay(day + k)) return (day + k) * MS_PER_DAY + this.start;
    return Infinity;
  }

  private onDay(day: number): boolean {
    return ((this.weekdayMask >> weekday(day)) & 1) === 1;
  }
}

/** Wall times on or after the start of a local calendar day. */
export class FromDay implements WallSet {
  constructor(readonly day: number) {}
  next(wall: number): number {
    return Math.max(wall, this.day * MS_PER_DAY);
  }
}

/** 0 = Sunday ... 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
