import { describe, expect, it } from 'vitest';
import { at } from '../testing/fixtures.js';
import { WallWindow } from './wall-window.js';
import { MS_PER_DAY, zoneClock, type ZoneClock } from './zone-clock.js';
import { earliestInstant } from './zone-search.js';

const H = 3_600_000;
const clock = (name: string) => zoneClock(name) as ZoneClock;

const formats = new Map<string, Intl.DateTimeFormat>();

/** Offset the slow way, for comparison. */
function intlOffset(zone: string, instant: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const second = Math.floor(instant / 1000) * 1000;
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - second;
}

describe('zone clock', () => {
  it.each([
    ['America/New_York', '2026-03-08T06:59:59Z', -5],
    ['America/New_York', '2026-03-08T07:00:00Z', -4],
    ['America/New_York', '2026-11-01T05:59:59Z', -4],
    ['America/New_York', '2026-11-01T06:00:00Z', -5],
    ['Europe/London', '2026-03-29T00:59:59Z', 0],
    ['Europe/London', '2026-03-29T01:00:00Z', 1],
    ['Europe/London', '2026-10-25T00:59:59Z', 1],
    ['Europe/London', '2026-10-25T01:00:00Z', 0],
    ['Australia/Lord_Howe', '2026-04-04T14:59:59Z', 11],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z', 10.5],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z', 5.75],
  ])('%s at %s is UTC%+d', (zone, iso, hours) => {
    expect(clock(zone).offsetAt(at(iso))).toBe(hours * H);
  });

  it('agrees with Intl at 20,000 instants in zones with odd rules', () => {
    const zones = [
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Pacific/Chatham',
    ];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
    for (let i = 0; i < 20_000; i++) {
      const zone = zones[i % zones.length] as string;
      const instant = at('2020-01-01T00:00:00Z') + Math.floor(random() * 8 * 365 * MS_PER_DAY);
      expect(clock(zone).offsetAt(instant)).toBe(intlOffset(zone, instant));
    }
  });

  it('answers null for a name that is not a zone', () => {
    expect(zoneClock('Mars/Olympus_Mons')).toBeNull();
  });

  it('finds 08:00 local on the day the clocks spring forward and fall back', () => {
    const window = new WallWindow(8 * H, 21 * H, 0b1111111);
    const ny = clock('America/New_York');
    // 01:30 local, before the change at 02:00 → 08:00 EDT.
    expect(earliestInstant(ny, window, at('2026-03-08T06:30:00Z'), Infinity)).toBe(
      at('2026-03-08T08:00:00-04:00'),
    );
    // 01:30 EDT, in the repeated hour → 08:00 EST.
    expect(earliestInstant(ny, window, at('2026-11-01T05:30:00Z'), Infinity)).toBe(
      at('2026-11-01T08:00:00-05:00'),
    );
    // A window starting inside the gap (02:30 does not exist): the first instant after it, 03:00 EDT.
    const inGap = new WallWindow(2.5 * H, 5 * H, 0b1111111);
    expect(earliestInstant(ny, inGap, at('2026-03-08T05:00:00Z'), Infinity)).toBe(at('2026-03-08T07:00:00Z'));
  });
});
