import type { FeeRule } from '../fees.js';
import type { DayCount } from './day-count.js';
import type { RateSourceId } from './rates/index.js';

export const CLAIM_RULES = ['uk_late_payment', 'eu_late_payment', 'de_bgb_288', 'contract'] as const;
export type ClaimRuleId = (typeof CLAIM_RULES)[number];
export type StatutoryRuleId = Exclude<ClaimRuleId, 'contract'>;
export type CustomerKind = 'business' | 'consumer';

/** Something the reader of a claim should know: a rate taken beyond its data, no compensation, … */
export interface Note {
  code: string;
  message: string;
}

/**
 * A statutory late-payment regime as data. `referenceDay`:
 * - `fixed_when_late`: the reference rate on the last day of the half-year before the debt became
 *   late (31 December or 30 June), fixed for the life of the debt;
 * - `each_half_year`: the reference rate on 1 January / 1 July applies to that half-year.
 */
export interface StatutoryRule {
  id: StatutoryRuleId;
  title: string;
  sources: readonly string[];
  series: RateSourceId;
  /** Points over the reference rate; null when the regime does not cover that kind of debtor. */
  points: { business: string; consumer: string | null };
  referenceDay: 'fixed_when_late' | 'each_half_year';
  dayCount: DayCount;
  /** Fixed recovery costs per invoice, in `currency`, by the principal owed when it became late. */
  compensation: { currency: string; fee: FeeRule; consumers: boolean };
}

export const UK_LATE_PAYMENT: StatutoryRule = {
  id: 'uk_late_payment',
  title: 'Late Payment of Commercial Debts (Interest) Act 1998',
  sources: [
    'Late Payment of Commercial Debts (Interest) Act 1998, ss. 1, 4, 5A — https://www.legislation.gov.uk/ukpga/1998/20',
    'Late Payment of Commercial Debts (Rate of Interest) (No. 3) Order 2002, SI 2002/1675 — https://www.legislation.gov.uk/uksi/2002/1675',
  ],
  series: 'boe_bank_rate',
  points: { business: '8', consumer: null },
  referenceDay: 'fixed_when_late',
  dayCount: 'ACT/365',
  compensation: {
    currency: 'GBP',
    fee: {
      tiers: [{ up_to: '1000.00', fee: '40.00' }, { up_to: '10000.00', fee: '70.00' }, { fee: '100.00' }],
    },
    consumers: false,
  },
};

export const EU_LATE_PAYMENT: StatutoryRule = {
  id: 'eu_late_payment',
  title: 'Directive 2011/7/EU on combating late payment in commercial transactions',
  sources: [
    'Directive 2011/7/EU, Art. 2(5)–(7) (statutory interest = reference rate + at least 8 points; reference rate of the first calendar day of each half-year), Art. 6 (at least EUR 40) — https://eur-lex.europa.eu/eli/dir/2011/7/oj',
  ],
  series: 'ecb_mro',
  points: { business: '8', consumer: null },
  referenceDay: 'each_half_year',
  dayCount: 'ACT/365',
  compensation: { currency: 'EUR', fee: { fixed: '40.00' }, consumers: false },
};

export const DE_BGB_288: StatutoryRule = {
  id: 'de_bgb_288',
  title: '§ 288 BGB Verzugszinsen',
  sources: [
    '§ 288 Abs. 1, 2, 5 BGB — https://www.gesetze-im-internet.de/bgb/__288.html',
    '§ 247 BGB (Basiszinssatz) — https://www.gesetze-im-internet.de/bgb/__247.html',
  ],
  series: 'de_basiszinssatz',
  points: { business: '9', consumer: '5' },
  referenceDay: 'each_half_year',
  dayCount: 'ACT/365',
  compensation: { currency: 'EUR', fee: { fixed: '40.00' }, consumers: false },
};

export const STATUTORY_RULES: Readonly<Record<StatutoryRuleId, StatutoryRule>> = {
  uk_late_payment: UK_LATE_PAYMENT,
  eu_late_payment: EU_LATE_PAYMENT,
  de_bgb_288: DE_BGB_288,
};
