import type { Channel, Reason, Requirement } from '../types.js';
import type { Scratch } from './scratch.js';

/** What `test` returns when the rule lets the contact go at that instant. */
export const PASS = -Infinity;

/**
 * A compiled rule. `test(s, t)` answers PASS, or an instant u > t (Infinity: never by time
 * alone) such that the rule refuses the contact at every instant in [t, u). That lower bound is
 * what makes `next_allowed_at` exact: check() jumps to the largest u and asks again.
 */
export interface Rule {
  test(s: Scratch, t: number): number;
  /** Why the rule refuses at t; `until` is what `test(s, t)` answered. */
  reason(s: Scratch, t: number, until: number): Reason;
}

/** A rule that never refuses but says what the message must carry. */
export interface RequirementRule {
  requirement: Requirement;
  applies(s: Scratch): boolean;
}

const CHANNEL_BITS: Record<Channel | 'portal', number> = {
  phone: 1,
  email: 2,
  sms: 4,
  letter: 8,
  visit: 16,
  portal: 32,
};

export function channelBit(channel: Channel | 'portal'): number {
  return CHANNEL_BITS[channel];
}

export function channelMask(channels: readonly (Channel | 'portal')[]): number {
  let mask = 0;
  for (const channel of channels) mask |= CHANNEL_BITS[channel];
  return mask;
}
