import { describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { at, business, consumer, phone } from '../testing/fixtures.js';
import type { ComplianceContext, Consent, OptOut } from '../types.js';

const NUMBER = '+16175550100';
const noon = '2026-06-10T12:00:00-04:00';
const given: Consent = {
  channel: 'phone_automated',
  address: NUMBER,
  effectiveAt: at('2026-01-01T00:00:00Z'),
};
const sms = (iso: string, more = {}) => ({
  channel: 'sms' as const,
  at: at(iso),
  address: NUMBER,
  invoiceIds: ['inv1'],
  ...more,
});
const tcpa = (more: Partial<ComplianceContext> = {}) =>
  consumer({ rulePacks: ['us_federal_consumer', 'tcpa'], ...more });

describe('TCPA: automated calls and texts need prior express consent (47 U.S.C. 227(b)(1)(A)(iii))', () => {
  it('blocks an autodialled call without consent for that number, allows one with it', () => {
    const robocall = phone(noon, { automated: true, address: NUMBER });
    expect(check(robocall, tcpa())).toMatchObject({
      decision: 'block',
      reasons: [{ code: 'consent_missing' }],
    });
    expect(check(robocall, tcpa({ consents: [given] })).decision).toBe('allow');
    expect(check({ ...robocall, address: '+16175550199' }, tcpa({ consents: [given] })).decision).toBe(
      'block',
    );
    expect(check({ ...robocall, address: '(617) 555-0100' }, tcpa({ consents: [given] })).decision).toBe(
      'block',
    );
    expect(check({ ...robocall, address: '+1 617 555 0100' }, tcpa({ consents: [given] })).decision).toBe(
      'allow',
    );
  });

  it('needs no consent for a call a collector dials by hand', () => {
    expect(check(phone(noon, { address: NUMBER }), tcpa()).decision).toBe('allow');
  });

  it('treats texts as automated unless told otherwise, with their own consent', () => {
    expect(check(sms(noon), tcpa({ consents: [given] })).decision).toBe('block');
    const textConsent: Consent = { ...given, channel: 'sms' };
    expect(check(sms(noon), tcpa({ consents: [textConsent] })).decision).toBe('allow');
    expect(check(sms(noon, { automated: false }), tcpa()).decision).toBe('allow');
    expect(check(sms(noon, { address: undefined }), tcpa({ consents: [textConsent] })).decision).toBe(
      'block',
    );
  });

  it('honours a STOP from its effective instant, for texts and autodialled calls to that number', () => {
    const textConsent: Consent = { ...given, channel: 'sms' };
    const stop: OptOut = { channel: 'sms', address: NUMBER, effectiveAt: at('2026-06-10T11:59:00-04:00') };
    const ctx = tcpa({ consents: [textConsent, given], optOuts: [stop] });
    expect(check(sms('2026-06-10T11:58:59-04:00'), ctx).decision).toBe('allow');
    const after = check(sms(noon), ctx);
    expect(after.decision).toBe('block');
    expect(after.reasons.map((r) => r.code).sort()).toEqual(['consent_missing', 'opted_out_address']);
    expect(check(phone(noon, { automated: true, address: NUMBER }), ctx).reasons).toEqual([
      expect.objectContaining({ code: 'consent_missing' }),
    ]);
    // Consent given again after the STOP (and the opt-out ended) counts.
    const again = tcpa({
      consents: [textConsent, { ...textConsent, effectiveAt: at('2026-06-10T11:59:30-04:00') }],
      optOuts: [{ ...stop, endedAt: at('2026-06-10T11:59:30-04:00') }],
    });
    expect(check(sms(noon), again).decision).toBe('allow');
  });

  it('defers to a consent recorded with a later effective instant, and ignores a revoked one', () => {
    const later: Consent = { ...given, effectiveAt: at('2026-06-10T15:00:00-04:00') };
    expect(
      check(phone(noon, { automated: true, address: NUMBER }), tcpa({ consents: [later] })),
    ).toMatchObject({
      decision: 'defer',
      next_allowed_at: at('2026-06-10T15:00:00-04:00'),
    });
    const revoked: Consent = { ...given, revokedAt: at('2026-06-01T00:00:00Z') };
    expect(
      check(phone(noon, { automated: true, address: NUMBER }), tcpa({ consents: [revoked] })).decision,
    ).toBe('block');
  });

  it('applies to business customers in the US too', () => {
    const us = business({
      customer: { kind: 'business', country: 'US', timeZones: ['America/Chicago'] },
      rulePacks: ['b2b_default', 'tcpa'],
    });
    expect(check(phone('2026-06-10T12:00:00-05:00', { automated: true, address: NUMBER }), us).decision).toBe(
      'block',
    );
  });
});
