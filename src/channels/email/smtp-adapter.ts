import nodemailer from 'nodemailer';
import type { Db } from '../../store/database.js';
import type { ChannelAdapter } from '../adapter.js';
import type { DeliveryOutcome, OutboundMessage } from '../message.js';
import { failed, renderFailure } from '../outcome.js';
import { renderMessage, type RenderedMessage, type RenderOptions } from '../templates/render.js';
import { linksOf } from '../templates/scope.js';
import { classifySmtpError } from './classify.js';
import { addressDomain, bareAddress, messageIdFor } from './message-id.js';
import { buildMimeMessage, parseMailbox } from './mime.js';
import { statementFor, type StatementFile } from './statement.js';

export const DEFAULT_FROM = 'Recoup <no-reply@localhost>';

export interface SmtpOptions extends RenderOptions {
  /** smtp://user:pass@host:587 or smtps://…:465; pool settings may ride along as query parameters. */
  url: string;
  /** The From header (default `Recoup <no-reply@localhost>`). */
  from?: string;
  replyTo?: string;
  /** The mailbox a List-Unsubscribe mailto goes to (default: Reply-To, else From). */
  unsubscribeMailbox?: string;
  /** Connections the pool keeps open (default 5). */
  maxConnections?: number;
}

export interface SmtpAdapter extends ChannelAdapter {
  /** Closes the pooled connections once the messages in flight are delivered. */
  close(): Promise<void>;
}

/** From and Reply-To: the organisation's own (its settings), else the deployment's. */
export function senderOf(message: OutboundMessage, options: SmtpOptions) {
  return {
    from: message.sender?.from ?? options.from ?? DEFAULT_FROM,
    replyTo: message.sender?.reply_to ?? (message.sender?.from ? undefined : options.replyTo),
  };
}

/**
 * The headers that make a message deduplicable and easy to unsubscribe from: a signed one-click
 * link (RFC 8058: mail providers POST `List-Unsubscribe=One-Click` to it) and a mailto.
 */
export function emailHeaders(message: OutboundMessage, options: SmtpOptions): Record<string, string> {
  const { from, replyTo } = senderOf(message, options);
  const mailbox = bareAddress(
    message.sender ? (replyTo ?? from) : (options.unsubscribeMailbox ?? replyTo ?? from),
  );
  const mailto = `mailto:${mailbox}?subject=${encodeURIComponent(`unsubscribe ${message.customer_id}`)}`;
  return {
    'List-Unsubscribe': `<${linksOf(message, options.publicUrl).unsubscribe}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    // Automatic messages: out-of-office replies should not answer them (RFC 3834).
    'Auto-Submitted': 'auto-generated',
    'X-Recoup-Action': message.id,
  };
}

/**
 * Email over SMTP through a pooled nodemailer transport. Each message gets an HTML and a text
 * part, a PDF statement when it is an overdue or final notice, a Message-ID derived from its
 * idempotency key, and List-Unsubscribe headers.
 */
export function createSmtpAdapter(options: SmtpOptions): SmtpAdapter {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: 1000,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });

  async function deliver(
    message: OutboundMessage,
    rendered: RenderedMessage,
    statement: StatementFile | null,
  ): Promise<DeliveryOutcome> {
    const { from, replyTo } = senderOf(message, options);
    const messageId = messageIdFor(message, addressDomain(from));
    let raw: Buffer;
    let envelope: { from: string; to: string[] };
    try {
      raw = buildMimeMessage({
        from,
        to: message.to as string,
        replyTo,
        subject: rendered.subject ?? '',
        text: rendered.text,
        html: rendered.html,
        messageId,
        date: new Date(),
        headers: emailHeaders(message, options),
        attachments: statement ? [statement] : [],
      });
      envelope = { from: parseMailbox(from).address, to: [parseMailbox(message.to as string).address] };
    } catch (error) {
      return failed(
        `cannot compose the email: ${error instanceof Error ? error.message : String(error)}`,
        true,
      );
    }
    try {
      await transport.sendMail({ envelope, raw });
      return {
        status: 'sent',
        provider_id: messageId,
        rendered,
        attachments: statement ? [statement.record] : [],
      };
    } catch (error) {
      return classifySmtpError(error);
    }
  }

  return {
    channel: 'email',
    name: 'smtp',
    mode: 'external',
    async send(message: OutboundMessage, _db: Db): Promise<DeliveryOutcome> {
      if (typeof message.to !== 'string') {
        return failed(`an email needs an email address, got ${JSON.stringify(message.to)}`, true);
      }
      let rendered: RenderedMessage;
      let statement: StatementFile | null;
      try {
        rendered = await renderMessage(message, options);
        statement = await statementFor(message, options);
      } catch (error) {
        return renderFailure(error);
      }
      return deliver(message, rendered, statement);
    },
    async close() {
      transport.close();
    },
  };
}
