/**
 * Signed links for debtors: the portal's magic links and one-click unsubscribe. A token carries
 * the organisation, the customer, what it is for and when it expires, signed with HMAC-SHA256
 * under the organisation's own secret; nothing is stored per link, and a token for one purpose
 * or customer is worthless for another.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { RecoupError } from '../domain/errors.js';
import type { Db } from '../store/database.js';
import { organisations } from '../store/schema.js';

export type LinkPurpose = 'portal' | 'unsubscribe';

export interface LinkClaims {
  tenantId: string;
  customerId: string;
  purpose: LinkPurpose;
  /** Epoch seconds. */
  expiresAt: number;
}

/** How long a link in a message works: a reminder is often read days or weeks later. */
export const LINK_LIFETIME_DAYS: Record<LinkPurpose, number> = { portal: 30, unsubscribe: 365 };

/** The organisation's signing secret, created on first use (two creators agree: the first one wins). */
export async function signingSecret(db: Db, tenantId: string): Promise<string> {
  const fresh = randomBytes(32).toString('base64url');
  await db
    .update(organisations)
    .set({ signingSecret: fresh })
    .where(and(eq(organisations.tenantId, tenantId), isNull(organisations.signingSecret)));
  const [row] = await db
    .select({ secret: organisations.signingSecret })
    .from(organisations)
    .where(eq(organisations.tenantId, tenantId));
  if (!row?.secret) throw new Error(`organisation ${tenantId} has no signing secret`);
  return row.secret;
}

export function signToken(secret: string, claims: LinkClaims): string {
  const body = Buffer.from(
    JSON.stringify({ t: claims.tenantId, c: claims.customerId, p: claims.purpose, e: claims.expiresAt }),
  ).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export async function issueToken(
  db: Db,
  tenantId: string,
  customerId: string,
  purpose: LinkPurpose,
  now: Date,
): Promise<string> {
  const expiresAt = Math.floor(now.getTime() / 1000) + LINK_LIFETIME_DAYS[purpose] * 86_400;
  return signToken(await signingSecret(db, tenantId), { tenantId, customerId, purpose, expiresAt });
}

/**
 * The claims of a valid token for `purpose`, or a 401 `invalid_link` / `link_expired`. The same
 * error for every kind of forgery, so a caller learns nothing about which part was wrong.
 */
export async function verifyToken(
  db: Db,
  token: string,
  purpose: LinkPurpose,
  now: Date,
): Promise<LinkClaims> {
  const claims = readClaims(token);
  if (!claims || claims.purpose !== purpose) throw invalidLink();
  const [row] = await db
    .select({ secret: organisations.signingSecret })
    .from(organisations)
    .where(sql`${organisations.tenantId}::text = ${claims.tenantId}`);
  if (!row?.secret) throw invalidLink();
  const [body, signature] = token.split('.') as [string, string];
  const expected = Buffer.from(mac(row.secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidLink();
  if (claims.expiresAt * 1000 <= now.getTime())
    throw new RecoupError('unauthorized', 'link_expired', 'this link has expired; ask for a new one');
  return claims;
}

function readClaims(token: string): LinkClaims | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  try {
    const raw = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof raw.t !== 'string' || typeof raw.c !== 'string' || typeof raw.e !== 'number') return null;
    if (raw.p !== 'portal' && raw.p !== 'unsubscribe') return null;
    return { tenantId: raw.t, customerId: raw.c, purpose: raw.p, expiresAt: raw.e };
  } catch {
    return null;
  }
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

function invalidLink() {
  return new RecoupError('unauthorized', 'invalid_link', 'this link is not valid');
}
