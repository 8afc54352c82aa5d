import type { RulePack } from './spec.js';

/**
 * Telephone Consumer Protection Act, 47 U.S.C. 227, and the FCC rules at 47 CFR 64.1200 as
 * amended by the revocation rules effective 11 April 2025. Every number is treated as a mobile
 * number, since Recoup cannot know it is not.
 */
export const TCPA_2025_04_11: RulePack = {
  id: 'tcpa',
  version: '2025-04-11',
  title: 'United States: TCPA (automated calls and texts)',
  appliesTo: { country: 'US' },
  rules: [
    {
      kind: 'automated_consent',
      code: 'consent_missing',
      consentFor: { sms: 'sms', phone: 'phone_automated' },
      revokedBy: ['sms', 'phone'],
      source:
        '47 U.S.C. 227(b)(1)(A)(iii), 47 CFR 64.1200(a)(1)(iii): autodialled or prerecorded calls and automated ' +
        'texts to a mobile number need the called party’s prior express consent; a revocation (STOP) by any ' +
        'reasonable means ends it (47 CFR 64.1200(a)(10)); Recoup honours it from its effective instant',
    },
  ],
};
