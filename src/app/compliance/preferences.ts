/**
 * Contact preferences: opt-outs (a channel, or one address of it) and TCPA consents, as rows of
 * `contact_preferences` that are never edited but to close them, so a check can be judged as of
 * any instant. The old flags on `contacts` (`opted_out`, `sms_consent`,
 * `automated_call_consent`) follow them, for readers that only look at a contact.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { contactPreferences } from '../../store/schema.js';
import { newId } from '../context.js';
import { recordEvents } from '../events/record.js';
import { contactChannelOf, normaliseAddress, type PreferenceChannel } from './addresses.js';

export type PreferenceKind = 'opt_out' | 'consent';
export type PreferenceRow = typeof contactPreferences.$inferSelect;

export interface PreferenceInput {
  channel: PreferenceChannel;
  /** One email address or phone number; null or absent: the whole channel (opt-outs only). */
  address?: string | null;
  effectiveAt: Date;
  /** Where the request came from: `api`, `sms_stop`, `unsubscribe`, `portal`, `import`... */
  source: string;
  /** Who recorded it, for the audit log (default `system`). */
  actor?: string;
}

/**
 * Records an opt-out in the caller's transaction (other modules call this: a STOP reply, an
 * unsubscribe link). The same opt-out already in force is not recorded twice.
 */
export async function recordOptOut(
  tx: Db,
  tenantId: string,
  customerId: string,
  input: PreferenceInput,
): Promise<PreferenceRow> {
  return recordPreference(tx, tenantId, customerId, 'opt_out', input);
}

/** Records prior express consent (TCPA) for automated texts or calls to one number. */
export async function recordConsent(
  tx: Db,
  tenantId: string,
  customerId: string,
  input: PreferenceInput & { address: string },
): Promise<PreferenceRow> {
  return recordPreference(tx, tenantId, customerId, 'consent', input);
}

async function recordPreference(
  tx: Db,
  tenantId: string,
  customerId: string,
  kind: PreferenceKind,
  input: PreferenceInput,
): Promise<PreferenceRow> {
  const address = input.address ? normaliseAddress(input.channel, input.address) : null;
  const [existing] = await tx
    .select()
    .from(contactPreferences)
    .where(
      and(
        eq(contactPreferences.tenantId, tenantId),
        eq(contactPreferences.customerId, customerId),
        eq(contactPreferences.kind, kind),
        eq(contactPreferences.channel, input.channel),
        address === null
          ? sql`${contactPreferences.address} IS NULL`
          : eq(contactPreferences.address, address),
        sql`${contactPreferences.endedAt} IS NULL`,
        sql`${contactPreferences.effectiveAt} <= ${input.effectiveAt.toISOString()}`,
      ),
    )
    .limit(1);
  if (existing) return existing;
  const [row] = await tx
    .insert(contactPreferences)
    .values({
      tenantId,
      id: newId(),
      customerId,
      kind,
      channel: input.channel,
      address,
      effectiveAt: input.effectiveAt,
      source: input.source,
    })
    .returning();
  await updateContactFlags(tx, tenantId, customerId, kind, input.channel, address);
  await recordEvents(tx, tenantId, [
    {
      type: kind === 'opt_out' ? 'contact_preference.opted_out' : 'contact_preference.consented',
      at: input.effectiveAt,
      actor: input.actor ?? 'system',
      subjectType: 'contact_preference',
      subjectId: row!.id,
      customerId,
      data: preferenceView(row!),
    },
  ]);
  return row!;
}

/**
 * The flags the run's older readers look at. An email or phone opt-out of an address marks that
 * contact opted out; an SMS opt-out (a STOP) withdraws its consent to texts and to automated
 * calls (47 CFR 64.1200(a)(10)) but leaves calls by a person allowed. A channel opt-out marks
 * every contact of the channel. Consents set the matching flag.
 */
async function updateContactFlags(
  tx: Db,
  tenantId: string,
  customerId: string,
  kind: PreferenceKind,
  channel: PreferenceChannel,
  address: string | null,
) {
  const contactChannel = contactChannelOf(channel);
  if (!contactChannel) return;
  const set =
    kind === 'consent'
      ? channel === 'sms'
        ? sql`sms_consent = true`
        : sql`automated_call_consent = true`
      : channel === 'sms'
        ? sql`sms_consent = false, automated_call_consent = false`
        : sql`opted_out = true`;
  const matches =
    address === null
      ? sql``
      : contactChannel === 'email'
        ? sql`AND lower(trim(value)) = ${address}`
        : sql`AND regexp_replace(value, '\\D', '', 'g') = ${address.replace(/\D/g, '')}`;
  await tx.execute(
    sql`UPDATE contacts SET ${set} WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
          AND channel = ${contactChannel} ${matches}`,
  );
}

export function preferenceView(row: PreferenceRow) {
  return {
    id: row.id,
    kind: row.kind as PreferenceKind,
    channel: row.channel,
    address: row.address,
    effective_at: row.effectiveAt.toISOString(),
    ended_at: row.endedAt?.toISOString() ?? null,
    source: row.source,
  };
}
