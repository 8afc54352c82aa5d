import { describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { at, business, consumer, phone } from '../testing/fixtures.js';
import type { HoldReason, ProposedContact, Purpose } from '../types.js';

const noon = '2026-06-10T12:00:00-04:00';
const email = (address: string | undefined, more: Partial<ProposedContact> = {}): ProposedContact => ({
  channel: 'email',
  at: at(noon),
  address,
  invoiceIds: ['inv1'],
  ...more,
});
const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);

describe('opt-outs (§1006.14(h)): by address or the whole channel', () => {
  const from = at('2026-06-01T00:00:00Z');

  it('an address opt-out stops that address only', () => {
    const ctx = consumer({ optOuts: [{ channel: 'email', address: 'Ann@Example.com', effectiveAt: from }] });
    expect(check(email('ann@example.com'), ctx)).toMatchObject({
      decision: 'block',
      reasons: [{ code: 'opted_out_address' }],
    });
    expect(check(email('ann@work.example'), ctx).decision).toBe('allow');
    expect(codes(check(email(undefined), ctx))).toEqual(['address_required']);
    expect(check(phone(noon), ctx).decision).toBe('allow');
  });

  it('a channel opt-out stops every address of it', () => {
    const ctx = consumer({ optOuts: [{ channel: 'email', effectiveAt: from }] });
    expect(codes(check(email('ann@work.example'), ctx))).toEqual(['opted_out_channel']);
    expect(check(phone(noon), ctx).decision).toBe('allow');
  });

  it('counts from the effective instant until it ends', () => {
    const ctx = consumer({
      optOuts: [{ channel: 'phone', effectiveAt: at(noon) + 1, endedAt: at('2026-06-20T00:00:00-04:00') }],
    });
    expect(check(phone(noon), ctx).decision).toBe('allow');
    // Blocked now, allowed again later: time alone makes it allowed, so it is a deferral.
    expect(check(phone('2026-06-15T12:00:00-04:00'), ctx)).toMatchObject({
      decision: 'defer',
      next_allowed_at: at('2026-06-20T08:00:00-04:00'),
    });
  });

  it('binds business customers too', () => {
    const ctx = business({ optOuts: [{ channel: 'phone', effectiveAt: from }] });
    expect(check(phone('2026-06-10T12:00:00+01:00'), ctx).decision).toBe('block');
  });
});

describe('cease communication (§1006.6(c))', () => {
  const ctx = consumer({ ceaseCommunicationAt: at('2026-06-01T00:00:00Z') });

  it.each<[Purpose, string]>([
    ['collection', 'block'],
    ['validation_notice', 'block'],
    ['required_notice', 'allow'],
  ])('%s → %s', (purpose, decision) => {
    const letter: ProposedContact = { channel: 'letter', at: at(noon), invoiceIds: ['inv1'], purpose };
    expect(check(letter, ctx).decision).toBe(decision);
  });

  it('does not reach back before its effective instant', () => {
    expect(check(phone('2026-05-29T12:00:00-04:00'), ctx).decision).toBe('allow');
  });

  it('lets a required notice through only at a convenient time', () => {
    expect(check(phone('2026-06-10T22:00:00-04:00', { purpose: 'required_notice' }), ctx).decision).toBe(
      'defer',
    );
  });
});

describe('holds', () => {
  it.each<[HoldReason, Purpose, 'allow' | 'block']>([
    ['dispute', 'collection', 'block'],
    ['dispute', 'required_notice', 'allow'],
    ['payment_plan', 'collection', 'block'],
    ['payment_plan', 'validation_notice', 'allow'],
    ['promise', 'collection', 'block'],
    ['placed', 'collection', 'block'],
    ['placed', 'validation_notice', 'block'],
    ['placed', 'required_notice', 'allow'],
    ['cease_communication', 'collection', 'block'],
    ['cease_communication', 'required_notice', 'allow'],
    ['bankruptcy', 'required_notice', 'block'],
    ['deceased', 'collection', 'block'],
  ])('%s hold, %s → %s', (reason, purpose, decision) => {
    const letter: ProposedContact = { channel: 'letter', at: at(noon), invoiceIds: ['inv1'], purpose };
    const d = check(letter, consumer({ holds: [{ reason }] }));
    expect(d.decision).toBe(decision);
    if (decision === 'block') expect(codes(d)).toEqual([`hold_${reason}`]);
  });

  it('a hold on invoices stops contacts about them only', () => {
    const ctx = consumer({ holds: [{ reason: 'dispute', invoiceIds: ['inv2'] }] });
    expect(check(phone(noon), ctx).decision).toBe('allow');
    expect(check(phone(noon, { invoiceIds: ['inv1', 'inv2'] }), ctx).decision).toBe('block');
    expect(check(phone(noon, { invoiceIds: [] }), ctx).decision).toBe('block');
  });
});
