import { addDays, type CalendarDate } from '../dates.js';
import { accrue, type AccruedPeriod } from './accrue.js';
import type { DayCount } from './day-count.js';
import { balanceOn, type BalanceHistory } from './history.js';
import { RATE_SERIES, type ReferenceRate } from './rates/index.js';
import { contractTerms, statutoryTerms, type ContractRate, type RuleTerms } from './rule-terms.js';
import { STATUTORY_RULES, type ClaimRuleId, type CustomerKind, type Note } from './rules.js';
import { EURO_AREA } from './select-rule.js';

export interface ClaimInput {
  rule: ClaimRuleId;
  customerKind: CustomerKind;
  /** ISO 3166-1; only used to warn when the Directive's reference rate is not the ECB's. */
  customerCountry?: string;
  currency: string;
  dueDate: CalendarDate;
  asOf: CalendarDate;
  /** The invoice's principal balance day by day (see principalHistory). */
  history: BalanceHistory;
  /** The organisation's `settings.contract_interest`, for the `contract` rule. */
  contract?: ContractRate | null;
}

export interface Claim {
  rule: ClaimRuleId;
  asOf: CalendarDate;
  currency: string;
  /** Principal still owed on `asOf`. */
  principal: bigint;
  interest: {
    /** The rate in force on `asOf` (before the debt is late: the rate it will start at). */
    percent: string;
    reference: ReferenceRate | null;
    dayCount: DayCount;
    days: number;
    amount: bigint;
    periods: AccruedPeriod[];
  };
  compensation: bigint;
  total: bigint;
  notes: Note[];
}

/**
 * What may be claimed on an invoice on `asOf`: the principal still owed, simple interest on each
 * day's principal from the day after the due date through `asOf` (computed exactly, rounded once),
 * and the rule's fixed compensation. A paid invoice keeps the interest that ran until payment.
 */
export function computeClaim(input: ClaimInput): Claim {
  const lateFrom = addDays(input.dueDate, 1);
  const facts = {
    kind: input.customerKind,
    currency: input.currency,
    lateFrom,
    through: input.asOf,
    debt: balanceOn(input.history, input.dueDate),
  };
  const terms: RuleTerms =
    input.rule === 'contract'
      ? contractTerms(input.contract, facts)
      : statutoryTerms(STATUTORY_RULES[input.rule], facts);
  const accrual = accrue({
    history: input.history,
    segments: terms.segments,
    from: lateFrom,
    through: input.asOf,
    dayCount: terms.dayCount,
  });
  const current = terms.segments[terms.segments.length - 1]!;
  const principal = balanceOn(input.history, input.asOf);
  return {
    rule: input.rule,
    asOf: input.asOf,
    currency: input.currency,
    principal,
    interest: {
      percent: current.percent,
      reference: current.reference,
      dayCount: terms.dayCount,
      days: accrual.days,
      amount: accrual.amount,
      periods: accrual.periods,
    },
    compensation: terms.compensation,
    total: principal + accrual.amount + terms.compensation,
    notes: [...terms.notes, ...rateNotes(terms), ...countryNotes(input)],
  };
}

/**
 * The interest accrued on an invoice through `asOf`, in minor units: what an `interest` step
 * charges, less what earlier runs already charged.
 */
export function accruedInterest(input: ClaimInput): bigint {
  return computeClaim(input).interest.amount;
}

function rateNotes(terms: RuleTerms): Note[] {
  const seen = new Set<string>();
  return terms.segments.flatMap(({ reference }) => {
    if (!reference?.beyondData || seen.has(reference.on)) return [];
    seen.add(reference.on);
    const series = RATE_SERIES[reference.source];
    return [
      {
        code: 'rate_beyond_data',
        message:
          `${series.name} is known through ${series.knownThrough}; for ${reference.on} the last known rate, ` +
          `${reference.percent} % (since ${reference.since}), was used`,
      },
    ];
  });
}

function countryNotes(input: ClaimInput): Note[] {
  const country = input.customerCountry;
  if (input.rule !== 'eu_late_payment' || country === undefined || EURO_AREA.has(country)) return [];
  return [
    {
      code: 'reference_rate_not_national',
      message:
        `${country} is not in the euro area: the Directive's reference rate there is its central bank's; ` +
        'this claim uses the ECB rate',
    },
  ];
}
