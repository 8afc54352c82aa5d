/** Builders for the compliance tests. */
import type { ComplianceContext, PastContact, ProposedContact } from '../types.js';

/** An instant from ISO 8601 text with an offset (`2026-03-08T07:59:59-05:00`). */
export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};

const NOTICE_SENT = at('2026-01-05T15:00:00Z');

/** A New York consumer under the federal pack, with the validation notice of `inv1` and `inv2` sent. */
export function consumer(overrides: Partial<ComplianceContext> = {}): ComplianceContext {
  return {
    customer: { kind: 'consumer', country: 'US', region: 'NY', timeZones: ['America/New_York'] },
    rulePacks: ['us_federal_consumer'],
    debts: {
      inv1: { validationNoticeSentAt: NOTICE_SENT },
      inv2: { validationNoticeSentAt: NOTICE_SENT },
      inv3: { validationNoticeSentAt: NOTICE_SENT },
    },
    ...overrides,
  };
}

export function business(overrides: Partial<ComplianceContext> = {}): ComplianceContext {
  return {
    customer: { kind: 'business', country: 'GB', timeZones: ['Europe/London'] },
    rulePacks: ['b2b_default'],
    ...overrides,
  };
}

export function call(
  iso: string,
  outcome: PastContact['outcome'] = 'no_answer',
  invoiceIds = ['inv1'],
): PastContact {
  return { channel: 'phone', direction: 'outbound', at: at(iso), outcome, invoiceIds };
}

export function phone(iso: string, more: Partial<ProposedContact> = {}): ProposedContact {
  return { channel: 'phone', at: at(iso), invoiceIds: ['inv1'], ...more };
}
