import { resolveLocale } from '../format/locale.js';
import type { MessageData, OutboundMessage } from '../message.js';

/** What a deployment adds to every message: how to pay, where to unsubscribe, whom to ask. */
export interface SenderOptions {
  /** Base URL of this Recoup server as debtors reach it (default http://localhost:3000). */
  publicUrl?: string;
  /** Shown wherever a message tells the customer how to pay. */
  paymentInstructions?: string;
  /** An address or phone number debtors may contact, shown when set. */
  contactEmail?: string;
  contactPhone?: string;
}

export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';
export const DEFAULT_PAYMENT_INSTRUCTIONS =
  'Please pay by bank transfer to the account shown on the invoice, quoting the invoice number as the payment reference.';

/** Everything a template can read: the message data plus the sender's settings and the labels. */
export interface TemplateScope extends Omit<MessageData, 'fee' | 'promise' | 'plan' | 'payment'> {
  /** Optional data is always present in the scope, as null when absent, so `{% if fee %}` reads it. */
  fee: MessageData['fee'] | null;
  promise: MessageData['promise'] | null;
  plan: MessageData['plan'] | null;
  payment: MessageData['payment'] | null;
  channel: OutboundMessage['channel'];
  /** The language of the template's words (the customer's, or the fallback English). */
  language: string;
  /** The locale figures are formatted in (the customer's language, or `en`). */
  locale: string;
  labels: Record<string, string>;
  sender: {
    payment_instructions: string;
    unsubscribe_url: string;
    portal_url: string;
    contact_email: string | null;
    contact_phone: string | null;
  };
}

export function publicBase(publicUrl: string | undefined): string {
  return (publicUrl ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
}

/**
 * The message's signed links (the dispatcher signs them per customer); a message rendered
 * without them (a preview, a benchmark) gets the bare pages, which ask for a valid link.
 */
export function linksOf(message: OutboundMessage, publicUrl: string | undefined) {
  return (
    message.links ?? {
      unsubscribe: `${publicBase(publicUrl)}/unsubscribe`,
      portal: `${publicBase(publicUrl)}/portal`,
    }
  );
}

export function buildScope(
  message: OutboundMessage,
  templateLanguage: string,
  labels: Record<string, string>,
  options: SenderOptions,
): TemplateScope {
  return {
    ...message.data,
    fee: message.data.fee ?? null,
    promise: message.data.promise ?? null,
    plan: message.data.plan ?? null,
    payment: message.data.payment ?? null,
    channel: message.channel,
    language: templateLanguage,
    locale: resolveLocale(message.language),
    labels,
    sender: {
      payment_instructions: options.paymentInstructions ?? DEFAULT_PAYMENT_INSTRUCTIONS,
      unsubscribe_url: linksOf(message, options.publicUrl).unsubscribe,
      portal_url: linksOf(message, options.publicUrl).portal,
      contact_email: options.contactEmail ?? null,
      contact_phone: options.contactPhone ?? null,
    },
  };
}
