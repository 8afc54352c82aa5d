/**
 * Compliance checks per second, in process, over a realistic mix: one organisation with the
 * federal, TCPA and b2b packs; 10,000 customers (consumers in US zones, some in Massachusetts,
 * some with two zones; businesses in the US and Europe) with a few recent contacts, consents,
 * opt-outs, holds and disputes; contacts proposed across a working day on every channel, as
 * the daily run and collectors' manual checks would ask.
 *
 *   npx tsx bench/compliance-bench.ts            (BENCH_CHECKS=2000000 to run longer)
 */
import {
  check,
  type ComplianceContext,
  type PastContact,
  type ProposedContact,
} from '../src/domain/compliance/index.js';

const CUSTOMERS = 10_000;
const CHECKS = Number(process.env.BENCH_CHECKS ?? 1_000_000);
const H = 3_600_000;
const D = 24 * H;
const RUN_DAY = Date.parse('2026-06-10T00:00:00Z');

let seed = 42;
/** mulberry32: a small deterministic generator, so every run measures the same mix. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (p: number) => random() < p;

const US_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Phoenix',
];
const EU_ZONES = ['Europe/London', 'Europe/Berlin', 'Europe/Paris'];
const RULE_PACKS = ['us_federal_consumer', 'tcpa', 'b2b_default'];

function makeCustomer(i: number): ComplianceContext {
  const consumer = chance(0.7);
  const us = consumer || chance(0.5);
  const zones = us ? US_ZONES : EU_ZONES;
  const timeZones = chance(0.2) ? [...new Set([pick(zones), pick(zones)])] : [pick(zones)];
  const invoices = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => `inv-${i}-${k}`);
  const history: PastContact[] = Array.from({ length: Math.floor(random() * 9) }, () => ({
    channel: pick(['phone', 'phone', 'email', 'email', 'sms', 'letter'] as const),
    direction: chance(0.9) ? 'outbound' : 'inbound',
    at: RUN_DAY - Math.floor(random() * 14 * D),
    outcome: pick(['no_answer', 'voicemail', 'voicemail', 'conversation', 'not_connected'] as const),
    invoiceIds: [pick(invoices)],
  }));
  const phone = `+1617555${String(i).padStart(4, '0')}`;
  return {
    customer: {
      kind: consumer ? 'consumer' : 'business',
      country: us ? 'US' : pick(['GB', 'DE', 'FR']),
      region: us ? pick(['MA', 'NY', 'CA', 'TX', 'IL', 'FL', 'WA', 'OH', 'PA', 'GA']) : undefined,
      timeZones,
    },
    rulePacks: RULE_PACKS,
    history,
    optOuts: chance(0.05)
      ? [{ channel: pick(['email', 'sms', 'phone'] as const), effectiveAt: RUN_DAY - 30 * D }]
      : [],
    consents: chance(0.5) ? [{ channel: 'sms', address: phone, effectiveAt: RUN_DAY - 90 * D }] : [],
    ceaseCommunicationAt: chance(0.01) ? RUN_DAY - 5 * D : undefined,
    holds: chance(0.03)
      ? [
          {
            reason: pick(['dispute', 'promise', 'payment_plan'] as const),
            invoiceIds: [invoices[0] as string],
          },
        ]
      : [],
    debts: Object.fromEntries(
      invoices.map((id) => [
        id,
        {
          validationNoticeSentAt: chance(0.98) ? RUN_DAY - Math.floor(random() * 90 * D) : undefined,
          disputes: chance(0.02) ? [{ receivedAt: RUN_DAY - 10 * D }] : undefined,
          timeBarred: chance(0.05),
        },
      ]),
    ),
  };
}

function makeProposal(ctx: ComplianceContext, i: number): ProposedContact {
  const channel = pick([
    'email',
    'email',
    'email',
    'email',
    'sms',
    'sms',
    'phone',
    'phone',
    'phone',
    'letter',
  ] as const);
  const invoices = Object.keys(ctx.debts ?? {});
  return {
    channel,
    // Across the working day in the US and Europe, to the second.
    at: RUN_DAY + 6 * H + Math.floor((random() * 18 * H) / 1000) * 1000,
    address:
      channel === 'email'
        ? `ap${i}@example.com`
        : channel === 'letter'
          ? undefined
          : `+1617555${String(i).padStart(4, '0')}`,
    automated: channel === 'sms' || (channel === 'phone' && chance(0.3)),
    invoiceIds: chance(0.7) ? [invoices[0] as string] : invoices,
  };
}

const contexts = Array.from({ length: CUSTOMERS }, (_, i) => makeCustomer(i));
const proposals = contexts.map((ctx, i) => makeProposal(ctx, i));

function run(n: number) {
  const counts = { allow: 0, defer: 0, block: 0 };
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let k = 0; k < n; k++) {
    const i = k % CUSTOMERS;
    counts[check(proposals[i] as ProposedContact, contexts[i] as ComplianceContext).decision]++;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, counts };
}

run(200_000); // warm-up: JIT and the zone offset caches
const { ms, cpuMs, counts } = run(CHECKS);
const perSecond = Math.round(CHECKS / (ms / 1000));
// On a busy machine the wall clock also counts time other processes had the core; CPU time does not.
const perCpuSecond = Math.round(CHECKS / (cpuMs / 1000));
const share = (n: number) => `${Math.round((n / CHECKS) * 100)}%`;
console.log(
  `compliance: ${CHECKS.toLocaleString('en')} checks in ${Math.round(ms)} ms = ${perSecond.toLocaleString('en')} checks/s ` +
    `(${perCpuSecond.toLocaleString('en')} per CPU second; allow ${share(counts.allow)}, defer ${share(counts.defer)}, ` +
    `block ${share(counts.block)}; goal ≥ 200,000/s)`,
);
console.log(
  JSON.stringify({
    benchmark: 'compliance',
    checks: CHECKS,
    ms: Math.round(ms),
    checks_per_s: perSecond,
    ...counts,
  }),
);
