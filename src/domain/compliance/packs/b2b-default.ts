import type { RulePack } from './spec.js';

/**
 * Business debt has few contact restrictions in law; these are good manners, each
 * configurable per organisation (B2bSettings).
 */
export const B2B_DEFAULT_2026_01_01: RulePack = {
  id: 'b2b_default',
  version: '2026-01-01',
  title: 'Business customers: contact hours and weekly caps',
  appliesTo: { kind: 'business' },
  rules: [
    {
      kind: 'contact_hours',
      code: 'outside_contact_hours',
      channels: ['phone', 'sms', 'email', 'visit'],
      start: '08:00',
      end: '18:00',
      weekdays: [1, 2, 3, 4, 5],
      source:
        'Recoup policy (DOMAIN.md, contact rules): Monday to Friday 08:00–18:00 in every customer time zone',
    },
    {
      kind: 'contact_cap',
      code: 'weekly_cap',
      channels: ['phone'],
      counts: { channels: ['phone'], excludeOutcomes: ['not_connected'] },
      max: 3,
      days: 7,
      source: 'Recoup policy (DOMAIN.md, contact rules): at most 3 calls per debt in 7 days',
    },
  ],
};
