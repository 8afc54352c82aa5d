/**
 * "Do not use this medium / this address" (12 CFR 1006.14(h); a STOP under the TCPA): honoured
 * for every customer, from the opt-out's effective instant until it ends.
 */
import { REASON_CODES, type ReasonCode } from '../codes.js';
import { PASS, type Rule } from '../engine/rule.js';
import type { Scratch } from '../engine/scratch.js';
import type { OptOut, Reason } from '../types.js';
import { sameAddress } from './addresses.js';

export class OptOutRule implements Rule {
  test(s: Scratch, t: number): number {
    const optOuts = s.ctx.optOuts;
    if (!optOuts || optOuts.length === 0) return PASS;
    let until = PASS;
    for (const optOut of optOuts) {
      if (matches(s, optOut, t) !== null) until = Math.max(until, optOut.endedAt ?? Infinity);
    }
    return until;
  }

  reason(s: Scratch, t: number): Reason {
    let code: ReasonCode = 'opted_out_address';
    for (const optOut of s.ctx.optOuts ?? []) {
      const match = matches(s, optOut, t);
      if (match === 'opted_out_channel') code = match;
      else if (match === 'address_required' && code !== 'opted_out_channel') code = match;
    }
    return { code, message: `${REASON_CODES[code]} (${s.p.channel}${s.p.address ? ` ${s.p.address}` : ''})` };
  }
}

function matches(s: Scratch, optOut: OptOut, t: number): ReasonCode | null {
  if (optOut.channel !== s.p.channel || optOut.effectiveAt > t) return null;
  if (optOut.endedAt !== undefined && optOut.endedAt <= t) return null;
  if (optOut.address === undefined) return 'opted_out_channel';
  // Without the address it will use, the contact might go to the opted-out one.
  if (s.p.address === undefined) return 'address_required';
  return sameAddress(optOut.address, s.p.address) ? 'opted_out_address' : null;
}
