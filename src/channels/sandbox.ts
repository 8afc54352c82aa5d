import type { Db } from '../store/database.js';
import type { ChannelAdapter } from './adapter.js';
import type { DeliveryOutcome, MessageChannel, OutboundMessage } from './message.js';
import { renderFailure } from './outcome.js';
import { renderMessage, type RenderOptions } from './templates/render.js';
import { statementFor } from './email/statement.js';

/**
 * The built-in mailbox when no provider is configured: it renders the message and reports it
 * sent, without any network. The dispatcher stores the rendered content on the message record,
 * so that record is the sandbox mailbox (readable in the customer's timeline).
 */
export function createSandboxAdapter(channel: MessageChannel, options: RenderOptions = {}): ChannelAdapter {
  return {
    channel,
    name: 'sandbox',
    mode: 'in_transaction',
    async send(message: OutboundMessage, _db: Db): Promise<DeliveryOutcome> {
      try {
        const rendered = await renderMessage(message, options);
        // The statement is laid out, so the timeline shows what an SMTP send would attach.
        const statement = channel === 'email' ? await statementFor(message, options) : null;
        return { status: 'sent', rendered, attachments: statement ? [statement.record] : [] };
      } catch (error) {
        return renderFailure(error);
      }
    },
  };
}
