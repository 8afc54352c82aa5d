/** The compliance module: pure contact rules. See docs/compliance.md. */
export { check } from './check.js';
export type * from './types.js';
export { REASON_CODES, REQUIREMENTS, type ReasonCode } from './codes.js';
export { RULE_PACKS, findRulePack, isRulePackRef, packsFor } from './packs/registry.js';
export type { RulePack, RulePackId, RuleSpec } from './packs/spec.js';
export { b2bSettingsSchema } from './packs/b2b-settings.js';
export {
  assumedReceiptDate,
  validationPeriodEnd,
  validationPeriodEndAt,
} from './calendar/validation-period.js';
export { US_FEDERAL_HOLIDAYS, usFederalHolidays, type Holiday } from './calendar/us-federal-holidays.js';
