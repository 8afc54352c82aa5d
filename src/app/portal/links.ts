import { findCustomer } from '../customers.js';
import { issueToken, LINK_LIFETIME_DAYS } from '../signed-links.js';
import type { Ctx } from '../context.js';

/** A magic link to a customer's portal, for a collector to send by hand (messages carry their own). */
export async function portalLink(ctx: Ctx, customerId: string, publicUrl: string) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  const now = ctx.clock.now();
  const token = await issueToken(ctx.db, ctx.tenantId, customer.id, 'portal', now);
  return {
    customer_id: customer.id,
    url: `${publicUrl}/portal?token=${encodeURIComponent(token)}`,
    expires_at: new Date(now.getTime() + LINK_LIFETIME_DAYS.portal * 86_400_000).toISOString(),
  };
}
