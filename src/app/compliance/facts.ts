/**
 * What the compliance check needs beyond the snapshot's customer, holds and sent messages:
 * recorded opt-outs and consents, interactions (calls, notices sent elsewhere), the validation
 * state of each debt and addresses known to be invalid. Read for a batch of customers at once.
 */
import type { Consent, DebtState, Instant, OptOut, PastContact } from '../../domain/compliance/index.js';
import type { Db } from '../../store/database.js';

export interface ComplianceFacts {
  optOuts: OptOut[];
  consents: Consent[];
  ceaseCommunicationAt?: Instant;
  /** Recorded interactions in the window the frequency rules look at. */
  interactions: PastContact[];
  /** Per invoice id. */
  debts: Record<string, DebtState>;
  /** Email addresses and numbers that bounced hard or were reported wrong. */
  invalidAddresses: string[];
}

export const NO_COMPLIANCE_FACTS: ComplianceFacts = {
  optOuts: [],
  consents: [],
  interactions: [],
  debts: {},
  invalidAddresses: [],
};

// Placeholder until contact preferences and interactions land (issue 6).
export async function loadComplianceFacts(
  _db: Db,
  _tenantId: string,
  _customerIds: readonly string[],
  _asOf: Date,
): Promise<Map<string, ComplianceFacts>> {
  return new Map();
}
