import type { RulePack } from './spec.js';

/**
 * Massachusetts, 940 CMR 7.00 (Attorney General's debt collection regulations for creditors),
 * as amended in 2012; text checked as published through Mass. Register 1531 (27 September 2024).
 * It extends the federal pack and applies by itself to consumers in US-MA.
 */
export const US_MA_2024_09_27: RulePack = {
  id: 'us_ma',
  version: '2024-09-27',
  title: 'Massachusetts: 940 CMR 7.00',
  appliesTo: { kind: 'consumer', country: 'US', region: 'MA' },
  extends: 'us_federal_consumer',
  rules: [
    {
      kind: 'contact_cap',
      code: 'ma_telephone_limit',
      // "via telephone, either in person or via text messaging or recorded audio message"
      channels: ['phone', 'sms'],
      counts: { channels: ['phone', 'sms'], excludeOutcomes: ['not_connected'] },
      max: 2,
      days: 7,
      source:
        '940 CMR 7.04(1)(f): no more than two communications via telephone (calls, text messages, recorded ' +
        'audio messages) initiated by the creditor in each seven-day period, for each debt, to the ' +
        'debtor’s residence, cellular or personal number; unanswered calls and calls where no message is ' +
        'left count (Armata v. Target Corp., 480 Mass. 14 (2018)); only calls truly unable to reach the ' +
        'debtor do not (Attorney General’s guidance, 2013). Applied to every 7 consecutive calendar days.',
    },
  ],
};
