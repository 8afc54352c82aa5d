/** The portal's payment plan section: the debtor's plans, and a form to propose one. */
import type { FastifyInstance } from 'fastify';
import { createPlan, listPlans } from '../../app/plans/index.js';
import type { PlanView } from '../../app/plans/view.js';
import { invalid } from '../../domain/errors.js';
import type { PortalSession } from '../../app/portal/session.js';
import type { PortalItem } from '../../app/portal/overview.js';
import { html, type SafeHtml } from './html.js';
import { listField, textField, type PortalForm, type PortalRouteTools } from './forms.js';

export async function planSection(
  session: PortalSession,
  items: PortalItem[],
  today: string,
): Promise<SafeHtml> {
  const plans = (await listPlans(session.ctx, { customer_id: session.customerId, limit: 20 })).data;
  const limits = session.ctx.settings.payment_plans;
  const eligible = items.filter((i) => i.status !== 'disputed');
  const hidden = html`<input type="hidden" name="token" value="${session.token}" />`;
  return html`<section>
    <h2>Payment plans</h2>
    ${plans.map(planSummary)}
    ${
      eligible.length
        ? html`<details>
            <summary>Ask to pay in instalments</summary>
            <form method="post" action="/portal/plan">
              ${hidden}
              <p class="muted">
                Up to ${limits.max_instalments} instalments over at most ${limits.max_duration_days} days are
                accepted at once; anything else goes to our team to review.
              </p>
              ${eligible.map(
                (i) =>
                  html`<label
                    ><input type="checkbox" name="invoice_ids" value="${i.invoiceId}" checked />
                    ${i.number}</label
                  >`,
              )}
              <div class="row">
                <div>
                  <label for="plan-count">Instalments</label
                  ><input id="plan-count" name="count" type="number" min="1" max="520" value="3" required />
                </div>
                <div>
                  <label for="plan-frequency">Every</label
                  ><select id="plan-frequency" name="frequency">
                    <option value="monthly">month</option>
                    <option value="weekly">week</option>
                  </select>
                </div>
                <div>
                  <label for="plan-start">First payment on</label
                  ><input id="plan-start" name="start_on" type="date" min="${today}" required />
                </div>
              </div>
              <p><button type="submit" class="secondary">Propose this plan</button></p>
            </form>
          </details>`
        : ''
    }
  </section>`;
}

function planSummary(plan: PlanView) {
  const state = plan.approval === 'pending_review' ? 'waiting for review' : plan.status;
  return html`<div>
    <p>
      <strong>${plan.total.amount} ${plan.currency}</strong> in ${plan.instalments.length} instalments:
      <span class="${plan.status === 'defaulted' ? 'late' : plan.status === 'completed' ? 'ok' : 'muted'}"
        >${state}</span
      >
    </p>
    <table>
      <tbody>
        ${plan.instalments.map(
          (i) =>
            html`<tr>
              <td>${i.due_on}</td>
              <td class="num">${i.amount.amount} ${plan.currency}</td>
              <td class="${i.status === 'missed' ? 'late' : i.status === 'paid' ? 'ok' : 'muted'}">
                ${i.status}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function registerPlanRoutes(portal: FastifyInstance, tools: PortalRouteTools) {
  portal.post('/portal/plan', async (request, reply) => {
    const session = await tools.session(request);
    const form = request.body as PortalForm;
    const count = Number(textField(form.count));
    if (!Number.isInteger(count) || count < 1)
      throw invalid('count', 'must be a whole number of instalments');
    const plan = await createPlan(
      session.ctx,
      {
        customer_id: session.customerId,
        invoice_ids: listField(form.invoice_ids),
        count,
        frequency: textField(form.frequency) === 'weekly' ? 'weekly' : 'monthly',
        start_on: textField(form.start_on),
        channel: 'portal',
        confirm: true,
      },
      { source: 'portal' },
    );
    return tools.back(reply, session, plan.approval === 'pending_review' ? 'plan_review' : 'plan');
  });
}
