import { describe, expect, it } from 'vitest';
import { RecoupError } from './errors.js';
import { feeRuleSchema, lateFee, type FeeRule } from './fees.js';

const rule = (input: unknown): FeeRule => feeRuleSchema.parse(input);
const ukTiers = rule({
  tiers: [{ up_to: '1000.00', fee: '40.00' }, { up_to: '10000.00', fee: '70.00' }, { fee: '100.00' }],
});

describe('late fees', () => {
  it('charges a fixed fee, and nothing when nothing is overdue', () => {
    expect(lateFee(rule({ fixed: '40.00' }), 1n, 'EUR')).toBe(4000n);
    expect(lateFee(rule({ fixed: '40.00' }), 0n, 'EUR')).toBe(0n);
  });

  it('takes a percentage of the overdue balance, rounded once half-up, between min and max', () => {
    const fivePercent = rule({ percent: '5', min: '10.00', max: '100.00' });
    // 5 % of 500.00 = 25.00, inside the bounds
    expect(lateFee(fivePercent, 50000n, 'EUR')).toBe(2500n);
    // 5 % of 50.00 = 2.50 → min 10.00; 5 % of 5,000.00 = 250.00 → max 100.00
    expect(lateFee(fivePercent, 5000n, 'EUR')).toBe(1000n);
    expect(lateFee(fivePercent, 500000n, 'EUR')).toBe(10000n);
    // 1.5 % of 123.45 = 1.85175 → 1.85; 2.5 % of 0.30 = 0.0075 → 0.01 (half-up at the end)
    expect(lateFee(rule({ percent: '1.5' }), 12345n, 'EUR')).toBe(185n);
    expect(lateFee(rule({ percent: '2.5' }), 30n, 'EUR')).toBe(1n);
  });

  it('picks the tier by overdue balance, up_to being exclusive', () => {
    expect(lateFee(ukTiers, 99999n, 'GBP')).toBe(4000n); // 999.99
    expect(lateFee(ukTiers, 100000n, 'GBP')).toBe(7000n); // 1,000.00
    expect(lateFee(ukTiers, 999999n, 'GBP')).toBe(7000n); // 9,999.99
    expect(lateFee(ukTiers, 1000000n, 'GBP')).toBe(10000n); // 10,000.00
  });

  it('reads amounts in the currency: JPY has no decimals, KWD three', () => {
    expect(lateFee(rule({ fixed: '5000' }), 1n, 'JPY')).toBe(5000n);
    expect(lateFee(rule({ percent: '5' }), 12345n, 'JPY')).toBe(617n); // 617.25 yen → 617
    expect(lateFee(rule({ fixed: '12.345' }), 1n, 'KWD')).toBe(12345n);
    expect(lateFee(rule({ percent: '1' }), 1234567n, 'KWD')).toBe(12346n); // 12.34567 → 12.346
  });

  it('refuses an amount with more decimals than the currency has, naming the field', () => {
    expect(() => lateFee(rule({ fixed: '40.50' }), 1n, 'JPY')).toThrow(RecoupError);
    expect(() => lateFee(rule({ fixed: '40.50' }), 1n, 'JPY')).toThrow(/fixed/);
    // a bad tier is refused even when another tier would have been picked
    const bad = rule({ tiers: [{ up_to: '1000', fee: '40' }, { fee: '100.005' }] });
    expect(() => lateFee(bad, 100n, 'EUR')).toThrow(/tiers\[1\]\.fee/);
  });

  it('validates the shape of a rule', () => {
    const fails = (input: unknown) => feeRuleSchema.safeParse(input).success === false;
    expect(fails({ fixed: '-1.00' })).toBe(true);
    expect(fails({ percent: '101' })).toBe(true);
    expect(fails({ percent: '5', min: '100.00', max: '10.00' })).toBe(true);
    expect(fails({ tiers: [] })).toBe(true);
    expect(fails({ tiers: [{ up_to: '1000.00', fee: '40.00' }] })).toBe(true); // no open last tier
    expect(fails({ tiers: [{ up_to: '1000', fee: '40' }, { up_to: '500', fee: '1' }, { fee: '2' }] })).toBe(
      true,
    );
    expect(fails({ fixed: '40.00', percent: '5' })).toBe(true);
    expect(fails({ percent: '100' })).toBe(false);
  });
});
