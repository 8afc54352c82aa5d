import type { Db } from '../store/database.js';
import type { ChannelAdapter } from './adapter.js';
import type { DeliveryOutcome, MessageChannel, OutboundMessage } from './message.js';
import { describeRecipient } from './outcome.js';

/** A test/placeholder adapter: it keeps the messages it was given and delivers nothing. */
export interface RecordingAdapter extends ChannelAdapter {
  /** Every message handed to `send`, in order. */
  readonly sent: OutboundMessage[];
}

/** "email to ap@acme.example: overdue_notice (en), 2 items, EUR 1234.56 + USD 300.00" */
export function summarise(message: OutboundMessage): string {
  const items = message.data.items.length;
  const totals = message.data.totals.map((total) => `${total.currency} ${total.amount}`).join(' + ');
  return (
    `${message.channel} to ${describeRecipient(message.to)}: ${message.template} (${message.language}), ` +
    `${items} item${items === 1 ? '' : 's'}${totals ? `, ${totals}` : ''}`
  );
}

/**
 * TEST/PLACEHOLDER ADAPTER: records what would have been sent, renders nothing and delivers
 * nothing. Its outcome's text is a one-line summary. For tests and for trying a strategy without
 * contacting anyone; the message records it leaves say "recording (no delivery)".
 */
export function createRecordingAdapter(channel: MessageChannel): RecordingAdapter {
  const sent: OutboundMessage[] = [];
  return {
    channel,
    name: 'recording (no delivery)',
    mode: 'in_transaction',
    sent,
    async send(message: OutboundMessage, _db: Db): Promise<DeliveryOutcome> {
      sent.push(message);
      return { status: 'sent', rendered: { text: summarise(message) } };
    },
  };
}
