/**
 * Comply: every contact the run (or the dispatcher, just before sending) proposes is checked
 * by the compliance module (quiet hours, frequency, consent, opt-outs, cease communication,
 * holds, the organisation's rule packs) and by what Recoup itself insists on: only numbers
 * with consent get texts, and an address marked opted out is never used.
 */
import { check, type ComplianceContext, type Hold } from '../../domain/compliance/index.js';
import type { ActiveHold } from '../holds.js';
import type { ContactRecord, CustomerBatchSnapshot } from './snapshot.js';

export type ContactChannel = 'email' | 'sms' | 'letter' | 'phone';

export interface ContactDecision {
  decision: 'allow' | 'defer' | 'block';
  reasons: { code: string; message: string }[];
  nextAllowedAt: Date | null;
  /** What the message must carry (an opt-out notice, no threat of suit). */
  requires: string[];
  rulePacks: readonly string[];
}

export interface ContactProposal {
  channel: ContactChannel;
  address: string | null;
  at: Date;
  invoiceIds: string[];
}

export type ContactContext = Pick<CustomerBatchSnapshot, 'customer' | 'holds' | 'contacts' | 'history'> & {
  rulePacks: readonly string[];
};

export function checkContact(proposal: ContactProposal, context: ContactContext): ContactDecision {
  const own = ownRules(proposal, context.contacts);
  const decision = check(
    {
      channel: proposal.channel,
      at: proposal.at.getTime(),
      ...(proposal.address && { address: proposal.address }),
      automated: proposal.channel === 'sms',
      invoiceIds: proposal.invoiceIds,
    },
    complianceContext(context),
  );
  const reasons = [...own, ...decision.reasons];
  const base = { requires: decision.requires, rulePacks: decision.rule_pack_versions };
  if (own.length > 0 || decision.decision === 'block')
    return { decision: 'block', reasons, nextAllowedAt: null, ...base };
  if (decision.decision === 'defer')
    return { decision: 'defer', reasons, nextAllowedAt: new Date(decision.next_allowed_at!), ...base };
  return { decision: 'allow', reasons: [], nextAllowedAt: null, ...base };
}

function ownRules(proposal: ContactProposal, contacts: readonly ContactRecord[]) {
  const reasons: ContactDecision['reasons'] = [];
  if (!proposal.address) return reasons;
  const contact = contacts.find((c) => c.value === proposal.address);
  if (contact?.optedOut)
    reasons.push({ code: 'opted_out', message: `${proposal.address} asked not to be contacted` });
  if (proposal.channel === 'sms' && contact && !contact.smsConsent)
    reasons.push({ code: 'no_sms_consent', message: `no consent to text ${proposal.address}` });
  return reasons;
}

/** What the compliance module needs, from the snapshot. */
function complianceContext(context: ContactContext): ComplianceContext {
  const { customer } = context;
  const cease = context.holds.find((h) => h.reason === 'cease_communication');
  return {
    customer: {
      kind: customer.kind,
      country: customer.country,
      ...(customer.region && { region: customer.region }),
      timeZones: customer.timeZones,
    },
    rulePacks: context.rulePacks,
    consents: context.contacts
      .filter((c) => c.channel === 'phone' && c.smsConsent)
      .map((c) => ({ channel: 'sms' as const, address: c.value, effectiveAt: 0 })),
    ...(cease && { ceaseCommunicationAt: new Date(cease.startsAt).getTime() }),
    holds: context.holds.map(toHold),
    history: context.history,
  };
}

function toHold(hold: ActiveHold): Hold {
  return { reason: hold.reason as Hold['reason'], ...(hold.invoiceIds && { invoiceIds: hold.invoiceIds }) };
}
