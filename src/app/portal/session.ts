/**
 * A portal visit: the magic link's token names one customer of one organisation, and every
 * portal use case runs with a context bound to them, acting as `portal:<customer id>`.
 */
import type { Db } from '../../store/database.js';
import { loadOrganisation } from '../organisations.js';
import { findCustomer } from '../customers.js';
import { verifyToken } from '../signed-links.js';
import type { Clock, Ctx } from '../context.js';

export interface PortalSession {
  ctx: Ctx;
  customerId: string;
  organisationName: string;
  token: string;
}

export async function openPortalSession(db: Db, clock: Clock, token: string): Promise<PortalSession> {
  const claims = await verifyToken(db, token, 'portal', clock.now());
  const org = await loadOrganisation(db, claims.tenantId);
  const ctx: Ctx = {
    db,
    tenantId: claims.tenantId,
    timeZone: org.timeZone,
    settings: org.settings,
    clock,
    actor: `portal:${claims.customerId}`,
  };
  // A customer erased or never there: the link is as good as forged.
  await findCustomer(db, claims.tenantId, claims.customerId);
  return { ctx, customerId: claims.customerId, organisationName: org.row.name, token };
}
