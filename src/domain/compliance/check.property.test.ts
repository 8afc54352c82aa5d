/**
 * check() against an independent oracle over 100,000 random contact attempts:
 * - it allows exactly when the oracle finds no rule refusing (no allowed contact breaks a rule);
 * - a defer names an instant at which both allow, and the oracle refuses the millisecond before;
 * - for a sample of defers, no whole minute between the attempt and that instant is allowed;
 * - for a sample of blocks, the oracle refuses at instants spread over the next 40 days.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { contactCase } from './testing/arbitraries.js';
import { oracle } from './testing/oracle.js';
import type { Decision } from './types.js';

const RUNS = 100_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** The oracle names the time window's code; check() says it never opens when zones never overlap. */
function covers(decision: Decision, code: string): boolean {
  const codes = decision.reasons.map((r) => r.code);
  return (
    codes.includes(code) ||
    (code.endsWith('_time') || code === 'outside_contact_hours'
      ? codes.includes('no_convenient_time')
      : false)
  );
}

describe('check() against the oracle', () => {
  it(`agrees on ${RUNS.toLocaleString('en')} random contact attempts`, () => {
    const seen = { allow: 0, defer: 0, block: 0 };
    let sampled = 0;
    fc.assert(
      fc.property(contactCase, ({ proposed, context }) => {
        const decision = check(proposed, context);
        const refusing = oracle(proposed, context, proposed.at);
        seen[decision.decision]++;

        if (decision.decision === 'allow') {
          expect(refusing).toEqual([]);
          return;
        }
        expect(refusing.length).toBeGreaterThan(0);
        for (const code of refusing) expect(covers(decision, code), code).toBe(true);

        if (decision.decision === 'defer') {
          const next = decision.next_allowed_at as number;
          expect(next).toBeGreaterThan(proposed.at);
          expect(check({ ...proposed, at: next }, context).decision).toBe('allow');
          expect(oracle(proposed, context, next)).toEqual([]);
          expect(oracle(proposed, context, next - 1).length).toBeGreaterThan(0);
          if (sampled++ % 25 === 0) {
            const end = Math.min(next, proposed.at + 3 * DAY);
            for (let u = Math.ceil((proposed.at + 1) / MINUTE) * MINUTE; u < end; u += MINUTE) {
              expect(check({ ...proposed, at: u }, context).decision).not.toBe('allow');
            }
            for (let k = 1; k < 8; k++) {
              const u = proposed.at + Math.floor(((next - proposed.at) * k) / 8);
              expect(oracle(proposed, context, u).length).toBeGreaterThan(0);
            }
          }
        } else if (sampled++ % 25 === 0) {
          for (let u = proposed.at + 1; u < proposed.at + 40 * DAY; u += 7 * 3_600_000 + 13 * MINUTE) {
            expect(oracle(proposed, context, u).length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The generator must exercise every outcome, not only blocks.
    expect(seen.allow).toBeGreaterThan(RUNS / 10);
    expect(seen.defer).toBeGreaterThan(RUNS / 10);
    expect(seen.block).toBeGreaterThan(RUNS / 10);
  }, 120_000);
});
