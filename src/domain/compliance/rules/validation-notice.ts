/**
 * The validation notice comes first: a collection contact about a debt waits until that debt's
 * notice has been sent; the notice itself goes only in writing or electronically.
 */
import { REASON_CODES } from '../codes.js';
import { PASS, channelBit, channelMask, type Rule } from '../engine/rule.js';
import type { Scratch } from '../engine/scratch.js';
import type { ValidationNoticeFirstSpec, ValidationNoticeMediumSpec } from '../packs/spec.js';
import type { Reason } from '../types.js';

export class ValidationNoticeFirstRule implements Rule {
  constructor(private readonly spec: ValidationNoticeFirstSpec) {}

  test(s: Scratch, t: number): number {
    if (s.purpose !== 'collection') return PASS;
    let until = PASS;
    for (const debt of s.debts()) {
      const sentAt = debt?.validationNoticeSentAt;
      if (sentAt === undefined) return Infinity;
      if (sentAt > t) until = Math.max(until, sentAt);
    }
    return until;
  }

  reason(s: Scratch, t: number): Reason {
    const missing = s.p.invoiceIds.filter((id) => {
      const sentAt = s.ctx.debts?.[id]?.validationNoticeSentAt;
      return sentAt === undefined || sentAt > t;
    });
    return { code: this.spec.code, message: `${REASON_CODES[this.spec.code]} (${missing.join(', ')})` };
  }
}

export class ValidationNoticeMediumRule implements Rule {
  private readonly channels: number;

  constructor(private readonly spec: ValidationNoticeMediumSpec) {
    this.channels = channelMask(spec.channels);
  }

  test(s: Scratch): number {
    return s.purpose === 'validation_notice' && (this.channels & channelBit(s.p.channel)) === 0
      ? Infinity
      : PASS;
  }

  reason(s: Scratch): Reason {
    return { code: this.spec.code, message: `${REASON_CODES[this.spec.code]} (not by ${s.p.channel})` };
  }
}
