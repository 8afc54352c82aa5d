import { describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { at, call, consumer, phone } from '../testing/fixtures.js';
import type { PastContact } from '../types.js';

/** `n` calls about `inv1` at 10:00 New York time on each given day of June 2026. */
const callsOn = (days: number[], outcome: PastContact['outcome'] = 'no_answer', invoiceIds = ['inv1']) =>
  days.map((d) => call(`2026-06-${String(d).padStart(2, '0')}T10:00:00-04:00`, outcome, invoiceIds));

const june = (day: number, time = '12:00:00') => `2026-06-${String(day).padStart(2, '0')}T${time}-04:00`;

describe('call frequency: more than 7 calls in 7 consecutive days (§1006.14(b)(2)(i)(A))', () => {
  it('allows the 7th call and defers the 8th until the oldest leaves the window', () => {
    const six = consumer({ history: callsOn([2, 3, 4, 5, 6, 7]) });
    expect(check(phone(june(8)), six).decision).toBe('allow');
    const seven = consumer({ history: callsOn([2, 3, 4, 5, 6, 7, 8]) });
    // The window of the 8th holds June 2–8; on June 9 the call of June 2 has left it.
    expect(check(phone(june(8, '15:00:00')), seven)).toMatchObject({
      decision: 'defer',
      next_allowed_at: at(june(9, '08:00:00')),
      reasons: [{ code: 'call_frequency_limit' }],
    });
    expect(check(phone(june(9, '08:00:00')), seven).decision).toBe('allow');
  });

  it('counts by calendar day: seven calls on one day hold that day for seven days', () => {
    const history = callsOn([2, 2, 2, 2, 2, 2, 2]);
    expect(check(phone(june(8, '20:59:59')), consumer({ history })).next_allowed_at).toBe(
      at(june(9, '08:00:00')),
    );
    expect(check(phone(june(9, '08:00:00')), consumer({ history })).decision).toBe('allow');
  });

  it('counts unanswered calls, voicemails and wrong numbers; not calls that do not connect, nor inbound calls', () => {
    const counted = consumer({
      history: [
        ...callsOn([2, 3], 'no_answer'),
        ...callsOn([4, 5], 'voicemail'),
        ...callsOn([6, 7], 'wrong_number'),
        ...callsOn([8], undefined),
      ],
    });
    expect(check(phone(june(8, '15:00:00')), counted).decision).toBe('defer');
    const notCounted = consumer({
      history: [
        ...callsOn([2, 3, 4, 5, 6, 7], 'no_answer'),
        ...callsOn([8, 8, 8], 'not_connected'),
        {
          channel: 'phone',
          direction: 'inbound',
          at: at(june(8, '09:00:00')),
          outcome: 'no_answer',
          invoiceIds: ['inv1'],
        },
        { channel: 'sms', direction: 'outbound', at: at(june(8, '09:00:00')), invoiceIds: ['inv1'] },
      ],
    });
    expect(check(phone(june(8, '15:00:00')), notCounted).decision).toBe('allow');
  });

  it('counts per debt, and a call about several debts for each of them', () => {
    const history = [
      ...callsOn([2, 3, 4], 'no_answer', ['inv1', 'inv2']),
      ...callsOn([5, 6, 7, 8], 'no_answer'),
    ];
    expect(check(phone(june(8, '15:00:00')), consumer({ history })).decision).toBe('defer');
    expect(check(phone(june(8, '15:00:00'), { invoiceIds: ['inv2'] }), consumer({ history })).decision).toBe(
      'allow',
    );
    expect(check(phone(june(8, '15:00:00'), { invoiceIds: ['inv3'] }), consumer({ history })).decision).toBe(
      'allow',
    );
    // A call about inv2 and inv1 is refused because of inv1.
    expect(
      check(phone(june(8, '15:00:00'), { invoiceIds: ['inv2', 'inv1'] }), consumer({ history })).decision,
    ).toBe('defer');
  });

  it('ignores contacts recorded after the proposed instant', () => {
    const history = callsOn([2, 3, 4, 5, 6, 7, 8]);
    expect(check(phone(june(8, '09:00:00')), consumer({ history })).decision).toBe('allow');
  });
});

describe('call after a conversation: 7 days, the day of the conversation being day 1 (§1006.14(b)(2)(i)(B))', () => {
  const talked = (direction: 'inbound' | 'outbound', invoiceIds = ['inv1']): PastContact[] => [
    { channel: 'phone', direction, at: at(june(5, '10:00:00')), outcome: 'conversation', invoiceIds },
  ];

  it.each([
    [june(5, '15:00:00'), 'defer'],
    [june(11, '20:59:59'), 'defer'],
    [june(12, '08:00:00'), 'allow'],
  ])('a conversation on June 5: a call at %s → %s', (iso, decision) => {
    const d = check(phone(iso), consumer({ history: talked('outbound') }));
    expect(d.decision).toBe(decision);
    if (decision === 'defer') {
      expect(d.next_allowed_at).toBe(at(june(12, '08:00:00')));
      expect(d.reasons[0]?.code).toBe('call_after_conversation');
    }
  });

  it('counts a conversation the consumer started', () => {
    expect(check(phone(june(11)), consumer({ history: talked('inbound') })).decision).toBe('defer');
  });

  it('bars calls about the debts discussed only; email is not a call', () => {
    const history = talked('outbound', ['inv1', 'inv2']);
    expect(check(phone(june(8), { invoiceIds: ['inv2'] }), consumer({ history })).decision).toBe('defer');
    expect(check(phone(june(8), { invoiceIds: ['inv3'] }), consumer({ history })).decision).toBe('allow');
    const email = {
      channel: 'email' as const,
      at: at(june(8)),
      invoiceIds: ['inv1'],
      address: 'a@example.com',
    };
    expect(check(email, consumer({ history })).decision).toBe('allow');
  });

  it('counts days in the first time zone of the consumer', () => {
    const customer = {
      kind: 'consumer' as const,
      country: 'US',
      timeZones: ['America/Los_Angeles', 'America/New_York'],
    };
    // 23:30 in Los Angeles on June 5 is already June 6 in New York; day 1 is June 5.
    const history: PastContact[] = [
      {
        channel: 'phone',
        direction: 'outbound',
        at: at('2026-06-05T23:30:00-07:00'),
        outcome: 'conversation',
        invoiceIds: ['inv1'],
      },
    ];
    const d = check(phone('2026-06-11T12:00:00-07:00'), consumer({ customer, history }));
    expect(d.next_allowed_at).toBe(at('2026-06-12T08:00:00-07:00'));
  });

  it('combines with the 7-in-7 count and contact hours to the earliest instant all allow', () => {
    // A conversation on June 1 bars calls through June 7; seven calls on June 2–4 keep the count
    // at seven until June 2 leaves the window, on June 9.
    const history = [
      ...talked('outbound').map((c) => ({ ...c, at: at(june(1, '10:00:00')) })),
      ...callsOn([2, 2, 3, 3, 4, 4, 4]),
    ];
    expect(check(phone(june(6)), consumer({ history })).next_allowed_at).toBe(at(june(9, '08:00:00')));
  });
});
