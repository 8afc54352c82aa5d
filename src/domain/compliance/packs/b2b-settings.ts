/**
 * Per-organisation overrides of the `b2b_default` pack: contact hours and weekly caps per
 * channel. The schema is for the app to validate settings when they are saved.
 */
import { z } from 'zod';
import type { B2bSettings, Channel } from '../types.js';
import type { ContactCapSpec, RulePack, RuleSpec } from './spec.js';

const channel = z.enum(['phone', 'email', 'sms', 'letter', 'visit']);
const localTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$|^24:00(?::00)?$/, 'HH:MM or HH:MM:SS');

export const b2bSettingsSchema = z.object({
  contactHours: z
    .object({
      start: localTime.optional(),
      end: localTime.optional(),
      weekdays: z.array(z.number().int().min(1).max(7)).optional(),
      channels: z.array(channel).optional(),
    })
    .optional(),
  weeklyCaps: z.partialRecord(channel, z.number().int().min(0).nullable()).optional(),
});

/** The b2b pack with an organisation's settings applied (the pack itself when there are none). */
export function withB2bSettings(pack: RulePack, settings: B2bSettings | undefined): RulePack {
  if (!settings) return pack;
  const caps = new Map<Channel, ContactCapSpec>();
  const rules: RuleSpec[] = [];
  for (const rule of pack.rules) {
    if (rule.kind === 'contact_hours' && settings.contactHours) {
      const hours = settings.contactHours;
      rules.push({
        ...rule,
        start: hours.start ?? rule.start,
        end: hours.end ?? rule.end,
        weekdays: hours.weekdays ?? rule.weekdays,
        channels: hours.channels ?? rule.channels,
        source: `${rule.source}; organisation settings`,
      });
    } else if (rule.kind === 'contact_cap' && rule.channels.length === 1) {
      caps.set(rule.channels[0] as Channel, rule);
    } else rules.push(rule);
  }
  for (const [ch, max] of Object.entries(settings.weeklyCaps ?? {}) as [Channel, number | null][]) {
    if (max === null) {
      caps.delete(ch);
      continue;
    }
    caps.set(ch, {
      kind: 'contact_cap',
      code: 'weekly_cap',
      channels: [ch],
      counts: { channels: [ch], excludeOutcomes: ch === 'phone' ? ['not_connected'] : [] },
      max,
      days: 7,
      source: `Organisation settings: at most ${max} ${ch} contacts per debt in 7 days`,
    });
  }
  return { ...pack, rules: [...rules, ...caps.values()] };
}
