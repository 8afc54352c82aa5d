import { z } from 'zod';
import { compareDecimals, parseDecimal } from './interest/decimal.js';
import { divideRounded, parseAmount } from './money.js';
import { percentFraction } from './terms.js';

/**
 * Late-fee rules for strategy steps. Amounts are major-unit decimal strings in the invoice's
 * currency, checked against that currency when the fee is computed (too many decimals is an error).
 * - `{fixed}`: that amount.
 * - `{percent, min?, max?}`: a share of the overdue balance, rounded once half-up, then held
 *   between `min` and `max`.
 * - `{tiers}`: the first tier whose `up_to` is above the overdue balance (`up_to` is exclusive:
 *   "under 1000.00"); the last tier has no `up_to` and takes everything above.
 */
const amount = z.string().regex(/^\d+(\.\d+)?$/, { message: 'must be a decimal amount like "40.00"' });
const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, { message: 'must be a percentage like "5" or "1.5"' })
  .refine((p) => compareDecimals(parseDecimal(p), parseDecimal('100')) <= 0, {
    message: 'must be at most 100',
  });

const below = (a: string, b: string) => compareDecimals(parseDecimal(a), parseDecimal(b)) < 0;

const fixedRule = z.object({ fixed: amount }).strict();

const percentRule = z
  .object({ percent, min: amount.optional(), max: amount.optional() })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || !below(r.max, r.min), {
    message: 'max must not be below min',
    path: ['max'],
  });

const tier = z.object({ up_to: amount.optional(), fee: amount }).strict();

const tiersRule = z
  .object({ tiers: z.array(tier).min(1) })
  .strict()
  .superRefine(({ tiers }, issues) => {
    tiers.forEach((t, index) => {
      const last = index === tiers.length - 1;
      if (last && t.up_to !== undefined) {
        issues.addIssue({
          code: 'custom',
          path: ['tiers', index, 'up_to'],
          message: 'the last tier takes every balance above the others: leave up_to out',
        });
      }
      if (!last && t.up_to === undefined) {
        issues.addIssue({ code: 'custom', path: ['tiers', index, 'up_to'], message: 'is required' });
      }
      const previous = tiers[index - 1]?.up_to;
      if (previous !== undefined && t.up_to !== undefined && !below(previous, t.up_to)) {
        issues.addIssue({
          code: 'custom',
          path: ['tiers', index, 'up_to'],
          message: 'must be above the previous tier',
        });
      }
    });
  });

export const feeRuleSchema = z.union([fixedRule, percentRule, tiersRule]);
export type FeeRule = z.infer<typeof feeRuleSchema>;

/** A fee rule with its amounts in minor units of one currency. */
export type ParsedFeeRule =
  | { fixed: bigint }
  | { percent: string; min?: bigint; max?: bigint }
  | { tiers: { upTo?: bigint; fee: bigint }[] };

/** Reads every amount of a rule in `currency`; more decimals than the currency has is an error. */
export function parseFeeRule(rule: FeeRule, currency: string): ParsedFeeRule {
  if ('fixed' in rule) return { fixed: parseAmount(rule.fixed, currency, 'fixed') };
  if ('percent' in rule) {
    return {
      percent: rule.percent,
      ...(rule.min !== undefined && { min: parseAmount(rule.min, currency, 'min') }),
      ...(rule.max !== undefined && { max: parseAmount(rule.max, currency, 'max') }),
    };
  }
  return {
    tiers: rule.tiers.map((t, index) => ({
      fee: parseAmount(t.fee, currency, `tiers[${index}].fee`),
      ...(t.up_to !== undefined && { upTo: parseAmount(t.up_to, currency, `tiers[${index}].up_to`) }),
    })),
  };
}

/** The fee for an overdue balance, in minor units; nothing overdue, no fee. */
export function lateFee(rule: FeeRule, overdueBalance: bigint, currency: string): bigint {
  const parsed = parseFeeRule(rule, currency);
  if (overdueBalance <= 0n) return 0n;
  if ('fixed' in parsed) return parsed.fixed;
  if ('percent' in parsed) {
    const [numerator, denominator] = percentFraction(parsed.percent);
    let fee = divideRounded(overdueBalance * numerator, denominator);
    if (parsed.min !== undefined && fee < parsed.min) fee = parsed.min;
    if (parsed.max !== undefined && fee > parsed.max) fee = parsed.max;
    return fee;
  }
  const tier = parsed.tiers.find((t) => t.upTo === undefined || overdueBalance < t.upTo);
  if (!tier) throw new RangeError('a tiers rule ends with a tier without up_to'); // the schema sees to it
  return tier.fee;
}
