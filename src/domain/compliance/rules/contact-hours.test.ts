import { describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { at, business, consumer, phone } from '../testing/fixtures.js';

const ny = consumer();
const london = consumer({
  customer: { kind: 'consumer', country: 'US', region: 'NY', timeZones: ['Europe/London'] },
});

describe('federal contact hours: 08:00:00 ≤ local time < 21:00:00 (§1006.6(b)(1)(i))', () => {
  it.each([
    ['2026-06-10T07:59:59-04:00', 'defer', '2026-06-10T08:00:00-04:00'],
    ['2026-06-10T08:00:00-04:00', 'allow', undefined],
    ['2026-06-10T20:59:59-04:00', 'allow', undefined],
    ['2026-06-10T21:00:00-04:00', 'defer', '2026-06-11T08:00:00-04:00'],
    ['2026-06-10T23:59:59.999-04:00', 'defer', '2026-06-11T08:00:00-04:00'],
    ['2026-06-11T00:00:00-04:00', 'defer', '2026-06-11T08:00:00-04:00'],
    // New York DST starts 2026-03-08 at 02:00 EST → 03:00 EDT
    ['2026-03-08T07:59:59-04:00', 'defer', '2026-03-08T08:00:00-04:00'],
    ['2026-03-08T08:00:00-04:00', 'allow', undefined],
    ['2026-03-08T01:59:59-05:00', 'defer', '2026-03-08T08:00:00-04:00'],
    ['2026-03-07T21:00:00-05:00', 'defer', '2026-03-08T08:00:00-04:00'],
    // and ends 2026-11-01 at 02:00 EDT → 01:00 EST
    ['2026-11-01T01:30:00-04:00', 'defer', '2026-11-01T08:00:00-05:00'],
    ['2026-11-01T01:30:00-05:00', 'defer', '2026-11-01T08:00:00-05:00'],
    ['2026-11-01T07:59:59-05:00', 'defer', '2026-11-01T08:00:00-05:00'],
    ['2026-11-01T20:59:59-05:00', 'allow', undefined],
    ['2026-11-01T21:00:00-05:00', 'defer', '2026-11-02T08:00:00-05:00'],
  ])('New York %s → %s', (iso, decision, next) => {
    const d = check(phone(iso), ny);
    expect(d.decision).toBe(decision);
    expect(d.next_allowed_at).toBe(next && at(next));
    if (decision === 'defer') expect(d.reasons.map((r) => r.code)).toEqual(['inconvenient_time']);
  });

  it.each([
    // London: BST starts 2026-03-29 01:00 GMT → 02:00 BST, ends 2026-10-25 02:00 BST → 01:00 GMT
    ['2026-03-29T07:59:59+01:00', 'defer', '2026-03-29T08:00:00+01:00'],
    ['2026-03-29T08:00:00+01:00', 'allow', undefined],
    ['2026-03-29T00:30:00+00:00', 'defer', '2026-03-29T08:00:00+01:00'],
    ['2026-10-25T01:30:00+00:00', 'defer', '2026-10-25T08:00:00+00:00'],
    ['2026-10-25T07:59:59+00:00', 'defer', '2026-10-25T08:00:00+00:00'],
    ['2026-10-25T20:59:59+00:00', 'allow', undefined],
    ['2026-10-25T21:00:00+00:00', 'defer', '2026-10-26T08:00:00+00:00'],
  ])('London %s → %s', (iso, decision, next) => {
    const d = check(phone(iso), london);
    expect(d.decision).toBe(decision);
    expect(d.next_allowed_at).toBe(next && at(next));
  });

  it('must be convenient in every time zone: New York and Los Angeles', () => {
    const both = consumer({
      customer: {
        kind: 'consumer',
        country: 'US',
        timeZones: ['America/New_York', 'America/Los_Angeles'],
      },
    });
    // 08:00 in New York is 05:00 in Los Angeles: wait for 08:00 there (11:00 in New York).
    expect(check(phone('2026-06-10T08:00:00-04:00'), both)).toMatchObject({
      decision: 'defer',
      next_allowed_at: at('2026-06-10T08:00:00-07:00'),
    });
    expect(check(phone('2026-06-10T10:59:59-04:00'), both).decision).toBe('defer');
    expect(check(phone('2026-06-10T11:00:00-04:00'), both).decision).toBe('allow');
    expect(check(phone('2026-06-10T20:59:59-04:00'), both).decision).toBe('allow');
    // 21:00 in New York is 18:00 in Los Angeles: next window opens 11:00 New York time.
    expect(check(phone('2026-06-10T21:00:00-04:00'), both)).toMatchObject({
      decision: 'defer',
      next_allowed_at: at('2026-06-11T08:00:00-07:00'),
    });
  });

  it('applies to texts, email and visits, not to letters', () => {
    const night = at('2026-06-10T23:00:00-04:00');
    for (const channel of ['sms', 'email', 'visit'] as const) {
      const d = check(
        { channel, at: night, invoiceIds: ['inv1'], address: 'x@example.com', automated: false },
        ny,
      );
      expect(d.decision, channel).toBe('defer');
    }
    expect(check({ channel: 'letter', at: night, invoiceIds: ['inv1'] }, ny).decision).toBe('allow');
  });

  it('blocks when the customer has no time zone, or an invalid one', () => {
    const none = consumer({ customer: { kind: 'consumer', country: 'US', timeZones: [] } });
    expect(check(phone('2026-06-10T12:00:00-04:00'), none)).toMatchObject({
      decision: 'block',
      reasons: [{ code: 'time_zone_unknown' }],
    });
    const bad = consumer({ customer: { kind: 'consumer', country: 'US', timeZones: ['Nowhere/City'] } });
    expect(check(phone('2026-06-10T12:00:00-04:00'), bad).reasons[0]?.code).toBe('time_zone_invalid');
  });
});

describe('b2b contact hours: Monday to Friday 08:00–18:00', () => {
  const uk = business();
  it.each([
    ['2026-06-12T17:59:59+01:00', 'allow', undefined], // Friday
    ['2026-06-12T18:00:00+01:00', 'defer', '2026-06-15T08:00:00+01:00'], // → Monday
    ['2026-06-13T12:00:00+01:00', 'defer', '2026-06-15T08:00:00+01:00'], // Saturday
    ['2026-06-15T07:59:59+01:00', 'defer', '2026-06-15T08:00:00+01:00'],
    ['2026-06-15T08:00:00+01:00', 'allow', undefined],
    ['2026-03-27T18:00:00+00:00', 'defer', '2026-03-30T08:00:00+01:00'], // over the weekend the clocks change
  ])('%s → %s', (iso, decision, next) => {
    const d = check(phone(iso), uk);
    expect(d.decision).toBe(decision);
    expect(d.next_allowed_at).toBe(next && at(next));
    if (decision === 'defer') expect(d.reasons[0]?.code).toBe('outside_contact_hours');
  });

  it('uses the organisation’s hours and weekdays', () => {
    const custom = business({
      b2bSettings: { contactHours: { start: '09:30', end: '16:00', weekdays: [1, 2, 3, 4, 5, 6] } },
    });
    expect(check(phone('2026-06-13T09:29:59+01:00'), custom).next_allowed_at).toBe(
      at('2026-06-13T09:30:00+01:00'),
    );
    expect(check(phone('2026-06-13T16:00:00+01:00'), custom).next_allowed_at).toBe(
      at('2026-06-15T09:30:00+01:00'),
    );
  });

  it('blocks when the customer’s zones never share contact hours', () => {
    const apart = business({
      customer: { kind: 'business', country: 'NZ', timeZones: ['Pacific/Auckland', 'Europe/Paris'] },
    });
    // Auckland is 10 to 12 hours ahead of Paris: 08:00–18:00 in one is night in the other.
    const d = check(phone('2026-06-10T12:00:00Z'), apart);
    expect(d.decision).toBe('block');
    expect(d.reasons.map((r) => r.code)).toContain('no_convenient_time');
  });
});

describe('input', () => {
  it('refuses an instant that is not a number', () => {
    expect(() => check({ ...phone('2026-06-10T12:00:00Z'), at: NaN }, ny)).toThrow(/at: must be an instant/);
  });
});
