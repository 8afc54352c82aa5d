/**
 * What the dispatcher adds to each message just before it goes out, per organisation: its signed
 * links (unsubscribe, portal), its own version of the template when it has one, and its own
 * From and Reply-To. Read once per organisation and batch.
 */
import { eq } from 'drizzle-orm';
import type { MessageLinks, OutboundMessage } from '../channels/message.js';
import { publicBase } from '../channels/templates/scope.js';
import { LINK_LIFETIME_DAYS, signingSecret, signToken, type LinkPurpose } from '../app/signed-links.js';
import { loadOverrides, pickOverride } from '../app/templates/overrides.js';
import type { Db } from '../store/database.js';
import { organisations } from '../store/schema.js';
import type { OrganisationSettings } from '../app/context.js';

export async function withMessageContext(
  db: Db,
  tenantId: string,
  messages: readonly OutboundMessage[],
  now: Date,
  publicUrl: string | undefined,
): Promise<OutboundMessage[]> {
  if (messages.length === 0) return [];
  const secret = await signingSecret(db, tenantId);
  const [org] = await db
    .select({ settings: organisations.settings })
    .from(organisations)
    .where(eq(organisations.tenantId, tenantId));
  const settings = (org?.settings ?? {}) as Pick<OrganisationSettings, 'email_from' | 'email_reply_to'>;
  const sender =
    settings.email_from || settings.email_reply_to
      ? { from: settings.email_from ?? undefined, reply_to: settings.email_reply_to ?? undefined }
      : undefined;
  const overrides = await loadOverrides(
    db,
    tenantId,
    messages.map((m) => m.template),
  );
  const base = publicBase(publicUrl);
  const expiresAt = (purpose: LinkPurpose) =>
    Math.floor(now.getTime() / 1000) + LINK_LIFETIME_DAYS[purpose] * 86_400;
  const token = (customerId: string, purpose: LinkPurpose) =>
    encodeURIComponent(signToken(secret, { tenantId, customerId, purpose, expiresAt: expiresAt(purpose) }));
  return messages.map((message) => {
    const links: MessageLinks = {
      unsubscribe: `${base}/unsubscribe?token=${token(message.customer_id, 'unsubscribe')}`,
      portal: `${base}/portal?token=${token(message.customer_id, 'portal')}`,
    };
    const override = pickOverride(overrides, message.template, message.channel, message.language);
    return {
      ...message,
      links,
      ...(override && { template_override: override }),
      ...(sender && message.channel === 'email' && { sender }),
    };
  });
}
