/**
 * The shapes `check()` reads and returns. Instants are epoch milliseconds (UTC): plain numbers
 * keep a check free of Date objects; callers convert at the edge (`Date.parse`, `getTime()`).
 */
import type { CalendarDate } from '../dates.js';

/** Epoch milliseconds, UTC. */
export type Instant = number;

export type Channel = 'phone' | 'email' | 'sms' | 'letter' | 'visit';

/**
 * - `collection`: any message asking for payment (the default).
 * - `validation_notice`: the notice of §1006.34 itself.
 * - `required_notice`: a notice the law lets through a cease-communication request
 *   (§1006.6(c)(2): collection ends, or a specified remedy may or will be invoked).
 */
export type Purpose = 'collection' | 'validation_notice' | 'required_notice';

export interface ProposedContact {
  channel: Channel;
  at: Instant;
  /** Email address or phone number the contact goes to; needed to honour per-address opt-outs and consents. */
  address?: string;
  /** Autodialled call or automated text. SMS counts as automated unless this is `false`. */
  automated?: boolean;
  /** The debts (invoice ids) the contact is about. Empty: treated as about every debt in the history. */
  invoiceIds: readonly string[];
  purpose?: Purpose;
}

export type CustomerKind = 'business' | 'consumer';

export interface CustomerFacts {
  kind: CustomerKind;
  /** ISO 3166-1 alpha-2, e.g. `US`. */
  country: string;
  /** ISO 3166-2 subdivision without the country prefix, e.g. `MA`. */
  region?: string;
  /** IANA names (address, phone area, stated...). All must be convenient; the first one counts calendar days. */
  timeZones: readonly string[];
}

/** A request not to use a channel (no address) or one address of it, from `effectiveAt` (until `endedAt`). */
export interface OptOut {
  channel: Channel;
  address?: string;
  effectiveAt: Instant;
  endedAt?: Instant;
}

export type ConsentKind = 'sms' | 'phone_automated';

/** Prior express consent (TCPA) for automated texts or calls to one number. */
export interface Consent {
  channel: ConsentKind;
  address: string;
  effectiveAt: Instant;
  revokedAt?: Instant;
}

export type HoldReason =
  'dispute' | 'bankruptcy' | 'deceased' | 'cease_communication' | 'payment_plan' | 'promise' | 'placed';

/** A hold on some invoices, or (no ids / empty) on the whole customer. */
export interface Hold {
  reason: HoldReason;
  invoiceIds?: readonly string[];
}

export type CallOutcome = 'no_answer' | 'voicemail' | 'conversation' | 'wrong_number' | 'not_connected';

export interface PastContact {
  channel: Channel | 'portal';
  direction: 'inbound' | 'outbound';
  at: Instant;
  /** For calls. A call without an outcome counts as placed. */
  outcome?: CallOutcome;
  /** Empty: about every debt. */
  invoiceIds: readonly string[];
}

export interface DisputeState {
  receivedAt: Instant;
  /** When verification (FDCPA §809(b)) was mailed; absent while not sent. */
  verificationSentAt?: Instant;
}

/** What the federal pack needs to know about one debt (invoice). */
export interface DebtState {
  validationNoticeSentAt?: Instant;
  /** The validation period end date printed on the notice; computed from the send date when absent. */
  validationPeriodEnd?: CalendarDate;
  /** Written disputes; those received by the end of the validation period pause collection. */
  disputes?: readonly DisputeState[];
  /** Past the statute of limitations (§1006.26). */
  timeBarred?: boolean;
}

/** Per-organisation settings of the `b2b_default` pack; every field is optional. */
export interface B2bSettings {
  contactHours?: {
    /** Local time `HH:MM` or `HH:MM:SS`, start included. */
    start?: string;
    /** Local time, end excluded; `24:00` for the end of the day. */
    end?: string;
    /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
    weekdays?: readonly number[];
    channels?: readonly Channel[];
  };
  /** At most this many outbound contacts per debt in 7 calendar days, per channel. `null` removes a default cap. */
  weeklyCaps?: Partial<Record<Channel, number | null>>;
}

export interface ComplianceContext {
  customer: CustomerFacts;
  /** Rule packs in force for the organisation: `id` (latest version) or `id@version`. */
  rulePacks: readonly string[];
  b2bSettings?: B2bSettings;
  optOuts?: readonly OptOut[];
  consents?: readonly Consent[];
  /** Cease-communication request (§1006.6(c)), effective from this instant. */
  ceaseCommunicationAt?: Instant;
  holds?: readonly Hold[];
  /** Contacts about the customer's debts; entries after the proposed instant are ignored at that instant. */
  history?: readonly PastContact[];
  /** Per invoice id. A debt missing here has had no validation notice. */
  debts?: Readonly<Record<string, DebtState>>;
}

export interface Reason {
  code: string;
  message: string;
}

/** Something a message must carry to be compliant (it does not stop the contact). */
export type Requirement = 'opt_out_notice' | 'no_litigation_threat';

export interface Decision {
  decision: 'allow' | 'defer' | 'block';
  /** Empty on allow; on defer and block, every rule failing at the proposed instant. */
  reasons: Reason[];
  /** On defer only: the earliest instant at which `check()` allows the same contact and context. */
  next_allowed_at?: Instant;
  /** The packs that judged this contact, `id@version`. */
  rule_pack_versions: readonly string[];
  requires: Requirement[];
}
