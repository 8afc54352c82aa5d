/**
 * A written dispute received by the end of the validation period stops collection of that debt
 * until verification is sent (FDCPA §809(b)). The period's end is the date on the notice, or
 * computed from the send date in the consumer's first time zone; before any notice was sent the
 * period has not ended, so every dispute counts.
 */
import { toDayNumber } from '../../dates.js';
import { validationPeriodEndDay } from '../calendar/validation-period.js';
import { REASON_CODES } from '../codes.js';
import { PASS, type Rule } from '../engine/rule.js';
import type { Scratch } from '../engine/scratch.js';
import type { DisputePauseSpec } from '../packs/spec.js';
import type { DebtState, Reason } from '../types.js';

export class DisputePauseRule implements Rule {
  constructor(private readonly spec: DisputePauseSpec) {}

  test(s: Scratch, t: number): number {
    if (s.purpose !== 'collection' || s.ctx.debts === undefined) return PASS;
    let until = PASS;
    for (const debt of s.debts()) until = Math.max(until, pausedUntil(s, debt, t));
    return until;
  }

  reason(s: Scratch, t: number): Reason {
    const paused = s.p.invoiceIds.filter((id) => pausedUntil(s, s.ctx.debts?.[id], t) !== PASS);
    return { code: this.spec.code, message: `${REASON_CODES[this.spec.code]} (${paused.join(', ')})` };
  }
}

/** PASS, or until when an unverified dispute in the validation period pauses this debt. */
function pausedUntil(s: Scratch, debt: DebtState | undefined, t: number): number {
  if (debt?.disputes === undefined || debt.disputes.length === 0) return PASS;
  let until = PASS;
  const periodEnd = periodEndDay(s, debt);
  for (const dispute of debt.disputes) {
    if (dispute.receivedAt > t || s.clock0.localDay(dispute.receivedAt) > periodEnd) continue;
    const sent = dispute.verificationSentAt;
    if (sent === undefined) return Infinity;
    if (sent > t) until = Math.max(until, sent);
  }
  return until;
}

function periodEndDay(s: Scratch, debt: DebtState): number {
  if (debt.validationPeriodEnd !== undefined) return toDayNumber(debt.validationPeriodEnd);
  if (debt.validationNoticeSentAt === undefined) return Infinity;
  return validationPeriodEndDay(s.clock0.localDay(debt.validationNoticeSentAt));
}
