import type { ClaimRuleId, CustomerKind } from './rules.js';

/** EU member states and the EEA states that apply Directive 2011/7/EU (ISO 3166-1 alpha-2). */
export const EU_EEA_COUNTRIES: ReadonlySet<string> = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO'.split(' '),
);

/** Euro-area members (Bulgaria from 1 January 2026): the ECB rate is their reference rate. */
export const EURO_AREA: ReadonlySet<string> = new Set(
  'AT BE BG CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' '),
);

/**
 * The rule a claim uses when none is asked for: UK businesses → the 1998 Act; Germany → § 288 BGB
 * (businesses and consumers); other EU/EEA businesses → the Directive; anyone else → the contract.
 */
export function defaultClaimRule(country: string, kind: CustomerKind): ClaimRuleId {
  if (country === 'GB' && kind === 'business') return 'uk_late_payment';
  if (country === 'DE') return 'de_bgb_288';
  if (EU_EEA_COUNTRIES.has(country) && kind === 'business') return 'eu_late_payment';
  return 'contract';
}
