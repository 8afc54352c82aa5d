/**
 * Comply: every contact the run (or the dispatcher, just before sending, or a collector by
 * hand) proposes is checked by the compliance module (quiet hours, frequency, consent,
 * opt-outs, cease communication, holds, validation notices, disputes, the organisation's rule
 * packs) and by what Recoup itself insists on: only numbers with consent get texts, and an
 * address marked opted out or invalid is never used.
 */
import {
  check,
  type ComplianceContext,
  type Consent,
  type Hold,
  type Purpose,
} from '../../domain/compliance/index.js';
import type { ActiveHold } from '../holds.js';
import { contactChannelOf, sameAddress } from '../compliance/addresses.js';
import { NO_COMPLIANCE_FACTS, type ComplianceFacts } from '../compliance/facts.js';
import type { ContactRecord, CustomerBatchSnapshot } from './snapshot.js';

export type ContactChannel = 'email' | 'sms' | 'letter' | 'phone' | 'visit';

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
  /** `validation_notice` for the §1006.34 notice; collection by default. */
  purpose?: Purpose;
  /** A call dialled by a person is not automated; texts Recoup sends are. */
  automated?: boolean;
}

export type ContactContext = Pick<CustomerBatchSnapshot, 'customer' | 'holds' | 'contacts' | 'history'> & {
  compliance?: ComplianceFacts;
  rulePacks: readonly string[];
};

export function checkContact(proposal: ContactProposal, context: ContactContext): ContactDecision {
  const facts = context.compliance ?? NO_COMPLIANCE_FACTS;
  const own = ownRules(proposal, context.contacts, facts);
  const decision = check(
    {
      channel: proposal.channel,
      at: proposal.at.getTime(),
      ...(proposal.address && { address: proposal.address }),
      automated: proposal.automated ?? proposal.channel === 'sms',
      invoiceIds: proposal.invoiceIds,
      ...(proposal.purpose && { purpose: proposal.purpose }),
    },
    complianceContext(context, facts),
  );
  const reasons = [...own, ...decision.reasons];
  const base = { requires: decision.requires, rulePacks: decision.rule_pack_versions };
  if (own.length > 0 || decision.decision === 'block')
    return { decision: 'block', reasons, nextAllowedAt: null, ...base };
  if (decision.decision === 'defer')
    return { decision: 'defer', reasons, nextAllowedAt: new Date(decision.next_allowed_at!), ...base };
  return { decision: 'allow', reasons: [], nextAllowedAt: null, ...base };
}

/**
 * Recoup's own rules. The contact flags are read only where no recorded preference explains
 * them (flags set by an import or the customers API): a recorded opt-out or consent is judged
 * by the compliance module at its own instants.
 */
function ownRules(proposal: ContactProposal, contacts: readonly ContactRecord[], facts: ComplianceFacts) {
  const reasons: ContactDecision['reasons'] = [];
  if (!proposal.address) return reasons;
  const address = proposal.address;
  if (facts.invalidAddresses.some((a) => sameAddress(a, address)))
    reasons.push({
      code: 'invalid_address',
      message: `${address} is known to be invalid (bounced or wrong)`,
    });
  const contact = contacts.find((c) => sameAddress(c.value, address));
  // Flags set by recordOptOut are explained by a recorded opt-out of the address or its channel.
  const recordedOptOut = facts.optOuts.some((o) =>
    o.address ? sameAddress(o.address, address) : contactChannelOf(o.channel) === contact?.channel,
  );
  if (contact?.optedOut && !recordedOptOut)
    reasons.push({ code: 'opted_out', message: `${address} asked not to be contacted` });
  const recordedConsent = facts.consents.some((c) => c.channel === 'sms' && sameAddress(c.address, address));
  if (proposal.channel === 'sms' && contact && !contact.smsConsent && !recordedConsent)
    reasons.push({ code: 'no_sms_consent', message: `no consent to text ${address}` });
  return reasons;
}

/** What the compliance module needs, from the snapshot and the recorded facts. */
function complianceContext(context: ContactContext, facts: ComplianceFacts): ComplianceContext {
  const { customer } = context;
  const cease = context.holds
    .filter((h) => h.reason === 'cease_communication')
    .map((h) => new Date(h.startsAt).getTime());
  const ceaseAt = [
    ...cease,
    ...(facts.ceaseCommunicationAt !== undefined ? [facts.ceaseCommunicationAt] : []),
  ];
  return {
    customer: {
      kind: customer.kind,
      country: customer.country,
      ...(customer.region && { region: customer.region }),
      timeZones: customer.timeZones,
    },
    rulePacks: context.rulePacks,
    optOuts: facts.optOuts,
    consents: [...flagConsents(context.contacts, facts), ...facts.consents],
    ...(ceaseAt.length > 0 && { ceaseCommunicationAt: Math.min(...ceaseAt) }),
    holds: context.holds.map(toHold),
    history: facts.interactions.length ? [...context.history, ...facts.interactions] : context.history,
    debts: facts.debts,
  };
}

/** Consent flags on contacts with no recorded consent (given with the customer, or imported). */
function flagConsents(contacts: readonly ContactRecord[], facts: ComplianceFacts): Consent[] {
  return contacts
    .filter(
      (c) =>
        c.channel === 'phone' &&
        c.smsConsent &&
        !facts.consents.some((r) => r.channel === 'sms' && sameAddress(r.address, c.value)),
    )
    .map((c) => ({ channel: 'sms' as const, address: c.value, effectiveAt: 0 }));
}

function toHold(hold: ActiveHold): Hold {
  return { reason: hold.reason as Hold['reason'], ...(hold.invoiceIds && { invoiceIds: hold.invoiceIds }) };
}
