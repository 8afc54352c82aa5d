/**
 * Judges one proposed contact with a customer, as the records stood at its instant: holds in
 * force then, recorded opt-outs and consents (with their own instants), interactions and sent
 * messages of the week before, the debts' validation state. Used by `POST /compliance/check`,
 * manual messages and logged calls; the run reads the same facts for whole batches.
 */
import { eq, sql } from 'drizzle-orm';
import type { Purpose } from '../../domain/compliance/index.js';
import { queryRows, type Db } from '../../store/database.js';
import { organisations } from '../../store/schema.js';
import { activeHolds } from '../holds.js';
import { loadEngagementFacts } from '../engagement/facts.js';
import { localDate } from '../../domain/dates.js';
import { checkContact, type ContactChannel, type ContactDecision } from '../runs/comply.js';
import { customerRecords, type ContactRecord } from '../runs/snapshot.js';
import { HISTORY_WINDOW_MS, loadComplianceFacts } from './facts.js';

export interface JudgedContact {
  customerId: string;
  channel: ContactChannel;
  at: Date;
  invoiceIds: string[];
  address?: string | null;
  purpose?: Purpose;
  automated?: boolean;
}

export async function judgeContact(
  db: Db,
  tenantId: string,
  contact: JudgedContact,
): Promise<ContactDecision> {
  const [customer] = await customerRecords(db, tenantId, [contact.customerId]);
  if (!customer) throw new Error(`customer ${contact.customerId} vanished`);
  const [org] = await db
    .select({ rulePacks: organisations.rulePacks })
    .from(organisations)
    .where(eq(organisations.tenantId, tenantId));
  const engagement = (
    await loadEngagementFacts(
      db,
      tenantId,
      new Map([[customer.id, localDate(contact.at, customer.timeZones[0] ?? 'UTC')]]),
      contact.at,
    )
  ).get(customer.id);
  // Holds in the table, and those plans and disputes make (engagement facts).
  const holds = [
    ...(await activeHolds(db, tenantId, [customer.id], contact.at)),
    ...(engagement?.holds ?? []),
  ];
  const contacts = await queryRows<ContactRecord>(
    db,
    sql`SELECT channel, value, sms_consent AS "smsConsent", opted_out AS "optedOut", is_primary AS "isPrimary"
        FROM contacts WHERE tenant_id = ${tenantId} AND customer_id = ${customer.id}
        ORDER BY is_primary DESC, id`,
  );
  const sent = await queryRows<{
    channel: 'email' | 'sms' | 'letter';
    sent_at: string | Date;
    invoice_ids: string[];
  }>(
    db,
    sql`SELECT channel, sent_at, invoice_ids::text[] AS invoice_ids FROM actions
        WHERE tenant_id = ${tenantId} AND customer_id = ${customer.id} AND status = 'sent'
          AND sent_at > ${new Date(contact.at.getTime() - HISTORY_WINDOW_MS).toISOString()}
          AND sent_at <= ${contact.at.toISOString()}`,
  );
  const facts = (await loadComplianceFacts(db, tenantId, [customer.id], contact.at)).get(customer.id);
  return checkContact(
    {
      channel: contact.channel,
      address: contact.address ?? defaultAddress(contact.channel, contacts),
      at: contact.at,
      invoiceIds: contact.invoiceIds,
      ...(contact.purpose && { purpose: contact.purpose }),
      ...(contact.automated !== undefined && { automated: contact.automated }),
    },
    {
      customer,
      holds,
      contacts,
      history: sent.map((s) => ({
        channel: s.channel,
        direction: 'outbound' as const,
        at: new Date(s.sent_at).getTime(),
        invoiceIds: s.invoice_ids,
      })),
      ...(facts && { compliance: facts }),
      rulePacks: org?.rulePacks ?? [],
    },
  );
}

/** With no address given, the customer's primary one for the channel (letters and visits need none). */
function defaultAddress(channel: ContactChannel, contacts: readonly ContactRecord[]): string | null {
  if (channel === 'email') return contacts.find((c) => c.channel === 'email')?.value ?? null;
  if (channel === 'sms' || channel === 'phone')
    return contacts.find((c) => c.channel === 'phone')?.value ?? null;
  return null;
}

/** The answer as the API gives it. */
export function decisionView(decision: ContactDecision) {
  return {
    decision: decision.decision,
    reasons: decision.reasons,
    next_allowed_at: decision.nextAllowedAt?.toISOString() ?? null,
    requires: decision.requires,
    rule_pack_versions: [...decision.rulePacks],
  };
}
