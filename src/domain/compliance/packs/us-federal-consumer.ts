import type { RulePack } from './spec.js';

/**
 * FDCPA (15 U.S.C. 1692 et seq.) and Regulation F (12 CFR part 1006), effective 30 November
 * 2021. Opt-out requests (§1006.14(h)) and cease-communication requests (§1006.6(c)) are
 * honoured for every customer by the base rules, so they are not repeated here.
 */
export const US_FEDERAL_CONSUMER_2021_11_30: RulePack = {
  id: 'us_federal_consumer',
  version: '2021-11-30',
  title: 'United States consumer debt: FDCPA and Regulation F',
  appliesTo: { kind: 'consumer', country: 'US' },
  rules: [
    {
      kind: 'contact_hours',
      code: 'inconvenient_time',
      // Letters are delivered by the post, not at a time the collector chooses.
      channels: ['phone', 'sms', 'email', 'visit'],
      start: '08:00:00',
      end: '21:00:00',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      source:
        '12 CFR 1006.6(b)(1)(i), FDCPA §805(a)(1): before 8 a.m. or after 9 p.m. local time is inconvenient; ' +
        'when the consumer may be in several time zones the time must be convenient in all of them ' +
        '(official interpretation of §1006.6(b)(1)(i))',
    },
    {
      kind: 'contact_cap',
      code: 'call_frequency_limit',
      channels: ['phone'],
      counts: { channels: ['phone'], excludeOutcomes: ['not_connected'] },
      max: 7,
      days: 7,
      source:
        '12 CFR 1006.14(b)(2)(i)(A): more than seven calls about a particular debt within seven consecutive days ' +
        'is presumed harassment; unanswered calls and voicemails count, calls that do not connect do not ' +
        '(§1006.14(b)(3)); a call about several debts counts for each',
    },
    {
      kind: 'conversation_bar',
      code: 'call_after_conversation',
      channels: ['phone'],
      days: 7,
      source:
        '12 CFR 1006.14(b)(2)(i)(B): no call about a debt within seven consecutive days after a telephone ' +
        'conversation about it, the date of the conversation being the first day; a conversation the consumer ' +
        'started counts too',
    },
    {
      kind: 'validation_notice_first',
      code: 'validation_notice_not_sent',
      source:
        '12 CFR 1006.34(a)(1), FDCPA §809(a): validation information in the initial communication or within ' +
        'five days of it; Recoup sends the notice first',
    },
    {
      kind: 'validation_notice_medium',
      code: 'validation_notice_medium',
      channels: ['letter', 'email', 'sms'],
      source:
        '12 CFR 1006.34(a)(1), 1006.42: validation information is provided in writing or electronically',
    },
    {
      kind: 'dispute_pause',
      code: 'dispute_unverified',
      source:
        'FDCPA §809(b) (15 U.S.C. 1692g(b)), 12 CFR 1006.38(d)(2): a dispute within the validation period stops ' +
        'collection of the debt until verification is sent',
    },
    {
      kind: 'channel_requirement',
      requirement: 'opt_out_notice',
      channels: ['email', 'sms'],
      source: '12 CFR 1006.6(e): electronic messages describe a reasonable and simple way to opt out',
    },
    {
      kind: 'time_barred_requirement',
      requirement: 'no_litigation_threat',
      source: '12 CFR 1006.26(b): no suit or threat of suit on a time-barred debt',
    },
  ],
};
