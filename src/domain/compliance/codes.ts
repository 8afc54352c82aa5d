/**
 * Every reason code `check()` can return, with the sentence shown when no detail is added.
 * Codes are stable: stored on actions, shown to users, documented in docs/compliance.md.
 */
export const REASON_CODES = {
  // Time: a `defer` when a later instant is allowed.
  inconvenient_time: 'Outside 08:00–21:00 local time in one of the consumer’s time zones',
  outside_contact_hours: 'Outside the organisation’s contact hours in one of the customer’s time zones',
  no_convenient_time: 'The contact hours of the customer’s time zones never overlap',
  call_frequency_limit: 'Seven calls about this debt were already placed within seven consecutive days',
  call_after_conversation: 'A telephone conversation about this debt took place within the last seven days',
  ma_telephone_limit:
    'Two telephone or text communications about this debt were already initiated in seven days',
  weekly_cap: 'The weekly cap of contacts on this channel about this debt is reached',
  // State: a `block` until something changes.
  time_zone_unknown: 'The customer has no time zone, so no convenient time can be known',
  time_zone_invalid: 'A time zone of the customer is not a valid IANA name',
  opted_out_channel: 'The customer asked not to be contacted on this channel',
  opted_out_address: 'The customer asked not to be contacted at this address',
  address_required: 'An address of this channel is opted out; the contact must name its address',
  consent_missing: 'No prior express consent for automated contact at this number',
  cease_communication: 'The customer asked to cease communication; only required notices may be sent',
  hold_dispute: 'An invoice of this contact is disputed',
  hold_bankruptcy: 'The customer is in bankruptcy',
  hold_deceased: 'The customer is deceased',
  hold_cease_communication: 'Communication is on hold; only required notices may be sent',
  hold_payment_plan: 'An invoice of this contact is in a payment plan in good standing',
  hold_promise: 'An invoice of this contact has a pending promise to pay',
  hold_placed: 'An invoice of this contact is placed with an agency',
  validation_notice_not_sent: 'The validation notice for this debt has not been sent',
  validation_notice_medium: 'A validation notice must be in writing or electronic',
  dispute_unverified: 'The debt was disputed within the validation period and verification has not been sent',
  no_allowed_time_found: 'No allowed time was found within the search limit',
} as const;

export type ReasonCode = keyof typeof REASON_CODES;

export const REQUIREMENTS = {
  opt_out_notice: 'The message must describe a simple way to opt out of electronic messages (§1006.6(e))',
  no_litigation_threat: 'The debt is time-barred: the message must not sue or threaten to sue (§1006.26(b))',
} as const;
