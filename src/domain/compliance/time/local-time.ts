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

/** The time of day of a local wall time (ms) as `HH:MM:SS`. */
export function formatTimeOfDay(wall: number): string {
  const seconds = Math.floor((((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 1000);
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
