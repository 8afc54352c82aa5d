/**
 * check() against an independent oracle (testing/oracle.ts) over 100,000 random contact attempts:
 * - it allows exactly when the oracle finds no rule refusing, so no allowed contact breaks a
 *   rule, and every code the oracle names is among the reasons;
 * - a defer names an instant at which both allow, and the oracle refuses the millisecond before;
 * - for a sample of defers, no whole minute from the attempt to that instant (up to two days)
 *   is allowed, and the oracle refuses at instants spread over the wait;
 * - for a sample of blocks, the oracle refuses at instants spread over the next 40 days.
 * Failures name the case; fast-check prints the seed to replay it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { contactCase, type Case } from './testing/arbitraries.js';
import { oracle } from './testing/oracle.js';
import type { Decision } from './types.js';

const RUNS = 100_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SAMPLE_EVERY = 100;

/** The oracle names the time window's code; check() says it never opens when zones never overlap. */
function covers(decision: Decision, code: string): boolean {
  const codes = decision.reasons.map((r) => r.code);
  const window = code === 'inconvenient_time' || code === 'outside_contact_hours';
  return codes.includes(code) || (window && codes.includes('no_convenient_time'));
}

function fail(what: string, c: Case, decision: Decision, t: number): never {
  throw new Error(`${what} at ${new Date(t).toISOString()}: ${JSON.stringify({ decision, ...c })}`);
}

function agrees(c: Case, sample: boolean): Decision {
  const { proposed, context } = c;
  const at = proposed.at;
  const decision = check(proposed, context);
  const refusing = oracle(proposed, context, at);
  if (decision.decision === 'allow') {
    if (refusing.length > 0) fail(`allowed but the oracle refuses (${refusing.join(', ')})`, c, decision, at);
    return decision;
  }
  if (refusing.length === 0) fail('refused but the oracle allows', c, decision, at);
  const missing = refusing.filter((code) => !covers(decision, code));
  if (missing.length > 0) fail(`reasons lack ${missing.join(', ')}`, c, decision, at);

  if (decision.decision === 'defer') {
    const next = decision.next_allowed_at ?? NaN;
    if (!(next > at)) fail('defer without a later next_allowed_at', c, decision, at);
    if (check({ ...proposed, at: next }, context).decision !== 'allow')
      fail('check refuses at next', c, decision, next);
    if (oracle(proposed, context, next).length > 0) fail('the oracle refuses at next', c, decision, next);
    if (oracle(proposed, context, next - 1).length === 0)
      fail('the oracle allows before next', c, decision, next - 1);
    if (sample) {
      const end = Math.min(next, at + 2 * DAY);
      for (let u = Math.ceil((at + 1) / MINUTE) * MINUTE; u < end; u += MINUTE) {
        if (check({ ...proposed, at: u }, context).decision === 'allow')
          fail('allowed before next', c, decision, u);
      }
      for (let k = 1; k < 8; k++) {
        const u = at + Math.floor(((next - at) * k) / 8);
        if (oracle(proposed, context, u).length === 0) fail('the oracle allows before next', c, decision, u);
      }
    }
  } else if (sample) {
    for (let u = at + 1; u < at + 40 * DAY; u += 16 * HOUR + 13 * MINUTE) {
      if (oracle(proposed, context, u).length === 0)
        fail('blocked but the oracle allows later', c, decision, u);
    }
  }
  return decision;
}

describe('check() against the oracle', () => {
  it(`agrees on ${RUNS.toLocaleString('en')} random contact attempts`, () => {
    const seen = { allow: 0, defer: 0, block: 0 };
    let n = 0;
    fc.assert(
      fc.property(contactCase, (c) => {
        seen[agrees(c, n++ % SAMPLE_EVERY === 0).decision]++;
      }),
      { numRuns: RUNS },
    );
    // The generator must exercise every outcome, not only blocks.
    expect(seen.allow).toBeGreaterThan(RUNS / 5);
    expect(seen.defer).toBeGreaterThan(RUNS / 10);
    expect(seen.block).toBeGreaterThan(RUNS / 10);
  }, 120_000);
});
