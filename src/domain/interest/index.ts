/** Late-payment interest and statutory claims: pure rules over dated rate data. */
export { computeClaim, accruedInterest, type Claim, type ClaimInput } from './claim.js';
export {
  principalHistory,
  balanceOn,
  type BalanceHistory,
  type BalanceStep,
  type Reduction,
} from './history.js';
export { accrue, simpleInterest, type AccruedPeriod, type Accrual, type RateSegment } from './accrue.js';
export { DAY_COUNTS, daysInYear, type DayCount } from './day-count.js';
export { defaultClaimRule, EU_EEA_COUNTRIES, EURO_AREA } from './select-rule.js';
export {
  CLAIM_RULES,
  STATUTORY_RULES,
  type ClaimRuleId,
  type CustomerKind,
  type Note,
  type StatutoryRule,
} from './rules.js';
export type { ContractRate } from './rule-terms.js';
export {
  RATE_SERIES,
  rateOn,
  type RateSeries,
  type RateSourceId,
  type ReferenceRate,
} from './rates/index.js';
