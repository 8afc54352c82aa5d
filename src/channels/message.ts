/**
 * What the run hands to a channel: one outbound message, decided and checked, not yet rendered.
 * The dispatcher loads it from the outbox (the `actions` table) and gives it to the adapter for
 * its channel; templates turn `data` into text at that moment, so a message is rendered once,
 * when it is sent, and its rendered content is stored with the outcome.
 */
export type MessageChannel = 'email' | 'sms' | 'letter';

export interface MoneyFigure {
  /** Decimal string in major units, e.g. "1234.56". */
  amount: string;
  currency: string;
}

export interface MessageItem {
  invoice_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  days_past_due: number;
  balance: MoneyFigure;
}

export interface PostalAddress {
  lines: string[];
  country: string;
}

/** Everything a template may use. Only data: templates never run code. */
export interface MessageData {
  organisation: { name: string; country: string; time_zone: string };
  customer: {
    id: string;
    external_id: string;
    name: string;
    kind: 'business' | 'consumer';
    language: string;
    country: string;
  };
  /** The items the message is about, oldest due first. */
  items: MessageItem[];
  /** Overdue (or, before anything is overdue, open) balance per currency. */
  totals: MoneyFigure[];
  /** A fee this step charged, if any. */
  fee?: MoneyFigure;
  /** The promise a promise confirmation is about (promise_confirmation). */
  promise?: { amount: MoneyFigure; date: string };
  /** The instalments a payment plan confirmation lists (payment_plan_confirmation). */
  plan?: { instalments: { due_date: string; amount: MoneyFigure }[] };
  /** The payment a thank-you is about (thank_you). */
  payment?: { amount: MoneyFigure; received_on: string };
  /** The validation notice's facts (validation_notice, 12 CFR 1006.34). */
  validation?: ValidationFacts;
  /** The calendar date the run decided on, in the customer's time zone. */
  as_of: string;
  step: { strategy: string; key: string; offset_days: number | null; event: string | null };
}

/** What a validation notice must state: the itemization of each debt and the period's end. */
export interface ValidationFacts {
  /** The last day the consumer may dispute (assumed receipt + 30 days). */
  validation_period_end: string;
  /** The day the notice is sent (the period is counted from it). */
  sent_on: string;
  /** The earliest itemization date of the items (each item's transaction date, its issue date). */
  itemization_date: string | null;
  items: {
    invoice_id: string;
    number: string;
    itemization_date: string;
    /** Owed on the itemization date, then what changed since. */
    amount_on_itemization_date: MoneyFigure;
    interest: MoneyFigure;
    fees: MoneyFigure;
    payments: MoneyFigure;
    credits: MoneyFigure;
    current: MoneyFigure;
  }[];
}

export interface OutboundMessage {
  /** The action (outbox row) id. */
  id: string;
  /** Stable across retries: customer, strategy version, step, cycle. Send it to providers that dedupe. */
  idempotency_key: string;
  tenant_id: string;
  customer_id: string;
  channel: MessageChannel;
  /** Email address, E.164 phone number, or postal address. */
  to: string | PostalAddress;
  template: string;
  language: string;
  data: MessageData;
  /** Signed links for this customer, computed by the dispatcher (see src/jobs/message-context.ts). */
  links?: MessageLinks;
  /** The organisation's own version of the template, when it has one; else the default files. */
  template_override?: TemplateOverride;
  /** The organisation's own From and Reply-To (organisation settings); else the deployment's. */
  sender?: { from?: string; reply_to?: string };
}

export interface MessageLinks {
  /** One-click unsubscribe (RFC 8058): GET shows a confirmation page, POST opts out. */
  unsubscribe: string;
  /** The debtor portal, signed in by the link. */
  portal: string;
}

/**
 * An organisation's template, stored in the database (table `templates`). Email: `subject`,
 * `body` (the text part) and `html` (none: the text, escaped, in the default layout); SMS: `body`;
 * letter: `subject` and `body` (the paragraphs before the table of items).
 */
export interface TemplateOverride {
  version: number;
  language: string;
  subject?: string | null;
  body: string;
  html?: string | null;
}

/** A file that went with a message (a PDF statement of open items). */
export interface MessageAttachment {
  name: string;
  content_type: string;
  size: number;
}

export type DeliveryOutcome =
  | {
      status: 'sent';
      provider_id?: string;
      rendered?: { subject?: string; text: string; html?: string };
      attachments?: MessageAttachment[];
    }
  /**
   * `permanent`: retrying cannot help (bad address, refused by the provider); no more attempts.
   * `invalid_address`: the address itself does not exist (an unknown mailbox, not a phone
   * number): the dispatcher marks it invalid, so the next run uses another channel.
   */
  | { status: 'failed'; error: string; permanent: boolean; invalid_address?: boolean };
