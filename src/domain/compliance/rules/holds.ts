/**
 * Holds recorded on the customer or on invoices, honoured for every customer. Which purposes a
 * hold stops: bankruptcy (the automatic stay, 11 U.S.C. 362(a)(6)) and death stop everything;
 * cease communication lets required notices through; a placement stops the creditor's own
 * collection and validation notices (the agency sends its own); disputes, plans in good
 * standing and pending promises stop collection messages only.
 */
import { REASON_CODES, type ReasonCode } from '../codes.js';
import { PASS, type Rule } from '../engine/rule.js';
import type { Scratch } from '../engine/scratch.js';
import type { Hold, HoldReason, Purpose, Reason } from '../types.js';

const STOPS: Record<HoldReason, readonly Purpose[]> = {
  bankruptcy: ['collection', 'validation_notice', 'required_notice'],
  deceased: ['collection', 'validation_notice', 'required_notice'],
  cease_communication: ['collection', 'validation_notice'],
  placed: ['collection', 'validation_notice'],
  dispute: ['collection'],
  payment_plan: ['collection'],
  promise: ['collection'],
};

export class HoldRule implements Rule {
  test(s: Scratch): number {
    const holds = s.ctx.holds;
    if (!holds || holds.length === 0) return PASS;
    for (const hold of holds) if (stops(s, hold)) return Infinity;
    return PASS;
  }

  reason(s: Scratch): Reason {
    const hold = (s.ctx.holds ?? []).find((h) => stops(s, h)) as Hold;
    const code = `hold_${hold.reason}` as ReasonCode;
    const on = hold.invoiceIds?.length ? ` (${hold.invoiceIds.join(', ')})` : '';
    return { code, message: REASON_CODES[code] + on };
  }
}

function stops(s: Scratch, hold: Hold): boolean {
  if (!STOPS[hold.reason].includes(s.purpose)) return false;
  const held = hold.invoiceIds;
  if (!held || held.length === 0 || s.p.invoiceIds.length === 0) return true;
  return s.p.invoiceIds.some((id) => held.includes(id));
}
