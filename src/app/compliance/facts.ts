/**
 * What the compliance check needs beyond the snapshot's customer, holds and sent messages:
 * recorded opt-outs and consents, interactions (calls, notices sent elsewhere), the validation
 * state of each debt and addresses known to be invalid. Read for a batch of customers at once:
 * five queries per batch, whatever its size.
 */
import { sql } from 'drizzle-orm';
import type {
  CallOutcome,
  Channel,
  Consent,
  DebtState,
  Instant,
  OptOut,
  PastContact,
} from '../../domain/compliance/index.js';
import { queryRows, type Db } from '../../store/database.js';
import { plainArray } from '../../store/sql-values.js';

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
  /** Invoices whose validation notice is in the outbox, not sent yet. */
  pendingValidationNotices: string[];
}

export const NO_COMPLIANCE_FACTS: ComplianceFacts = {
  optOuts: [],
  consents: [],
  interactions: [],
  debts: {},
  invalidAddresses: [],
  pendingValidationNotices: [],
};

/** The frequency rules count seven local calendar days; eight days of instants cover every zone. */
export const HISTORY_WINDOW_MS = 8 * 86_400_000;

export async function loadComplianceFacts(
  db: Db,
  tenantId: string,
  customerIds: readonly string[],
  asOf: Date,
): Promise<Map<string, ComplianceFacts>> {
  const facts = new Map<string, ComplianceFacts>();
  if (customerIds.length === 0) return facts;
  const ids = plainArray(customerIds);
  const of = (customerId: string) => {
    let entry = facts.get(customerId);
    if (!entry)
      facts.set(
        customerId,
        (entry = {
          ...NO_COMPLIANCE_FACTS,
          optOuts: [],
          consents: [],
          interactions: [],
          debts: {},
          invalidAddresses: [],
          pendingValidationNotices: [],
        }),
      );
    return entry;
  };
  const debtOf = (customerId: string, invoiceId: string) => {
    const debts = of(customerId).debts;
    return (debts[invoiceId] ??= {});
  };

  // Preferences: all of them, with their instants; the check judges them at its own instant.
  const preferences = await queryRows<PreferenceFact>(
    db,
    sql`SELECT customer_id, kind, channel, address, effective_at, ended_at FROM contact_preferences
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[])
        ORDER BY effective_at`,
  );
  for (const p of preferences) {
    const entry = of(p.customer_id);
    const effectiveAt = new Date(p.effective_at).getTime();
    const endedAt = p.ended_at ? new Date(p.ended_at).getTime() : undefined;
    if (p.kind === 'opt_out')
      entry.optOuts.push({
        channel: p.channel as Channel,
        ...(p.address && { address: p.address }),
        effectiveAt,
        ...(endedAt !== undefined && { endedAt }),
      });
    else if (p.address && (p.channel === 'sms' || p.channel === 'phone_automated'))
      entry.consents.push({
        channel: p.channel,
        address: p.address,
        effectiveAt,
        ...(endedAt !== undefined && { revokedAt: endedAt }),
      });
  }

  // Interactions: the recent ones are history; validation notices count whenever they were sent.
  const since = new Date(asOf.getTime() - HISTORY_WINDOW_MS).toISOString();
  const interactions = await queryRows<InteractionFact>(
    db,
    sql`SELECT customer_id, channel, direction, occurred_at, outcome, kind, invoice_ids::text[] AS invoice_ids, details
        FROM interactions
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[])
          AND ((occurred_at > ${since} AND occurred_at <= ${asOf.toISOString()}) OR kind = 'validation_notice')
        ORDER BY occurred_at`,
  );
  for (const i of interactions) {
    const at = new Date(i.occurred_at).getTime();
    if (at > asOf.getTime() - HISTORY_WINDOW_MS && at <= asOf.getTime())
      of(i.customer_id).interactions.push({
        channel: i.channel as PastContact['channel'],
        direction: i.direction,
        at,
        ...(i.outcome && { outcome: i.outcome }),
        invoiceIds: i.invoice_ids,
      });
    if (i.kind === 'validation_notice')
      for (const invoiceId of i.invoice_ids)
        noteValidation(debtOf(i.customer_id, invoiceId), at, periodEndIn(i.details));
  }

  // Validation notices Recoup sent itself, or will send (in the outbox).
  const notices = await queryRows<{
    customer_id: string;
    invoice_ids: string[];
    status: string;
    sent_at: string | Date | null;
    validation: unknown;
  }>(
    db,
    sql`SELECT customer_id, invoice_ids::text[] AS invoice_ids, status, sent_at, payload -> 'data' -> 'validation' AS validation
        FROM actions
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[])
          AND template = 'validation_notice' AND status IN ('sent', 'planned', 'deferred', 'sending')`,
  );
  for (const n of notices) {
    if (n.status !== 'sent' || !n.sent_at) {
      of(n.customer_id).pendingValidationNotices.push(...n.invoice_ids);
      continue;
    }
    for (const invoiceId of n.invoice_ids)
      noteValidation(
        debtOf(n.customer_id, invoiceId),
        new Date(n.sent_at).getTime(),
        periodEndIn(n.validation),
      );
  }

  const disputes = await queryRows<{
    customer_id: string;
    invoice_id: string;
    opened_at: string | Date;
    verification_sent_at: string | Date | null;
  }>(
    db,
    sql`SELECT customer_id, invoice_id, opened_at, verification_sent_at FROM disputes
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[])`,
  );
  for (const d of disputes) {
    const debt = debtOf(d.customer_id, d.invoice_id);
    debt.disputes = [
      ...(debt.disputes ?? []),
      {
        receivedAt: new Date(d.opened_at).getTime(),
        ...(d.verification_sent_at && { verificationSentAt: new Date(d.verification_sent_at).getTime() }),
      },
    ];
  }

  const invalid = await queryRows<{ customer_id: string; address: string }>(
    db,
    sql`SELECT customer_id, address FROM invalid_addresses
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${ids}::uuid[])
          AND marked_at <= ${asOf.toISOString()} AND (cleared_at IS NULL OR cleared_at > ${asOf.toISOString()})`,
  );
  for (const a of invalid) of(a.customer_id).invalidAddresses.push(a.address);
  return facts;
}

interface PreferenceFact {
  customer_id: string;
  kind: string;
  channel: string;
  address: string | null;
  effective_at: string | Date;
  ended_at: string | Date | null;
}

interface InteractionFact {
  customer_id: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  occurred_at: string | Date;
  outcome: CallOutcome | null;
  kind: string | null;
  invoice_ids: string[];
  details: unknown;
}

/** The first notice counts; the period end printed on it, when recorded. */
function noteValidation(debt: DebtState, at: Instant, periodEnd: string | undefined) {
  if (debt.validationNoticeSentAt !== undefined && debt.validationNoticeSentAt <= at) return;
  debt.validationNoticeSentAt = at;
  if (periodEnd) debt.validationPeriodEnd = periodEnd;
  else delete debt.validationPeriodEnd;
}

function periodEndIn(details: unknown): string | undefined {
  const value = (typeof details === 'string' ? JSON.parse(details) : details) as {
    validation_period_end?: unknown;
  } | null;
  return typeof value?.validation_period_end === 'string' ? value.validation_period_end : undefined;
}
