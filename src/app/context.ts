import { uuidv7 } from 'uuidv7';
import { localDate, type CalendarDate } from '../domain/dates.js';
import { DEFAULT_POLICY, type AllocationPolicy } from '../domain/ledger/allocate.js';
import type { Db } from '../store/database.js';

/** The one way use cases learn the time, so tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  return { now: () => at };
}

export type Role = 'admin' | 'manager' | 'collector' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'manager', 'collector', 'viewer'];

export interface OrganisationSettings {
  allocation: AllocationPolicy;
  /** Local time (HH:MM, organisation time zone) of the daily run. */
  daily_run_at: string;
  /** Days after a promise's or an instalment's date before it counts as broken or missed. */
  grace_days: number;
  /** Missed instalments after which a payment plan is in default. */
  plan_default_after: number;
  /** Contractual late interest, used by the `contract` claim rule and `interest` steps without a rule. */
  contract_interest: { annual_rate: string; day_count: 'ACT/365' | 'ACT/360' } | null;
  /** Where debtors pay by bank transfer (portal, EPC QR code); null: the portal offers no transfer details. */
  bank_account: { iban: string; bic?: string; account_name: string } | null;
  /** Payment plans: where an uneven split's remainder goes, and the limits of plans the portal may offer. */
  payment_plans: PaymentPlanSettings;
  /** The organisation's own email sender ("Name <address>") and Reply-To; absent: RECOUP_SMTP_FROM / _REPLY_TO. */
  email_from?: string | null;
  email_reply_to?: string | null;
}

export interface PaymentPlanSettings {
  remainder_on: 'first' | 'last';
  max_instalments: number;
  /** Days from the agreement to the last instalment. */
  max_duration_days: number;
  /** Smallest instalment per currency (decimal strings); a currency not listed has no minimum. */
  min_instalment: { amount: string; currency: string }[];
}

export const DEFAULT_SETTINGS: OrganisationSettings = {
  allocation: DEFAULT_POLICY,
  daily_run_at: '06:00',
  grace_days: 3,
  plan_default_after: 2,
  contract_interest: null,
  bank_account: null,
  payment_plans: { remainder_on: 'last', max_instalments: 12, max_duration_days: 365, min_instalment: [] },
};

/** Everything a use case needs: the database, whose data it is, and the time. */
export interface Ctx {
  db: Db;
  tenantId: string;
  timeZone: string;
  settings: OrganisationSettings;
  clock: Clock;
  /** Who acts, for the audit log: `api_key:<id>`, `system:run`, `cli`, `portal:<customer id>`. Default `system`. */
  actor?: string;
}

/** Today in the organisation's time zone: the default for dates a request leaves out. */
export function today(ctx: Ctx): CalendarDate {
  return localDate(ctx.clock.now(), ctx.timeZone);
}

export function newId(): string {
  return uuidv7();
}
