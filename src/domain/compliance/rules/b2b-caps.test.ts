import { describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { at, business, call, consumer, phone } from '../testing/fixtures.js';
import type { PastContact } from '../types.js';

const calls = (...days: number[]) =>
  days.map((d) => call(`2026-06-${String(d).padStart(2, '0')}T10:00:00+01:00`));
const emailOn = (day: number): PastContact => ({
  channel: 'email',
  direction: 'outbound',
  at: at(`2026-06-${String(day).padStart(2, '0')}T10:00:00+01:00`),
  invoiceIds: ['inv1'],
});
const email = (iso: string) => ({
  channel: 'email' as const,
  at: at(iso),
  address: 'ap@acme.example',
  invoiceIds: ['inv1'],
});

describe('b2b weekly caps', () => {
  it('allows the 3rd call about a debt in 7 days and defers the 4th', () => {
    expect(check(phone('2026-06-10T12:00:00+01:00'), business({ history: calls(8, 9) })).decision).toBe(
      'allow',
    );
    const d = check(phone('2026-06-10T12:00:00+01:00'), business({ history: calls(8, 9, 10) }));
    expect(d).toMatchObject({ decision: 'defer', next_allowed_at: at('2026-06-15T08:00:00+01:00') });
    expect(d.reasons[0]?.code).toBe('weekly_cap');
  });

  it('takes the organisation’s caps per channel, and null removes one', () => {
    const more = business({ history: calls(8, 9, 10), b2bSettings: { weeklyCaps: { phone: 4, email: 1 } } });
    expect(check(phone('2026-06-10T12:00:00+01:00'), more).decision).toBe('allow');
    const mailed = { ...more, history: [emailOn(9)] };
    expect(check(email('2026-06-10T12:00:00+01:00'), mailed)).toMatchObject({
      decision: 'defer',
      next_allowed_at: at('2026-06-16T08:00:00+01:00'),
    });
    const uncapped = business({ history: calls(8, 9, 10, 10), b2bSettings: { weeklyCaps: { phone: null } } });
    expect(check(phone('2026-06-10T12:00:00+01:00'), uncapped).decision).toBe('allow');
  });

  it('a cap of 0 closes the channel', () => {
    const closed = business({ b2bSettings: { weeklyCaps: { email: 0 } } });
    expect(check(email('2026-06-10T12:00:00+01:00'), closed)).toMatchObject({
      decision: 'block',
      reasons: [{ code: 'weekly_cap' }],
    });
  });

  it('does not apply to consumers', () => {
    const us = consumer({ rulePacks: ['us_federal_consumer', 'b2b_default'], history: calls(8, 9, 10) });
    expect(check(phone('2026-06-10T12:00:00-04:00'), us).rule_pack_versions).toEqual([
      'us_federal_consumer@2021-11-30',
    ]);
    expect(check(phone('2026-06-10T12:00:00-04:00'), us).decision).toBe('allow');
  });
});
