/**
 * Automated calls and texts need prior express consent for the number (TCPA). A consent counts
 * from its effective instant until it is revoked, or until an opt-out on a revoking channel for
 * that number (or the whole channel) takes effect after it: a STOP ends consent for good.
 */
import { REASON_CODES } from '../codes.js';
import { PASS, channelBit, channelMask, type Rule } from '../engine/rule.js';
import type { Scratch } from '../engine/scratch.js';
import type { AutomatedConsentSpec } from '../packs/spec.js';
import type { Consent, Reason } from '../types.js';
import { sameAddress } from './addresses.js';

export class AutomatedConsentRule implements Rule {
  private readonly revoking: number;

  constructor(private readonly spec: AutomatedConsentSpec) {
    this.revoking = channelMask(spec.revokedBy);
  }

  test(s: Scratch, t: number): number {
    const kind = this.spec.consentFor[s.p.channel];
    if (kind === undefined || !(s.p.automated ?? s.p.channel === 'sms')) return PASS;
    const address = s.p.address;
    if (address === undefined) return Infinity;
    let next = Infinity; // a consent taking effect later is the only way time can help
    for (const consent of s.ctx.consents ?? []) {
      if (consent.channel !== kind || !sameAddress(consent.address, address)) continue;
      if (consent.effectiveAt > t) next = Math.min(next, consent.effectiveAt);
      else if (this.valid(s, consent, address, t)) return PASS;
    }
    return next;
  }

  reason(s: Scratch): Reason {
    const to = s.p.address === undefined ? 'no number given' : s.p.address;
    return { code: this.spec.code, message: `${REASON_CODES[this.spec.code]} (${s.p.channel} to ${to})` };
  }

  private valid(s: Scratch, consent: Consent, address: string, t: number): boolean {
    if (consent.revokedAt !== undefined && consent.revokedAt <= t) return false;
    for (const optOut of s.ctx.optOuts ?? []) {
      if ((this.revoking & channelBit(optOut.channel)) === 0) continue;
      if (optOut.effectiveAt < consent.effectiveAt || optOut.effectiveAt > t) continue;
      if (optOut.address === undefined || sameAddress(optOut.address, address)) return false;
    }
    return true;
  }
}
