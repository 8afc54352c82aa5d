import { describe, expect, it } from 'vitest';
import { RecoupError } from '../errors.js';
import { accruedInterest, computeClaim, type ClaimInput } from './claim.js';
import { principalHistory } from './history.js';
import { defaultClaimRule } from './select-rule.js';

/** An invoice of `total` minor units issued on 2020-01-01 (before every due date below). */
function claim(
  overrides: Partial<ClaimInput> & { total?: bigint; payments?: { on: string; amount: bigint }[] },
) {
  const { total = 1_000_000n, payments = [], ...rest } = overrides;
  return computeClaim({
    rule: 'uk_late_payment',
    customerKind: 'business',
    currency: 'GBP',
    dueDate: '2024-03-31',
    asOf: '2024-06-30',
    history: principalHistory(total, '2020-01-01', payments),
    ...rest,
  });
}

const periods = (c: ReturnType<typeof claim>) =>
  c.interest.periods.map((p) => [p.from, p.to, p.days, p.percent, p.amount]);

function refusal(run: () => unknown): RecoupError {
  try {
    run();
  } catch (error) {
    if (error instanceof RecoupError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('UK Late Payment of Commercial Debts (Interest) Act 1998', () => {
  it('£10,000 due 2024-03-31: late in H1 2024, base rate on 31 Dec 2023 5.25 % + 8 = 13.25 %', () => {
    const c = claim({});
    // 2024-04-01 … 2024-06-30 = 91 days: 10,000 × 0.1325 × 91 / 365 = 330.342… → £330.34;
    // compensation £100 (a debt of £10,000 or more); total 10,000 + 330.34 + 100 = £10,430.34
    expect(c.interest).toMatchObject({ percent: '13.25', days: 91, amount: 33034n, dayCount: 'ACT/365' });
    expect(c.interest.reference).toMatchObject({
      source: 'boe_bank_rate',
      on: '2023-12-31',
      percent: '5.25',
    });
    expect(c.compensation).toBe(10000n);
    expect(c.total).toBe(1_043_034n);
    expect(c.notes).toEqual([]);
  });

  it('keeps the rate fixed for the life of the debt although base rate falls', () => {
    // due 2024-06-30 → late 2024-07-01 (H2) → base rate on 30 June 2024 = 5.25 % (cut to 5 % on 1 August)
    const c = claim({ dueDate: '2024-06-30', asOf: '2025-03-31' });
    // 2024-07-01 … 2025-03-31 = 274 days at 13.25 %: 10,000 × 0.1325 × 274 / 365 = 994.657… → £994.66
    expect(periods(c)).toEqual([['2024-07-01', '2025-03-31', 274, '13.25', 99466n]]);
  });

  it('reads 31 December for debts late in January to June', () => {
    // due 2024-12-31 → late 2025-01-01 → base rate on 31 Dec 2024 = 4.75 % → 12.75 %
    expect(claim({ dueDate: '2024-12-31', asOf: '2025-01-31' }).interest.percent).toBe('12.75');
    // due 2023-06-29 → late 2023-06-30 (H1) → base rate on 31 Dec 2022 = 3.50 % → 11.50 %
    expect(claim({ dueDate: '2023-06-29', asOf: '2023-07-31' }).interest.percent).toBe('11.50');
  });

  it('charges on the balance of each day: a part payment reduces it from its date', () => {
    // £4,000 paid 2024-05-01: (10,000 × 30 + 6,000 × 61) × 0.1325 / 365 = 241.767… → £241.77.
    // Compensation stays £100: it follows the debt when it became late, not the balance today.
    const c = claim({ payments: [{ on: '2024-05-01', amount: 400_000n }] });
    expect(periods(c)).toEqual([
      ['2024-04-01', '2024-04-30', 30, '13.25', 10890n],
      ['2024-05-01', '2024-06-30', 61, '13.25', 13287n],
    ]);
    expect(c.interest.amount).toBe(24177n);
    expect(c.principal).toBe(600_000n);
    expect(c.total).toBe(600_000n + 24177n + 10000n);
  });

  it('keeps the interest that ran until a paid invoice was paid', () => {
    // paid in full on 2024-04-30: 29 late days × 10,000 × 0.1325 / 365 = 105.274 → £105.27
    const c = claim({ payments: [{ on: '2024-04-30', amount: 1_000_000n }], asOf: '2024-12-31' });
    expect(c).toMatchObject({ principal: 0n, compensation: 10000n, total: 10527n + 10000n });
    expect(c.interest).toMatchObject({ days: 29, amount: 10527n });
  });

  it('picks the compensation band from the debt: £40 under £1,000, £70 to £9,999.99, £100 above', () => {
    expect(claim({ total: 99_999n }).compensation).toBe(4000n);
    expect(claim({ total: 100_000n }).compensation).toBe(7000n);
    expect(claim({ total: 999_999n }).compensation).toBe(7000n);
    expect(claim({ total: 1_000_000n }).compensation).toBe(10000n);
  });

  it('has no interest or compensation before the debt is late, but shows the rate it will take', () => {
    const c = claim({ asOf: '2024-03-31' });
    expect(c.interest).toMatchObject({ percent: '13.25', days: 0, amount: 0n, periods: [] });
    expect(c).toMatchObject({ compensation: 0n, total: 1_000_000n });
  });

  it('does not cover consumers: refused, naming the rule parameter', () => {
    const error = refusal(() => claim({ customerKind: 'consumer' }));
    expect(error).toMatchObject({ kind: 'rejected', code: 'rule_not_applicable' });
    expect(error.details[0]?.path).toBe('rule');
  });

  it('leaves out the sterling compensation on an invoice in another currency, with a note', () => {
    const c = claim({ currency: 'EUR' });
    expect(c.compensation).toBe(0n);
    expect(c.notes.map((n) => n.code)).toEqual(['compensation_in_other_currency']);
  });

  it('refuses a debt older than the rate data', () => {
    expect(refusal(() => claim({ dueDate: '2005-01-31' })).code).toBe('no_rate_data');
  });

  it('uses the last known base rate past the data and says which', () => {
    const c = claim({ dueDate: '2031-01-31', asOf: '2031-02-28' });
    expect(c.interest.reference).toMatchObject({ on: '2030-12-31', percent: '3.75', beyondData: true });
    expect(c.notes.map((n) => n.code)).toEqual(['rate_beyond_data']);
    expect(c.notes[0]?.message).toMatch(/known through 2026-03-19/);
  });
});

describe('EU Late Payment Directive 2011/7/EU', () => {
  it('takes the ECB rate of each half-year’s first day + 8 points, and €40', () => {
    // EUR 10,000 due 2024-05-31, as of 2024-08-31. ECB MRO on 1 Jan 2024 4.50 % → 12.50 %;
    // on 1 Jul 2024 4.25 % → 12.25 %.
    // 2024-06-01…06-30: 30 days × 10,000 × 0.125 / 365 = 102.7397 → 102.74
    // 2024-07-01…08-31: 62 days × 10,000 × 0.1225 / 365 = 208.0822; total 310.8219 → 310.82, so 208.08
    const c = claim({
      rule: 'eu_late_payment',
      currency: 'EUR',
      dueDate: '2024-05-31',
      asOf: '2024-08-31',
      customerCountry: 'FR',
    });
    expect(periods(c)).toEqual([
      ['2024-06-01', '2024-06-30', 30, '12.50', 10274n],
      ['2024-07-01', '2024-08-31', 62, '12.25', 20808n],
    ]);
    expect(c.interest).toMatchObject({ amount: 31082n, percent: '12.25', days: 92 });
    expect(c.interest.periods[1]?.reference).toMatchObject({ source: 'ecb_mro', on: '2024-07-01' });
    expect(c.compensation).toBe(4000n);
    expect(c.notes).toEqual([]);
  });

  it('notes that a non-euro member state has its own reference rate', () => {
    const c = claim({ rule: 'eu_late_payment', currency: 'EUR', customerCountry: 'PL' });
    expect(c.notes.map((n) => n.code)).toEqual(['reference_rate_not_national']);
  });

  it('does not cover consumers', () => {
    expect(refusal(() => claim({ rule: 'eu_late_payment', customerKind: 'consumer' })).code).toBe(
      'rule_not_applicable',
    );
  });
});

describe('§ 288 BGB', () => {
  const de = { rule: 'de_bgb_288', currency: 'EUR', dueDate: '2024-05-31', asOf: '2024-08-31' } as const;

  it('between businesses: Basiszinssatz + 9, split at 1 July, and €40', () => {
    // Basiszinssatz 3.62 % (H1 2024) → 12.62 %; 3.37 % (H2 2024) → 12.37 %.
    // 30 days × 10,000 × 0.1262 / 365 = 103.7260 → 103.73
    // 62 days × 10,000 × 0.1237 / 365 = 210.1205; total 313.8466 → 313.85, so 210.12
    const c = claim(de);
    expect(periods(c)).toEqual([
      ['2024-06-01', '2024-06-30', 30, '12.62', 10373n],
      ['2024-07-01', '2024-08-31', 62, '12.37', 21012n],
    ]);
    expect(c).toMatchObject({ compensation: 4000n, total: 1_000_000n + 31385n + 4000n });
  });

  it('with a consumer: Basiszinssatz + 5 and no flat fee (§ 288(5) is B2B only), with a note', () => {
    // 30 × 10,000 × 0.0862 / 365 = 70.8493 and 62 × 10,000 × 0.0837 / 365 = 142.1753 → 213.0247 → 213.02
    const c = claim({ ...de, customerKind: 'consumer' });
    expect(periods(c)).toEqual([
      ['2024-06-01', '2024-06-30', 30, '8.62', 7085n],
      ['2024-07-01', '2024-08-31', 62, '8.37', 14217n],
    ]);
    expect(c.compensation).toBe(0n);
    expect(c.notes.map((n) => n.code)).toEqual(['no_compensation_for_consumers']);
  });

  it('handles negative Basiszinssätze: -0.88 % + 9 = 8.12 %', () => {
    expect(claim({ ...de, dueDate: '2020-01-31', asOf: '2020-02-29' }).interest.percent).toBe('8.12');
  });

  it('keeps one period per half-year past the data, each with the last known rate and a note', () => {
    const c = claim({ ...de, dueDate: '2026-05-31', asOf: '2027-02-01' });
    expect(periods(c).map((p) => [p[0], p[3]])).toEqual([
      ['2026-06-01', '10.27'],
      ['2026-07-01', '10.27'],
      ['2027-01-01', '10.27'],
    ]);
    expect(c.interest.periods.map((p) => p.reference?.beyondData)).toEqual([false, true, true]);
    expect(c.notes.filter((n) => n.code === 'rate_beyond_data')).toHaveLength(2);
  });
});

describe('contractual interest', () => {
  it('uses the organisation’s rate and day count, without compensation', () => {
    // ¥1,000,000 at 10 % ACT/360 for 45 days = 12,500 exactly
    const c = claim({
      rule: 'contract',
      currency: 'JPY',
      dueDate: '2024-03-31',
      asOf: '2024-05-15',
      contract: { annual_rate: '10', day_count: 'ACT/360' },
    });
    expect(c.interest).toMatchObject({
      percent: '10.00',
      dayCount: 'ACT/360',
      amount: 12500n,
      reference: null,
    });
    expect(c.compensation).toBe(0n);
  });

  it('without a contractual rate: no_contract_rate', () => {
    expect(refusal(() => claim({ rule: 'contract', contract: null }))).toMatchObject({
      kind: 'rejected',
      code: 'no_contract_rate',
    });
  });
});

describe('the daily run’s accrual', () => {
  it('is the claim’s interest: what to charge is accrued minus already charged', () => {
    const input = {
      rule: 'uk_late_payment',
      customerKind: 'business',
      currency: 'GBP',
      dueDate: '2024-03-31',
      history: principalHistory(1_000_000n, '2024-03-01', []),
    } as const;
    const day1 = accruedInterest({ ...input, asOf: '2024-04-30' });
    const day2 = accruedInterest({ ...input, asOf: '2024-06-30' });
    expect(day2).toBe(33034n);
    expect(day2 - day1).toBe(33034n - 10890n); // 30 days → 108.904 → £108.90 charged the first time
  });
});

describe('the default rule', () => {
  it('follows the customer’s country and kind', () => {
    expect(defaultClaimRule('GB', 'business')).toBe('uk_late_payment');
    expect(defaultClaimRule('GB', 'consumer')).toBe('contract');
    expect(defaultClaimRule('DE', 'consumer')).toBe('de_bgb_288');
    expect(defaultClaimRule('FR', 'business')).toBe('eu_late_payment');
    expect(defaultClaimRule('NO', 'business')).toBe('eu_late_payment');
    expect(defaultClaimRule('FR', 'consumer')).toBe('contract');
    expect(defaultClaimRule('US', 'business')).toBe('contract');
  });
});
