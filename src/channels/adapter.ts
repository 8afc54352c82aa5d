import type { Db } from '../store/database.js';
import type { DeliveryOutcome, MessageChannel, OutboundMessage } from './message.js';

/**
 * A way to deliver messages of one channel.
 *
 * - `in_transaction` adapters (the sandbox mailbox, the recording adapter) only write to the
 *   database; the dispatcher calls them inside the transaction that marks the action sent, so a
 *   crash can neither lose nor repeat a message.
 * - `external` adapters (SMTP, an SMS provider) talk to the network after the claim has
 *   committed. A crash after the provider accepted but before the outcome is stored means the
 *   message is sent again when its claim expires (at least once); they pass
 *   `idempotency_key` to providers that deduplicate (as a Message-ID for email).
 */
export interface ChannelAdapter {
  readonly channel: MessageChannel;
  /** Shown on each message record, e.g. "sandbox", "smtp", "recording (test adapter)". */
  readonly name: string;
  readonly mode: 'in_transaction' | 'external';
  /** An in-transaction adapter that writes to the database (the dispatcher gives it a savepoint). */
  readonly writesToDatabase?: boolean;
  /** `db` is the dispatcher's transaction for `in_transaction` adapters, else the database. */
  send(message: OutboundMessage, db: Db): Promise<DeliveryOutcome>;
}
