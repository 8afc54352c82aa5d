/** The portal's main page: what is owed, how to pay, and what the debtor can ask for. */
import { formatAmount } from '../../domain/money.js';
import type { PortalOverview } from '../../app/portal/overview.js';
import { formatCreditorReference } from '../../domain/payments/creditor-reference.js';
import { html, page, trusted, type SafeHtml } from './html.js';
import { formatMoney } from '../../channels/format/money.js';

type Money = (amount: bigint, currency: string) => string;

/** Amounts as the customer reads them: "€1,234.56" in English, "1.234,56 €" in German. */
export function moneyIn(locale: string): Money {
  return (amount, currency) => formatMoney({ amount: formatAmount(amount, currency), currency }, locale);
}

/** Extra sections (plans, disputes...) that other parts of the portal add. */
export interface OverviewExtras {
  notice?: { text: string; error?: boolean };
  sections?: SafeHtml[];
}

export function overviewPage(view: PortalOverview, token: string, extras: OverviewExtras = {}): string {
  const money = moneyIn(view.locale);
  const hidden = html`<input type="hidden" name="token" value="${token}" />`;
  const owed = view.totals.length
    ? view.totals.map(
        (t) =>
          html`<div>
            <div class="big">${money(t.balance, t.currency)}</div>
            ${
              t.payableToday < t.balance
                ? html`<div class="ok">
                    Pay ${money(t.payableToday, t.currency)} today: early-payment discount included
                  </div>`
                : ''
            }
          </div>`,
      )
    : html`<p class="ok">Nothing is open. Thank you!</p>`;
  // Three columns, so a phone shows the balance without scrolling sideways.
  const rows = view.items.map(
    (item) =>
      html`<tr>
        <td>
          <input
            type="checkbox"
            name="invoice_ids"
            value="${item.invoiceId}"
            aria-label="pay ${item.number}"
            checked
          />
        </td>
        <td>
          <strong>${item.number}</strong>
          <div>
            ${
              item.status === 'disputed'
                ? html`<span class="muted">in dispute</span>`
                : item.daysPastDue > 0
                  ? html`<span class="late">${item.daysPastDue} days late</span>`
                  : html`<span class="muted">due ${item.dueDate}</span>`
            }
          </div>
          <div class="muted">issued ${item.issueDate}</div>
        </td>
        <td class="num">
          ${money(item.balance, item.currency)}
          ${
            item.discount > 0n
              ? html`<div class="ok wrap">
                  −${money(item.discount, item.currency)} if paid by ${item.discountUntil}
                </div>`
              : ''
          }
        </td>
      </tr>`,
  );
  const body = html` ${extras.notice ? html`<div class="notice ${extras.notice.error ? 'error' : ''}">${extras.notice.text}</div>` : ''}
    <h1>Hello, ${view.customerName}</h1>
    <section aria-label="balance">
      <h2>What you owe</h2>
      ${owed}
    </section>
    ${
      view.items.length
        ? html`<section>
              <h2>Open invoices</h2>
              <form method="post" action="/portal/pay">
                ${hidden}
                <table>
                  <thead>
                    <tr>
                      <th></th>
                      <th>Invoice</th>
                      <th class="num">Balance</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows}
                  </tbody>
                </table>
                <p><button type="submit">Pay selected by card</button></p>
              </form>
            </section>
            ${transferSection(view, money)} ${promiseSection(view, hidden)}`
        : ''
    }
    ${extras.sections ?? []} ${historySection(view, money)}`;
  return page('Your account', view.organisationName, body);
}

function transferSection(view: PortalOverview, money: Money) {
  const blocks = view.transfer
    .filter((t) => t.iban)
    .map(
      (t) =>
        html`<div class="row">
          <dl>
            <dt>Account name</dt>
            <dd>${t.accountName}</dd>
            <dt>IBAN</dt>
            <dd>${t.iban?.replace(/(.{4})(?=.)/g, '$1 ')}</dd>
            ${
              t.bic
                ? html`<dt>BIC</dt>
                    <dd>${t.bic}</dd>`
                : ''
            }
            <dt>Amount</dt>
            <dd>${money(t.amount, t.currency)}</dd>
            <dt>Reference</dt>
            <dd><strong>${formatCreditorReference(t.reference)}</strong></dd>
          </dl>
          ${
            t.qrSvg
              ? html`<div class="qr" aria-label="EPC QR code">
                  ${trusted(t.qrSvg)}
                  <div class="muted">Scan with your banking app</div>
                </div>`
              : ''
          }
        </div>`,
    );
  if (blocks.length === 0) return '';
  return html`<section>
    <h2>Pay by bank transfer</h2>
    <p class="muted">Quote the reference exactly, so your payment is matched to your account.</p>
    ${blocks}
  </section>`;
}

function promiseSection(view: PortalOverview, hidden: SafeHtml) {
  const currencies = view.totals.map((t) => t.currency);
  return html`<section>
    <details>
      <summary>Promise to pay on a date</summary>
      <form method="post" action="/portal/promise">
        ${hidden}
        <div class="row">
          <div>
            <label for="p-date">I will pay on</label
            ><input id="p-date" type="date" name="due_on" min="${view.today}" required />
          </div>
          <div>
            <label for="p-amount">Amount</label
            ><input
              id="p-amount"
              name="amount"
              inputmode="decimal"
              required
              value="${view.totals[0] ? formatAmount(view.totals[0].balance, view.totals[0].currency) : ''}"
            />
          </div>
          ${
            currencies.length > 1
              ? html`<div>
                  <label for="p-cur">Currency</label
                  ><select id="p-cur" name="currency">
                    ${currencies.map((c) => html`<option>${c}</option>`)}
                  </select>
                </div>`
              : html`<input type="hidden" name="currency" value="${currencies[0] ?? ''}" />`
          }
        </div>
        <p><button type="submit" class="secondary">Send my promise</button></p>
      </form>
    </details>
  </section>`;
}

function historySection(view: PortalOverview, money: Money) {
  if (view.payments.length === 0 && view.promises.length === 0) return '';
  return html`<section>
    <h2>History</h2>
    ${
      view.payments.length
        ? html`<table>
            <thead>
              <tr>
                <th>Paid on</th>
                <th class="hide">How</th>
                <th class="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              ${view.payments.map(
                (p) =>
                  html`<tr>
                    <td>${p.receivedOn}</td>
                    <td class="hide">${p.method ?? ''}</td>
                    <td class="num">${money(p.amount, p.currency)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
    ${
      view.promises.length
        ? html`<h2 style="margin-top:14px">Your promises</h2>
            <table>
              <tbody>
                ${view.promises.map(
                  (p) =>
                    html`<tr>
                      <td>${p.dueOn}</td>
                      <td>${money(p.amount, p.currency)}</td>
                      <td class="${p.status === 'broken' ? 'late' : p.status === 'kept' ? 'ok' : 'muted'}">
                        ${p.status}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
  </section>`;
}

export function messagePage(
  organisation: string,
  title: string,
  text: string,
  link?: { href: string; label: string },
) {
  return page(
    title,
    organisation,
    html`<h1>${title}</h1>
      <section>
        <p>${text}</p>
        ${link ? html`<p><a class="button" href="${link.href}">${link.label}</a></p>` : ''}
      </section>`,
  );
}

/** Stands in for a card provider's hosted page when none is configured. */
export function sandboxCheckoutPage(
  organisation: string,
  token: string,
  paymentId: string,
  amount: bigint,
  currency: string,
  locale: string,
) {
  const money = moneyIn(locale);
  return page(
    'Sandbox checkout',
    organisation,
    html`<h1>Sandbox checkout</h1>
      <section>
        <p class="notice">
          No card provider is configured, so this sandbox stands in for one. No money moves.
        </p>
        <p>Amount: <strong>${money(amount, currency)}</strong></p>
        <form method="post" action="/portal/sandbox-pay">
          <input type="hidden" name="token" value="${token}" /><input
            type="hidden"
            name="payment"
            value="${paymentId}"
          />
          <button type="submit">Pay (sandbox)</button>
        </form>
      </section>`,
  );
}
