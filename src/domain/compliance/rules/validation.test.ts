import { describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { at, consumer, phone } from '../testing/fixtures.js';
import type { DebtState, ProposedContact } from '../types.js';

const noticeSent = at('2026-06-29T14:00:00-04:00'); // period ends 2026-08-06 (see validation-period.test.ts)
const withDebt = (debt: DebtState) => consumer({ debts: { inv1: debt } });
const letter = (iso: string, more: Partial<ProposedContact> = {}): ProposedContact => ({
  channel: 'letter',
  at: at(iso),
  invoiceIds: ['inv1'],
  ...more,
});

describe('dispute within the validation period (FDCPA §809(b))', () => {
  it('pauses collection of the debt until verification is sent', () => {
    const disputed = withDebt({
      validationNoticeSentAt: noticeSent,
      disputes: [{ receivedAt: at('2026-08-06T23:00:00-04:00') }],
    });
    expect(check(letter('2026-08-06T22:59:59-04:00'), disputed).decision).toBe('allow');
    expect(check(letter('2026-08-07T09:00:00-04:00'), disputed)).toMatchObject({
      decision: 'block',
      reasons: [{ code: 'dispute_unverified' }],
    });
    const verified = withDebt({
      validationNoticeSentAt: noticeSent,
      disputes: [
        { receivedAt: at('2026-07-20T10:00:00-04:00'), verificationSentAt: at('2026-08-10T10:00:00-04:00') },
      ],
    });
    expect(check(letter('2026-08-01T09:00:00-04:00'), verified)).toMatchObject({
      decision: 'defer',
      next_allowed_at: at('2026-08-10T10:00:00-04:00'),
    });
    expect(check(letter('2026-08-10T10:00:00-04:00'), verified).decision).toBe('allow');
  });

  it('does not pause for a dispute after the period, nor other debts, nor required notices', () => {
    const late = withDebt({
      validationNoticeSentAt: noticeSent,
      disputes: [{ receivedAt: at('2026-08-07T00:00:00-04:00') }],
    });
    expect(check(letter('2026-08-08T09:00:00-04:00'), late).decision).toBe('allow');
    const early = withDebt({
      validationNoticeSentAt: noticeSent,
      validationPeriodEnd: '2026-08-10', // the date printed on the notice wins
      disputes: [{ receivedAt: at('2026-08-08T00:00:00-04:00') }],
    });
    expect(check(letter('2026-08-08T09:00:00-04:00'), early).decision).toBe('block');
    const ctx = consumer({
      debts: {
        inv1: { validationNoticeSentAt: noticeSent, disputes: [{ receivedAt: noticeSent }] },
        inv2: { validationNoticeSentAt: noticeSent },
      },
    });
    expect(check(letter('2026-07-08T09:00:00-04:00', { invoiceIds: ['inv2'] }), ctx).decision).toBe('allow');
    expect(check(letter('2026-07-08T09:00:00-04:00', { purpose: 'required_notice' }), ctx).decision).toBe(
      'allow',
    );
  });
});

describe('the validation notice comes first (§1006.34(a))', () => {
  it('blocks collection about a debt whose notice was not sent, and lets the notice itself go', () => {
    const none = withDebt({});
    expect(check(letter('2026-06-10T09:00:00-04:00'), none)).toMatchObject({
      decision: 'block',
      reasons: [{ code: 'validation_notice_not_sent' }],
    });
    expect(check(letter('2026-06-10T09:00:00-04:00', { purpose: 'validation_notice' }), none).decision).toBe(
      'allow',
    );
    expect(check(letter('2026-06-10T09:00:00-04:00', { invoiceIds: ['unknown'] }), consumer()).decision).toBe(
      'block',
    );
  });

  it('waits for a notice recorded as sent later', () => {
    const later = withDebt({ validationNoticeSentAt: at('2026-06-10T15:00:00-04:00') });
    expect(check(phone('2026-06-10T12:00:00-04:00'), later)).toMatchObject({
      decision: 'defer',
      next_allowed_at: at('2026-06-10T15:00:00-04:00'),
    });
  });

  it('refuses a validation notice by telephone', () => {
    const d = check(phone('2026-06-10T12:00:00-04:00', { purpose: 'validation_notice' }), withDebt({}));
    expect(d).toMatchObject({ decision: 'block', reasons: [{ code: 'validation_notice_medium' }] });
  });
});

describe('what a message must carry', () => {
  it('electronic messages carry an opt-out notice (§1006.6(e))', () => {
    const email: ProposedContact = {
      channel: 'email',
      at: at('2026-06-10T12:00:00-04:00'),
      address: 'a@example.com',
      invoiceIds: ['inv1'],
    };
    expect(check(email, consumer()).requires).toEqual(['opt_out_notice']);
    expect(check(letter('2026-06-10T12:00:00-04:00'), consumer()).requires).toEqual([]);
  });

  it('a time-barred debt carries no threat of suit (§1006.26(b))', () => {
    const barred = consumer({ debts: { inv1: { validationNoticeSentAt: noticeSent, timeBarred: true } } });
    expect(check(letter('2026-08-10T12:00:00-04:00'), barred).requires).toEqual(['no_litigation_threat']);
  });
});
