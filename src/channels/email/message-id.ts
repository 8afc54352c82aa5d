import { createHash } from 'node:crypto';
import type { OutboundMessage } from '../message.js';

/** The domain part of an address such as "Recoup <no-reply@example.com>" (localhost if none). */
export function addressDomain(address: string): string {
  const match = /@([^\s<>@]+?)>?\s*$/.exec(address.trim());
  return match?.[1]?.toLowerCase() ?? 'localhost';
}

/** The bare address of "Name <address>" or of a bare address. */
export function bareAddress(address: string): string {
  const match = /<([^<>]+)>\s*$/.exec(address);
  return (match?.[1] ?? address).trim();
}

/**
 * A Message-ID that only depends on the outbox row's idempotency key (and its organisation):
 * when a crash makes the dispatcher send a message again, the copy carries the same Message-ID,
 * so receiving servers and mail clients that deduplicate see one message.
 */
export function messageIdFor(
  message: Pick<OutboundMessage, 'tenant_id' | 'idempotency_key'>,
  domain: string,
): string {
  const digest = createHash('sha256')
    .update(`${message.tenant_id}\n${message.idempotency_key}`)
    .digest('hex');
  return `<recoup.${digest.slice(0, 40)}@${domain}>`;
}
