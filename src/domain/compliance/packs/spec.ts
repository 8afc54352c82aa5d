/**
 * Rule packs are data: versioned lists of rule specifications with the citation each one
 * encodes. The engine (../engine) turns a specification into a compiled rule.
 */
import type { CallOutcome, Channel, ConsentKind, CustomerKind, Requirement } from '../types.js';
import type { ReasonCode } from '../codes.js';

export type RulePackId = 'us_federal_consumer' | 'us_ma' | 'tcpa' | 'b2b_default';

interface Cited {
  /** The primary source the rule encodes, with section numbers. */
  source: string;
}

/** Contact only inside local hours on some weekdays, in every time zone of the customer. */
export interface ContactHoursSpec extends Cited {
  kind: 'contact_hours';
  code: ReasonCode;
  channels: readonly Channel[];
  /** Local time `HH:MM[:SS]`, included. */
  start: string;
  /** Local time `HH:MM[:SS]`, excluded (`24:00` = end of day). */
  end: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  weekdays: readonly number[];
}

/**
 * At most `max` contacts per debt in any `days` consecutive local calendar days (first time
 * zone; the day of the contact is day 1): a proposed contact on `channels` is refused when
 * `max` counted contacts already fall in the window ending on its day.
 */
export interface ContactCapSpec extends Cited {
  kind: 'contact_cap';
  code: ReasonCode;
  channels: readonly Channel[];
  /** Which past contacts count: outbound, on these channels, without these outcomes. */
  counts: { channels: readonly Channel[]; excludeOutcomes: readonly CallOutcome[] };
  max: number;
  days: number;
}

/** No call about a debt for `days` local calendar days from a telephone conversation about it (day 1). */
export interface ConversationBarSpec extends Cited {
  kind: 'conversation_bar';
  code: ReasonCode;
  channels: readonly Channel[];
  days: number;
}

/** Collection contacts about a debt wait until its validation notice has been sent. */
export interface ValidationNoticeFirstSpec extends Cited {
  kind: 'validation_notice_first';
  code: ReasonCode;
}

/** A validation notice goes only by these media. */
export interface ValidationNoticeMediumSpec extends Cited {
  kind: 'validation_notice_medium';
  code: ReasonCode;
  channels: readonly Channel[];
}

/** A dispute received within the validation period stops collection until verification is sent. */
export interface DisputePauseSpec extends Cited {
  kind: 'dispute_pause';
  code: ReasonCode;
}

/** Automated contact needs prior express consent for the number. */
export interface AutomatedConsentSpec extends Cited {
  kind: 'automated_consent';
  code: ReasonCode;
  consentFor: Partial<Record<Channel, ConsentKind>>;
  /** Opt-outs on these channels withdraw the consent for the same number (or all numbers). */
  revokedBy: readonly Channel[];
}

/** Messages on these channels must carry `requirement`. */
export interface ChannelRequirementSpec extends Cited {
  kind: 'channel_requirement';
  requirement: Requirement;
  channels: readonly Channel[];
}

/** Messages about a time-barred debt must carry `requirement`. */
export interface TimeBarredSpec extends Cited {
  kind: 'time_barred_requirement';
  requirement: Requirement;
}

export type RuleSpec =
  | ContactHoursSpec
  | ContactCapSpec
  | ConversationBarSpec
  | ValidationNoticeFirstSpec
  | ValidationNoticeMediumSpec
  | DisputePauseSpec
  | AutomatedConsentSpec
  | ChannelRequirementSpec
  | TimeBarredSpec;

export interface RulePack {
  id: RulePackId;
  /** The date of the law (or policy) the pack encodes. */
  version: string;
  title: string;
  /** Which customers the pack judges. */
  appliesTo: { kind?: CustomerKind; country?: string; region?: string };
  /** A state pack adds its rules to a base pack, and applies by itself wherever the base does. */
  extends?: RulePackId;
  rules: readonly RuleSpec[];
}
