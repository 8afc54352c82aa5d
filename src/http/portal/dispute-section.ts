/** The portal's dispute section: open disputes, and a form to dispute an invoice with evidence. */
import type { FastifyInstance } from 'fastify';
import { DISPUTE_REASONS, listDisputes, openDispute } from '../../app/disputes/index.js';
import { invalid } from '../../domain/errors.js';
import type { PortalSession } from '../../app/portal/session.js';
import type { PortalItem } from '../../app/portal/overview.js';
import { html, type SafeHtml } from './html.js';
import { fileField, textField, type PortalForm, type PortalRouteTools } from './forms.js';

const REASON_LABELS: Record<(typeof DISPUTE_REASONS)[number], string> = {
  wrong_amount: 'The amount is wrong',
  goods_not_received: 'I did not receive the goods or service',
  quality: 'There is a problem with the quality',
  already_paid: 'I have already paid',
  not_mine: 'This is not my invoice',
  other: 'Something else',
};

export async function disputeSection(session: PortalSession, items: PortalItem[]): Promise<SafeHtml> {
  const disputes = (await listDisputes(session.ctx, { customer_id: session.customerId, limit: 20 })).data;
  const numberOf = new Map(items.map((i) => [i.invoiceId, i.number]));
  const open = items.filter((i) => i.status !== 'disputed');
  return html`<section>
    <h2>Questions about an invoice</h2>
    ${disputes.map(
      (d) =>
        html`<p>
          ${numberOf.get(d.invoice_id) ?? 'Invoice'}:
          ${REASON_LABELS[d.reason_code as keyof typeof REASON_LABELS]} ·
          <span class="${d.status === 'open' ? 'muted' : 'ok'}"
            >${d.status === 'open' ? 'we are looking into it' : `resolved (${d.outcome})`}</span
          >
        </p>`,
    )}
    ${
      open.length
        ? html`<details>
            <summary>Dispute an invoice</summary>
            <form method="post" action="/portal/dispute" enctype="multipart/form-data">
              <input type="hidden" name="token" value="${session.token}" />
              <label for="d-invoice">Invoice</label
              ><select id="d-invoice" name="invoice_id">
                ${open.map((i) => html`<option value="${i.invoiceId}">${i.number}</option>`)}
              </select>
              <label for="d-reason">What is wrong</label
              ><select id="d-reason" name="reason_code">
                ${DISPUTE_REASONS.map((r) => html`<option value="${r}">${REASON_LABELS[r]}</option>`)}
              </select>
              <label for="d-note">Tell us more</label><textarea id="d-note" name="note" rows="3"></textarea>
              <label for="d-file">Attach a document (optional, up to 2 MB)</label
              ><input id="d-file" type="file" name="evidence" />
              <p class="muted">We stop reminders about this invoice while we look into it.</p>
              <p><button type="submit" class="secondary">Send</button></p>
            </form>
          </details>`
        : ''
    }
  </section>`;
}

export function registerDisputeRoutes(
  portal: FastifyInstance,
  tools: PortalRouteTools,
  items: (s: PortalSession) => Promise<PortalItem[]>,
) {
  portal.post('/portal/dispute', async (request, reply) => {
    const session = await tools.session(request);
    const form = request.body as PortalForm;
    const invoiceId = textField(form.invoice_id);
    // Only the session's own open invoices: an id from elsewhere is refused like a bad field.
    if (!(await items(session)).some((i) => i.invoiceId === invoiceId))
      throw invalid('invoice_id', 'is not an open invoice of yours', 'unknown_invoice');
    const reason = textField(form.reason_code);
    if (!(DISPUTE_REASONS as readonly string[]).includes(reason))
      throw invalid('reason_code', 'choose a reason');
    const file = fileField(form.evidence);
    await openDispute(session.ctx, {
      invoice_id: invoiceId,
      reason_code: reason as (typeof DISPUTE_REASONS)[number],
      ...(textField(form.note) && { note: textField(form.note).slice(0, 5000) }),
      source: 'portal',
      attachments: file
        ? [
            {
              file_name: file.fileName.replace(/[/\\\0]/g, '_').slice(0, 255),
              content_type: file.contentType,
              content_base64: file.content.toString('base64'),
            },
          ]
        : [],
    });
    return tools.back(reply, session, 'dispute');
  });
}
