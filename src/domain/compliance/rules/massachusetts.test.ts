import { describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { at, call, consumer, phone } from '../testing/fixtures.js';
import type { ComplianceContext, PastContact } from '../types.js';

const ma = (history: PastContact[], rulePacks: string[] = ['us_federal_consumer']): ComplianceContext =>
  consumer({
    customer: { kind: 'consumer', country: 'US', region: 'MA', timeZones: ['America/New_York'] },
    rulePacks,
    history,
  });

const text = (iso: string): PastContact => ({
  channel: 'sms',
  direction: 'outbound',
  at: at(iso),
  invoiceIds: ['inv1'],
});

describe('Massachusetts: two telephone communications per debt in 7 days (940 CMR 7.04(1)(f))', () => {
  it('allows the 2nd call and defers the 3rd', () => {
    const one = ma([call('2026-06-02T10:00:00-04:00')]);
    expect(check(phone('2026-06-05T12:00:00-04:00'), one).decision).toBe('allow');
    const two = ma([call('2026-06-02T10:00:00-04:00'), call('2026-06-05T10:00:00-04:00')]);
    const d = check(phone('2026-06-08T12:00:00-04:00'), two);
    expect(d).toMatchObject({ decision: 'defer', next_allowed_at: at('2026-06-09T08:00:00-04:00') });
    expect(d.reasons[0]?.code).toBe('ma_telephone_limit');
    expect(d.rule_pack_versions).toEqual(['us_federal_consumer@2021-11-30', 'us_ma@2024-09-27']);
    expect(check(phone('2026-06-09T08:00:00-04:00'), two).decision).toBe('allow');
  });

  it('counts text messages and unanswered calls, not calls that cannot connect', () => {
    const mixed = ma([text('2026-06-02T10:00:00-04:00'), call('2026-06-03T10:00:00-04:00', 'no_answer')]);
    expect(check(phone('2026-06-04T12:00:00-04:00'), mixed).decision).toBe('defer');
    const sms = {
      channel: 'sms' as const,
      at: at('2026-06-04T12:00:00-04:00'),
      invoiceIds: ['inv1'],
      automated: false,
    };
    expect(check(sms, mixed).decision).toBe('defer');
    const failed = ma([
      call('2026-06-02T10:00:00-04:00', 'not_connected'),
      call('2026-06-03T10:00:00-04:00'),
    ]);
    expect(check(phone('2026-06-04T12:00:00-04:00'), failed).decision).toBe('allow');
  });

  it('does not count calls the debtor initiated', () => {
    const inbound: PastContact[] = [
      { ...call('2026-06-02T10:00:00-04:00', 'voicemail'), direction: 'inbound' },
      call('2026-06-03T10:00:00-04:00'),
    ];
    expect(check(phone('2026-06-04T12:00:00-04:00'), ma(inbound)).decision).toBe('allow');
  });

  it('counts per debt', () => {
    const two = ma([call('2026-06-02T10:00:00-04:00'), call('2026-06-03T10:00:00-04:00')]);
    expect(check(phone('2026-06-04T12:00:00-04:00', { invoiceIds: ['inv2'] }), two).decision).toBe('allow');
  });

  it('applies by itself to MA consumers under the federal pack, and not elsewhere', () => {
    const two = [call('2026-06-02T10:00:00-04:00'), call('2026-06-03T10:00:00-04:00')];
    expect(check(phone('2026-06-04T12:00:00-04:00'), consumer({ history: two })).decision).toBe('allow');
    // Naming the state pack alone brings the federal pack with it.
    const stateOnly = ma(two, ['us_ma']);
    expect(check(phone('2026-06-04T12:00:00-04:00'), stateOnly).rule_pack_versions).toEqual([
      'us_federal_consumer@2021-11-30',
      'us_ma@2024-09-27',
    ]);
    expect(check(phone('2026-06-04T06:00:00-04:00'), stateOnly).reasons.map((r) => r.code)).toEqual([
      'ma_telephone_limit',
      'inconvenient_time',
    ]);
  });
});
