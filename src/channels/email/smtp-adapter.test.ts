import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/database.js';
import { outboundMessage } from '../test-support/fixtures.js';
import { pdfPages } from '../test-support/pdf-text.js';
import { startSmtpServer, type LocalSmtpServer } from '../test-support/smtp-server.js';
import { classifySmtpError } from './classify.js';
import { addressDomain, messageIdFor } from './message-id.js';
import { createSmtpAdapter, type SmtpAdapter } from './smtp-adapter.js';

const db = {} as Db;

describe('SMTP adapter against a real SMTP server', () => {
  let server: LocalSmtpServer;
  let adapter: SmtpAdapter;

  beforeAll(async () => {
    server = await startSmtpServer({ parse: true });
    adapter = createSmtpAdapter({
      url: server.url,
      from: 'Northwind Credit Control <credit@northwind.example>',
      replyTo: 'ar@northwind.example',
      publicUrl: 'https://recoup.northwind.example',
      paymentInstructions: 'Pay to IBAN GB33BUKB20201555555555, reference: your invoice number.',
    });
  });
  afterAll(async () => {
    await adapter.close();
    await server.close();
  });

  it('delivers a message with both parts, the items and amounts, and its headers', async () => {
    const message = outboundMessage({
      template: 'overdue_notice',
      links: {
        unsubscribe: 'https://recoup.northwind.example/unsubscribe?token=abc.def',
        portal: 'https://recoup.northwind.example/portal?token=ghi.jkl',
      },
    });
    const outcome = await adapter.send(message, db);
    expect(adapter).toMatchObject({ name: 'smtp', mode: 'external', channel: 'email' });
    expect(outcome).toMatchObject({
      status: 'sent',
      provider_id: messageIdFor(message, 'northwind.example'),
    });
    if (outcome.status !== 'sent') return;

    const mail = server.received.at(-1)!;
    expect(mail.subject).toBe('Overdue invoices: €1,234.56 and $300.00 – Northwind Supplies Ltd');
    expect(mail.subject).toBe(outcome.rendered?.subject);
    expect(mail.from?.text).toBe('"Northwind Credit Control" <credit@northwind.example>');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ap@acme.example');
    expect(mail.replyTo?.text).toBe('ar@northwind.example');
    expect(mail.messageId).toBe(messageIdFor(message, 'northwind.example'));

    for (const part of [mail.text ?? '', mail.html || '']) {
      expect(part).toContain('INV-2024-001');
      expect(part).toContain('INV-2024-017');
      expect(part).toContain('€1,234.56');
      expect(part).toContain('$300.00');
      expect(part).toContain('Pay to IBAN GB33BUKB20201555555555');
    }
    expect(mail.text).toContain(
      'INV-2024-001    Apr 1, 2024    May 1, 2024               45       €1,234.56',
    );
    expect(mail.html).toContain('<td style="padding:8px;border-bottom:1px solid #e4e7eb;">INV-2024-001</td>');

    const listUnsubscribe = mail.headerLines.find((header) => header.key === 'list-unsubscribe');
    expect(listUnsubscribe?.line.replace(/\r?\n\s+/g, ' ')).toBe(
      'List-Unsubscribe: <https://recoup.northwind.example/unsubscribe?token=abc.def>, ' +
        '<mailto:ar@northwind.example?subject=unsubscribe%200190f1c2-7a3b-7000-8000-000000000001>',
    );
    expect(mail.headerLines.find((header) => header.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    // An overdue notice carries a PDF statement of its items.
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['statement-ACME-2024-06-15.pdf', 'application/pdf'],
    ]);
    const statement = (await pdfPages(mail.attachments[0]!.content)).join('\n');
    expect(statement).toContain('Statement of open items');
    expect(statement).toContain('INV-2024-001');
    expect(statement).toContain('INV-2024-017');
    expect(statement).toContain('€1,234.56');
    expect(outcome.attachments).toEqual([
      {
        name: 'statement-ACME-2024-06-15.pdf',
        content_type: 'application/pdf',
        size: mail.attachments[0]!.size,
      },
    ]);
    expect(mail.headers.get('x-recoup-action')).toBe(message.id);
  });

  it("uses the organisation's own From and Reply-To, and attaches nothing to a reminder", async () => {
    const outcome = await adapter.send(
      outboundMessage({
        template: 'friendly_reminder',
        sender: {
          from: 'Acme Billing <billing@acme-billing.example>',
          reply_to: 'help@acme-billing.example',
        },
      }),
      db,
    );
    const mail = server.received.at(-1)!;
    expect(mail.from?.text).toBe('"Acme Billing" <billing@acme-billing.example>');
    expect(mail.replyTo?.text).toBe('help@acme-billing.example');
    expect(mail.messageId).toMatch(/@acme-billing\.example>$/);
    expect(mail.attachments).toEqual([]);
    expect(outcome).toMatchObject({ status: 'sent', attachments: [] });
  });

  it('sends a re-sent message with the same Message-ID', async () => {
    const message = outboundMessage({ template: 'friendly_reminder' });
    await adapter.send(message, db);
    await adapter.send({ ...message, id: 'another-claim' }, db);
    const [first, second] = server.received.slice(-2);
    expect(first?.messageId).toBe(second?.messageId);
    const other = await adapter.send(outboundMessage({ idempotency_key: 'another-step' }), db);
    expect(other).toMatchObject({ status: 'sent' });
    expect(server.received.at(-1)?.messageId).not.toBe(first?.messageId);
  });

  it('fails for good on an unknown mailbox (5xx)', async () => {
    const outcome = await adapter.send(outboundMessage({ to: 'unknown@acme.example' }), db);
    expect(outcome).toMatchObject({ status: 'failed', permanent: true, invalid_address: true });
    expect(outcome.status === 'failed' && outcome.error).toMatch(/550 5\.1\.1 No such user here/);
  });

  it('fails for now on a deferral (4xx)', async () => {
    const outcome = await adapter.send(outboundMessage({ to: 'busy@acme.example' }), db);
    expect(outcome).toMatchObject({ status: 'failed', permanent: false });
    expect(outcome.status === 'failed' && outcome.error).toMatch(/451/);
  });

  it('refuses a message without an email address or with a broken template, for good', async () => {
    expect(await adapter.send(outboundMessage({ to: { lines: ['Acme'], country: 'DE' } }), db)).toMatchObject(
      {
        status: 'failed',
        permanent: true,
      },
    );
    expect(await adapter.send(outboundMessage({ template: 'nope' }), db)).toEqual({
      status: 'failed',
      error: 'template "nope": no such template',
      permanent: true,
    });
  });
});

describe('SMTP adapter without a server', () => {
  it('fails for now when the connection is refused', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const adapter = createSmtpAdapter({ url: `smtp://127.0.0.1:${port}` });
    const outcome = await adapter.send(outboundMessage(), db);
    await adapter.close();
    expect(outcome).toMatchObject({ status: 'failed', permanent: false });
    expect(outcome.status === 'failed' && outcome.error).toMatch(/SMTP connection failed/);
  });
});

describe('classifySmtpError', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 no such user', command: 'RCPT TO' }, true],
    [{ code: 'EMESSAGE', responseCode: 552, response: '552 message too large', command: 'DATA' }, true],
    [{ code: 'EENVELOPE', responseCode: 503, response: '503 bad sequence', command: 'RCPT TO' }, false],
    [{ code: 'EENVELOPE', responseCode: 451, response: '451 try later', command: 'RCPT TO' }, false],
    [
      { code: 'EAUTH', responseCode: 535, response: '535 authentication failed', command: 'AUTH PLAIN' },
      false,
    ],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, false],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, false],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, true],
  ])('%o → permanent %s', (error, permanent) => {
    expect(classifySmtpError(error)).toMatchObject({ status: 'failed', permanent });
  });
});

describe('Message-ID', () => {
  it('depends only on the organisation and the idempotency key', () => {
    const a = messageIdFor({ tenant_id: 't1', idempotency_key: 'k1' }, 'example.com');
    expect(a).toMatch(/^<recoup\.[0-9a-f]{40}@example\.com>$/);
    expect(messageIdFor({ tenant_id: 't1', idempotency_key: 'k1' }, 'example.com')).toBe(a);
    expect(messageIdFor({ tenant_id: 't2', idempotency_key: 'k1' }, 'example.com')).not.toBe(a);
    expect(messageIdFor({ tenant_id: 't1', idempotency_key: 'k2' }, 'example.com')).not.toBe(a);
  });

  it('takes its domain from the From address', () => {
    expect(addressDomain('Recoup <no-reply@localhost>')).toBe('localhost');
    expect(addressDomain('credit@Northwind.example')).toBe('northwind.example');
    expect(addressDomain('no address')).toBe('localhost');
  });
});
