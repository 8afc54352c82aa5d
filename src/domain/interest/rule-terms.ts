import type { CalendarDate } from '../dates.js';
import { RecoupError, invalid } from '../errors.js';
import { lateFee } from '../fees.js';
import type { RateSegment } from './accrue.js';
import { DAY_COUNTS, type DayCount } from './day-count.js';
import { addPoints, formatDecimal, parseDecimal } from './decimal.js';
import { halfYearStarts, previousHalfYearEnd } from './half-years.js';
import { RATE_SERIES, rateOn } from './rates/index.js';
import type { CustomerKind, Note, StatutoryRule } from './rules.js';

/** What a rule makes of one debt: the rates over time, the day count and the fixed compensation. */
export interface RuleTerms {
  dayCount: DayCount;
  /** From `lateFrom`, one segment per rate (the first applies even before the debt is late). */
  segments: RateSegment[];
  compensation: bigint;
  notes: Note[];
}

export interface DebtFacts {
  kind: CustomerKind;
  currency: string;
  /** The day after the due date. */
  lateFrom: CalendarDate;
  through: CalendarDate;
  /** The principal owed when the debt became late (on its due date). */
  debt: bigint;
}

/** `{annual_rate, day_count}` from the organisation's `settings.contract_interest`. */
export interface ContractRate {
  annual_rate: string;
  day_count: DayCount;
}

export function statutoryTerms(rule: StatutoryRule, facts: DebtFacts): RuleTerms {
  const points = facts.kind === 'consumer' ? rule.points.consumer : rule.points.business;
  if (points === null) {
    throw new RecoupError(
      'rejected',
      'rule_not_applicable',
      `rule ${rule.id} (${rule.title}) covers debts between businesses only; this customer is a consumer`,
      [{ path: 'rule', message: `${rule.id} does not apply to a consumer debt` }],
    );
  }
  const series = RATE_SERIES[rule.series];
  const segments =
    rule.referenceDay === 'fixed_when_late'
      ? [{ from: facts.lateFrom, reference: rateOn(series, previousHalfYearEnd(facts.lateFrom)) }]
      : halfYearStarts(facts.lateFrom, facts.through).map((start, index) => ({
          from: index === 0 ? facts.lateFrom : start,
          reference: rateOn(series, start),
        }));
  return {
    dayCount: rule.dayCount,
    segments: segments.map((s) => ({ ...s, percent: addPoints(s.reference.percent, points) })),
    ...compensation(rule, facts),
  };
}

function compensation(rule: StatutoryRule, facts: DebtFacts): { compensation: bigint; notes: Note[] } {
  const none = (code: string, message: string) => ({ compensation: 0n, notes: [{ code, message }] });
  if (facts.through < facts.lateFrom || facts.debt <= 0n) return { compensation: 0n, notes: [] };
  if (facts.kind === 'consumer' && !rule.compensation.consumers) {
    return none('no_compensation_for_consumers', `${rule.id}: the fixed compensation is for businesses only`);
  }
  if (facts.currency !== rule.compensation.currency) {
    return none(
      'compensation_in_other_currency',
      `${rule.id}: the fixed compensation is set in ${rule.compensation.currency} and the invoice is in ` +
        `${facts.currency}; convert it at your rate and charge it as a fee`,
    );
  }
  return { compensation: lateFee(rule.compensation.fee, facts.debt, facts.currency), notes: [] };
}

export function contractTerms(contract: ContractRate | null | undefined, facts: DebtFacts): RuleTerms {
  if (!contract) {
    throw new RecoupError(
      'rejected',
      'no_contract_rate',
      'the contract rule needs the organisation setting contract_interest ({annual_rate, day_count}), which is not set',
      [{ path: 'rule', message: 'no contractual interest rate is set for this organisation' }],
    );
  }
  const path = 'settings.contract_interest';
  const rate = parseDecimal(contract.annual_rate, `${path}.annual_rate`);
  if (rate.digits < 0n) throw invalid(`${path}.annual_rate`, 'must not be negative');
  if (!DAY_COUNTS.includes(contract.day_count)) {
    throw invalid(`${path}.day_count`, `must be one of ${DAY_COUNTS.join(', ')}`);
  }
  return {
    dayCount: contract.day_count,
    segments: [{ from: facts.lateFrom, percent: formatDecimal(rate), reference: null }],
    compensation: 0n,
    notes: [],
  };
}
