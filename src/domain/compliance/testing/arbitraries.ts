/**
 * Random contact attempts and contexts for the property test, as one fast-check arbitrary.
 * It draws straight from fast-check's random source (nested combinators cost ~200 µs a case,
 * too slow for 100,000 cases) and shrinks by dropping history entries and states.
 *
 * Times cluster around clock changes and whole minutes and hours, and most states let contact
 * through, so allow, defer and block all come up often.
 */
import fc from 'fast-check';
import type {
  B2bSettings,
  CallOutcome,
  Channel,
  ComplianceContext,
  DebtState,
  Hold,
  PastContact,
  ProposedContact,
  Purpose,
} from '../types.js';

export interface Case {
  proposed: ProposedContact;
  context: ComplianceContext;
}

const H = 3_600_000;
const D = 24 * H;
const START = Date.UTC(2025, 0, 1);
const END = Date.UTC(2027, 11, 31);

/** Days on which some zone below changes its clocks. */
const CLOCK_CHANGES = [
  '2025-03-09',
  '2025-03-30',
  '2025-04-06',
  '2025-10-05',
  '2025-10-26',
  '2025-11-02',
  '2026-03-08',
  '2026-03-29',
  '2026-04-05',
  '2026-09-06',
  '2026-10-04',
  '2026-10-25',
  '2026-11-01',
].map((date) => Date.parse(`${date}T00:00:00Z`));

const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Chicago',
  'America/Phoenix',
  'America/St_Johns',
  'America/Santiago',
  'Pacific/Honolulu',
  'Europe/London',
  'Europe/Paris',
  'Asia/Tokyo',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
];
const PHONES = ['+16175550100', '+16175550101'];
const EMAIL = 'ann@example.com';
const INVOICES = ['a', 'b', 'c'];
const PACKS = ['us_federal_consumer', 'us_ma', 'tcpa@2025-04-11', 'b2b_default'];
const OUTCOMES: (CallOutcome | undefined)[] = [
  'no_answer',
  'no_answer',
  'no_answer',
  'voicemail',
  'voicemail',
  'conversation',
  'wrong_number',
  'not_connected',
  'not_connected',
  undefined,
];
const HOLDS: Hold['reason'][] = [
  'dispute',
  'bankruptcy',
  'deceased',
  'cease_communication',
  'payment_plan',
  'promise',
  'placed',
];
const SETTINGS: B2bSettings[] = [
  {
    contactHours: { start: '09:30', end: '17:00', weekdays: [1, 2, 3, 4, 5, 6] },
    weeklyCaps: { phone: 2, email: 1 },
  },
  {
    contactHours: { start: '00:00', end: '24:00', weekdays: [2, 4], channels: ['phone'] },
    weeklyCaps: { phone: null },
  },
];

class Dice {
  constructor(private readonly random: fc.Random) {}
  int(min: number, max: number): number {
    return this.random.nextInt(min, max);
  }
  chance(p: number): boolean {
    return this.random.nextInt(0, 9999) < p * 10_000;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.random.nextInt(0, items.length - 1)] as T;
  }
  /** Each item with probability p, in order. */
  some<T>(items: readonly T[], p = 0.5): T[] {
    return items.filter(() => this.chance(p));
  }
}

function instant(d: Dice): number {
  const t = d.chance(0.5) ? d.int(START, END) : d.pick(CLOCK_CHANGES) + d.int(-36 * H, 36 * H);
  const unit = d.pick([1, 1000, 60_000, 15 * 60_000, H]);
  return Math.floor(t / unit) * unit;
}

function pastContact(d: Dice, t: number): PastContact {
  const channel = d.pick<PastContact['channel']>([
    'phone',
    'phone',
    'phone',
    'phone',
    'sms',
    'sms',
    'email',
    'portal',
  ]);
  return {
    channel,
    direction: d.chance(0.85) ? 'outbound' : 'inbound',
    at: t + (d.chance(0.9) ? d.int(-9 * D, 0) : d.int(0, 2 * D)),
    outcome: channel === 'phone' ? d.pick(OUTCOMES) : undefined,
    invoiceIds: d.some(INVOICES),
  };
}

function debt(d: Dice, t: number): DebtState {
  const roll = d.int(0, 99);
  const sent = roll < 90 ? t + d.int(-60 * D, -1) : roll < 96 ? t + d.int(0, 2 * D) : undefined;
  const disputes = d.chance(0.12)
    ? Array.from({ length: d.int(1, 2) }, () => {
        const receivedAt = t + d.int(-70 * D, D);
        return { receivedAt, verificationSentAt: d.chance(0.5) ? receivedAt + d.int(0, 20 * D) : undefined };
      })
    : undefined;
  return {
    validationNoticeSentAt: sent,
    validationPeriodEnd: d.chance(0.05) ? d.pick(['2025-06-30', '2026-07-31', '2027-01-15']) : undefined,
    disputes,
    timeBarred: d.chance(0.2),
  };
}

export function randomCase(d: Dice): Case {
  const t = instant(d);
  const zoneRoll = d.int(0, 59);
  const timeZones =
    zoneRoll === 0
      ? []
      : zoneRoll === 1
        ? ['Nowhere/City']
        : [...new Set([d.pick(ZONES), ...d.some(ZONES, 0.08)])];
  const kind = d.chance(0.7) ? 'consumer' : 'business';
  const channel = d.pick<Channel>(['phone', 'phone', 'phone', 'sms', 'email', 'letter', 'visit']);
  const purpose = d.pick<Purpose | undefined>([
    undefined,
    undefined,
    undefined,
    'collection',
    'validation_notice',
    'required_notice',
  ]);
  const history = Array.from({ length: d.int(0, 10) }, () => pastContact(d, t));
  // Now and then a busy week of calls without a conversation, around the seven-call limit.
  if (d.chance(0.25)) {
    const debt = d.pick(INVOICES);
    for (let k = d.int(6, 12); k > 0; k--) {
      history.push({
        channel: 'phone',
        direction: 'outbound',
        at: t + d.int(-7 * D, D / 4),
        outcome: d.pick(['no_answer', 'voicemail', 'wrong_number', 'not_connected', undefined] as const),
        invoiceIds: d.chance(0.8) ? [debt] : d.some(INVOICES),
      });
    }
  }
  return {
    proposed: {
      channel,
      at: t,
      address: d.chance(0.85) ? d.pick([...PHONES, EMAIL]) : undefined,
      automated: d.pick([undefined, true, false]),
      invoiceIds: d.chance(0.95)
        ? [d.pick(INVOICES), ...d.some(INVOICES, 0.2)].filter((v, i, a) => a.indexOf(v) === i)
        : [],
      purpose,
    },
    context: {
      customer: {
        kind,
        country: d.chance(0.85) ? 'US' : 'GB',
        region: d.pick(['MA', 'MA', 'NY', 'CA', undefined]),
        timeZones,
      },
      rulePacks: d.some(PACKS, 0.6),
      b2bSettings: d.chance(0.3) ? d.pick(SETTINGS) : undefined,
      history,
      optOuts: d.chance(0.2)
        ? Array.from({ length: d.int(1, 2) }, () => {
            const effectiveAt = t + d.int(-10 * D, 3 * D);
            return {
              channel: d.pick<Channel>(['phone', 'email', 'sms', 'letter']),
              address: d.chance(0.6) ? d.pick([...PHONES, EMAIL]) : undefined,
              effectiveAt,
              endedAt: d.chance(0.4) ? effectiveAt + d.int(1, 5 * D) : undefined,
            };
          })
        : undefined,
      consents: Array.from({ length: d.int(0, 3) }, () => {
        const effectiveAt = t + (d.chance(0.85) ? d.int(-100 * D, 0) : d.int(0, 2 * D));
        return {
          channel: d.pick(['sms', 'phone_automated'] as const),
          address: d.pick(PHONES),
          effectiveAt,
          revokedAt: d.chance(0.2) ? effectiveAt + d.int(1, 120 * D) : undefined,
        };
      }),
      ceaseCommunicationAt: d.chance(0.06) ? t + d.int(-10 * D, 2 * D) : undefined,
      holds: d.chance(0.05)
        ? [{ reason: d.pick(HOLDS), invoiceIds: d.chance(0.5) ? d.some(INVOICES) : undefined }]
        : undefined,
      debts: { a: debt(d, t), b: debt(d, t), c: debt(d, t) },
    },
  };
}

/** Simpler cases: one history entry fewer, or one kind of state gone. */
function* simpler(c: Case): Generator<Case> {
  const ctx = c.context;
  const history = ctx.history ?? [];
  for (let i = 0; i < history.length; i++) {
    yield { ...c, context: { ...ctx, history: history.filter((_, k) => k !== i) } };
  }
  if (ctx.optOuts) yield { ...c, context: { ...ctx, optOuts: undefined } };
  if (ctx.consents?.length) yield { ...c, context: { ...ctx, consents: [] } };
  if (ctx.holds) yield { ...c, context: { ...ctx, holds: undefined } };
  if (ctx.ceaseCommunicationAt !== undefined)
    yield { ...c, context: { ...ctx, ceaseCommunicationAt: undefined } };
  if (ctx.b2bSettings) yield { ...c, context: { ...ctx, b2bSettings: undefined } };
  if (ctx.customer.timeZones.length > 1) {
    yield {
      ...c,
      context: { ...ctx, customer: { ...ctx.customer, timeZones: ctx.customer.timeZones.slice(0, 1) } },
    };
  }
}

class CaseArbitrary extends fc.Arbitrary<Case> {
  generate(random: fc.Random): fc.Value<Case> {
    return new fc.Value(randomCase(new Dice(random)), undefined);
  }
  canShrinkWithoutContext(value: unknown): value is Case {
    return typeof value === 'object' && value !== null && 'proposed' in value && 'context' in value;
  }
  shrink(value: Case): fc.Stream<fc.Value<Case>> {
    return fc.stream(simpler(value)).map((c) => new fc.Value(c, undefined));
  }
}

export const contactCase: fc.Arbitrary<Case> = new CaseArbitrary();
