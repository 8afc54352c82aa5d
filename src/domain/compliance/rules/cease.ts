/**
 * After a cease-communication request only the notices the law allows go out
 * (FDCPA §805(c), 12 CFR 1006.6(c)(2)): honoured for every customer.
 */
import { REASON_CODES } from '../codes.js';
import { PASS, type Rule } from '../engine/rule.js';
import type { Scratch } from '../engine/scratch.js';
import type { Reason } from '../types.js';

export class CeaseCommunicationRule implements Rule {
  test(s: Scratch, t: number): number {
    const from = s.ctx.ceaseCommunicationAt;
    return from !== undefined && from <= t && s.purpose !== 'required_notice' ? Infinity : PASS;
  }

  reason(): Reason {
    return { code: 'cease_communication', message: REASON_CODES.cease_communication };
  }
}
