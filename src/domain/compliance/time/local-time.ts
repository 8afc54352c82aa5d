/** Formatting of local times and time-of-day strings for rule data and messages. */
import { MS_PER_DAY } from './zone-clock.js';

/** `HH:MM` or `HH:MM:SS` (up to `24:00`) as ms since midnight. */
export function parseTimeOfDay(text: string): number {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const ms = match ? (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0)) * 1000 : NaN;
  if (!(ms >= 0 && ms <= MS_PER_DAY) || Number(match?.[2]) > 59 || Number(match?.[3] ?? 0) > 59) {
    throw new RangeError(`Not a local time of day: ${text}`);
  }
  return ms;
}

/** A local wall time (ms) as `YYYY-MM-DD HH:MM:SS`. */
export function formatWall(wall: number): string {
  return new Date(wall).toISOString().slice(0, 19).replace('T', ' ');
}
