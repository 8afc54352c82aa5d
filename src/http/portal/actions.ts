/**
 * What a debtor can ask for in the portal beyond paying and promising: a payment plan and a
 * dispute. Each adds a section to the main page and the routes its forms post to.
 */
import type { FastifyInstance } from 'fastify';
import type { PortalSession } from '../../app/portal/session.js';
import { portalOverview, type PortalOverview } from '../../app/portal/overview.js';
import type { SafeHtml } from './html.js';
import type { PortalRouteTools } from './forms.js';
import { planSection, registerPlanRoutes } from './plan-section.js';
import { disputeSection, registerDisputeRoutes } from './dispute-section.js';

export const DONE_MESSAGES: Record<string, string> = {
  promise: 'Thank you: your promise is recorded. We will not send reminders for it until its date.',
  paid: 'Thank you: your payment is received. A receipt is on its way.',
  payment_pending: 'Your payment is being confirmed; this page will show it once it is.',
  plan: 'Your payment plan is agreed. A written confirmation is on its way; reminders stop while you keep to it.',
  plan_review:
    'Thank you: your proposal is outside what we can accept at once, so our team will review it and reply.',
  dispute:
    'Thank you: we have your message and will look into it. Reminders about this invoice stop meanwhile.',
};

export async function actionSections(session: PortalSession, view: PortalOverview): Promise<SafeHtml[]> {
  return [await planSection(session, view.items, view.today), await disputeSection(session, view.items)];
}

export function registerActionRoutes(portal: FastifyInstance, tools: PortalRouteTools) {
  registerPlanRoutes(portal, tools);
  registerDisputeRoutes(portal, tools, async (session) => (await portalOverview(session)).items);
}
