/**
 * What a debtor can ask for in the portal beyond paying and promising: a payment plan, a
 * dispute, telling us why they have not paid. Each adds a section to the main page and the
 * routes its forms post to.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PortalSession } from '../../app/portal/session.js';
import type { SafeHtml } from './html.js';

/** A posted form: url-encoded fields (repeated names become lists) or multipart key values. */
export type PortalForm = Record<string, unknown>;

export interface PortalRouteTools {
  session(request: FastifyRequest): Promise<PortalSession>;
  back(reply: FastifyReply, session: PortalSession, done: string): FastifyReply;
}

export const portalActions = {
  doneMessages: {
    paid: 'Thank you: your payment is received. A receipt is on its way.',
    payment_pending: 'Your payment is being confirmed; this page will show it once it is.',
  } as Record<string, string>,
  async sections(_session: PortalSession): Promise<SafeHtml[]> {
    return [];
  },
  register(_portal: FastifyInstance, _tools: PortalRouteTools): void {},
};
