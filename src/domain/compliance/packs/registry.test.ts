import { describe, expect, it } from 'vitest';
import doc from '../../../../docs/compliance.md?raw';
import { REASON_CODES, REQUIREMENTS } from '../codes.js';
import type { CustomerFacts } from '../types.js';
import { b2bSettingsSchema } from './b2b-settings.js';
import { RULE_PACKS, findRulePack, isRulePackRef, packsFor } from './registry.js';

const customer = (more: Partial<CustomerFacts>): CustomerFacts => ({
  kind: 'consumer',
  country: 'US',
  timeZones: ['America/New_York'],
  ...more,
});
const ids = (refs: string[], c: CustomerFacts) => packsFor(refs, c).map((p) => `${p.id}@${p.version}`);

describe('rule packs', () => {
  it('finds a pack by id (latest) or id@version', () => {
    expect(findRulePack('us_federal_consumer')?.version).toBe('2021-11-30');
    expect(findRulePack('us_federal_consumer@2021-11-30')?.id).toBe('us_federal_consumer');
    expect(isRulePackRef('us_federal_consumer@2019-01-01')).toBe(false);
    expect(isRulePackRef('gdpr')).toBe(false);
    expect(() => packsFor(['gdpr'], customer({}))).toThrow(/Unknown rule pack gdpr/);
  });

  it('chooses the packs that judge a customer', () => {
    const all = ['us_federal_consumer', 'tcpa', 'b2b_default'];
    expect(ids(all, customer({ region: 'MA' }))).toEqual([
      'us_federal_consumer@2021-11-30',
      'us_ma@2024-09-27',
      'tcpa@2025-04-11',
    ]);
    expect(ids(all, customer({ region: 'CA' }))).toEqual([
      'us_federal_consumer@2021-11-30',
      'tcpa@2025-04-11',
    ]);
    expect(ids(all, customer({ kind: 'business', region: 'MA' }))).toEqual([
      'tcpa@2025-04-11',
      'b2b_default@2026-01-01',
    ]);
    expect(ids(all, customer({ kind: 'business', country: 'DE' }))).toEqual(['b2b_default@2026-01-01']);
    expect(ids(all, customer({ country: 'DE' }))).toEqual([]);
    expect(ids(['us_ma'], customer({ region: 'NY' }))).toEqual(['us_federal_consumer@2021-11-30']);
  });

  it('cites a primary source for every rule and uses only documented codes', () => {
    for (const pack of RULE_PACKS) {
      for (const rule of pack.rules) {
        expect(rule.source.length, `${pack.id} ${rule.kind}`).toBeGreaterThan(20);
        if ('code' in rule) expect(Object.keys(REASON_CODES)).toContain(rule.code);
      }
    }
  });

  it('documents every reason code and requirement in docs/compliance.md', () => {
    for (const code of [...Object.keys(REASON_CODES), ...Object.keys(REQUIREMENTS)]) {
      expect(doc, code).toContain(`\`${code}\``);
    }
  });

  it('validates organisation settings', () => {
    expect(b2bSettingsSchema.safeParse({ contactHours: { start: '09:00', end: '24:00' } }).success).toBe(
      true,
    );
    expect(b2bSettingsSchema.safeParse({ contactHours: { start: '9:00' } }).success).toBe(false);
    expect(b2bSettingsSchema.safeParse({ weeklyCaps: { phone: -1 } }).success).toBe(false);
    expect(b2bSettingsSchema.safeParse({ weeklyCaps: { fax: 1 } }).success).toBe(false);
  });
});
