/**
 * Comply: every contact the run (or the dispatcher, just before sending) proposes is checked.
 * This is the run engine's own check: holds, cease communication, consent and opt-outs. The
 * compliance module (quiet hours, frequency, rule packs) plugs in here.
 */
import type { ActiveHold } from '../holds.js';
import type { ContactRecord } from './snapshot.js';

export type ContactChannel = 'email' | 'sms' | 'letter' | 'phone';

export interface ContactDecision {
  decision: 'allow' | 'defer' | 'block';
  reasons: { code: string; message: string }[];
  nextAllowedAt: Date | null;
}

export interface ContactProposal {
  channel: ContactChannel;
  address: string | null;
  at: Date;
  invoiceIds: string[];
}

export interface ContactContext {
  holds: readonly ActiveHold[];
  contacts: readonly ContactRecord[];
}

const STOPPING_HOLDS: Record<string, string> = {
  cease_communication: 'the customer asked us to cease communication',
  bankruptcy: 'the customer is in bankruptcy proceedings',
  deceased: 'the customer is deceased',
  placed: 'the account is placed with an agency',
};

export function checkContact(proposal: ContactProposal, context: ContactContext): ContactDecision {
  const reasons: ContactDecision['reasons'] = [];
  for (const hold of context.holds) {
    const message = STOPPING_HOLDS[hold.reason];
    if (message) reasons.push({ code: hold.reason, message });
    else if (
      hold.invoiceIds &&
      proposal.invoiceIds.length > 0 &&
      proposal.invoiceIds.every((id) => hold.invoiceIds!.includes(id))
    )
      reasons.push({ code: `hold_${hold.reason}`, message: `every item is on hold (${hold.reason})` });
  }
  if (proposal.address) {
    const contact = context.contacts.find((c) => c.value === proposal.address);
    if (contact?.optedOut)
      reasons.push({ code: 'opted_out', message: `${proposal.address} asked not to be contacted` });
    if (proposal.channel === 'sms' && contact && !contact.smsConsent)
      reasons.push({ code: 'no_sms_consent', message: `no consent to text ${proposal.address}` });
  }
  return reasons.length > 0
    ? { decision: 'block', reasons, nextAllowedAt: null }
    : { decision: 'allow', reasons: [], nextAllowedAt: null };
}
