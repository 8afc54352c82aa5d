import { describe, expect, it } from 'vitest';
import { accrue, simpleInterest, type RateSegment } from './accrue.js';
import type { DayCount } from './day-count.js';
import { roundFraction } from './fraction.js';
import { balanceOn, principalHistory } from './history.js';

const flat = (percent: string, from = '2000-01-01'): RateSegment[] => [{ from, percent, reference: null }];

function interest(
  total: bigint,
  percent: string,
  from: string,
  through: string,
  dayCount: DayCount = 'ACT/365',
  reductions: { on: string; amount: bigint }[] = [],
) {
  const history = principalHistory(total, '2024-01-01', reductions);
  return accrue({ history, segments: flat(percent), from, through, dayCount });
}

describe('simple interest', () => {
  it('counts both ends: 2024-04-01 through 2024-06-30 is 30 + 31 + 30 = 91 days', () => {
    // £10,000 at 13.25 % ACT/365: 10,000 × 0.1325 × 91 / 365 = 330.342… → £330.34
    const result = interest(1_000_000n, '13.25', '2024-04-01', '2024-06-30');
    expect(result.days).toBe(91);
    expect(result.amount).toBe(33034n);
  });

  it('ACT/360 divides by 360: the same 91 days give 10,000 × 0.1325 × 91 / 360 = 334.930… → £334.93', () => {
    expect(interest(1_000_000n, '13.25', '2024-04-01', '2024-06-30', 'ACT/360').amount).toBe(33493n);
  });

  it('ACT/365 keeps 365 in a leap year: 29 February counts as a day, the year stays 365 days', () => {
    // 2024-02-01 … 2024-03-01 is 30 days (29 in February + 1): 10,000 × 0.10 × 30 / 365 = 82.191… → 82.19
    const result = interest(1_000_000n, '10', '2024-02-01', '2024-03-01');
    expect(result.days).toBe(30);
    expect(result.amount).toBe(8219n);
  });

  it('computes exactly and rounds once: rounding the daily amount first loses a penny', () => {
    // Daily: 10,000 × 0.1325 / 365 = £3.630137 → £3.63; × 100 days = £363.00.
    // Exact: 10,000 × 0.1325 × 100 / 365 = 363.0137 → £363.01.
    const daily = roundFraction(simpleInterest(1_000_000n, '13.25', 1, 'ACT/365'));
    expect(daily * 100n).toBe(36300n);
    expect(interest(1_000_000n, '13.25', '2024-04-01', '2024-07-09').amount).toBe(36301n);
  });

  it('rounds half-up to the minor unit only at the end', () => {
    // 0.05 (5 minor units) at 10 % for 365 days = 0.5 minor units exactly → 1
    expect(simpleInterest(5n, '10', 365, 'ACT/365')).toEqual({ numerator: 1n, denominator: 2n });
    expect(interest(5n, '10', '2025-01-01', '2025-12-31').amount).toBe(1n);
  });

  it('JPY has no minor digits: ¥1,000,000 at 10 % for 45 days = 12,328.77 → ¥12,329', () => {
    expect(interest(1_000_000n, '10', '2024-04-01', '2024-05-15').amount).toBe(12329n);
  });

  it('KWD has three: KWD 1,234.567 at 7.5 % for 30 days = 7.61034… → KWD 7.610', () => {
    expect(interest(1_234_567n, '7.5', '2024-04-01', '2024-04-30').amount).toBe(7610n);
  });

  it('a part payment lowers the balance from the day it is received', () => {
    // £10,000 for 2024-04-01…04-30 (30 days), £6,000 after £4,000 paid on 2024-05-01 (61 days):
    // (10,000 × 30 + 6,000 × 61) × 0.1325 / 365 = 666,000 × 0.1325 / 365 = 241.767… → £241.77
    const result = interest(1_000_000n, '13.25', '2024-04-01', '2024-06-30', 'ACT/365', [
      { on: '2024-05-01', amount: 400_000n },
    ]);
    expect(result.periods.map((p) => [p.from, p.to, p.days, p.balance])).toEqual([
      ['2024-04-01', '2024-04-30', 30, 1_000_000n],
      ['2024-05-01', '2024-06-30', 61, 600_000n],
    ]);
    expect(result.amount).toBe(24177n);
    // each period shows its part of the rounded total: 108.90 (exact 108.904) + 132.87 = 241.77
    expect(result.periods.map((p) => p.amount)).toEqual([10890n, 13287n]);
  });

  it('stops when the principal is paid and skips days with nothing owed', () => {
    const result = interest(1_000_000n, '13.25', '2024-04-01', '2024-12-31', 'ACT/365', [
      { on: '2024-04-30', amount: 1_000_000n },
    ]);
    // 2024-04-01 … 2024-04-29: 29 days × 10,000 × 0.1325 / 365 = 105.274 → £105.27
    expect(result.periods).toHaveLength(1);
    expect(result.days).toBe(29);
    expect(result.amount).toBe(10527n);
  });

  it('splits where the rate changes', () => {
    const segments: RateSegment[] = [
      { from: '2024-01-01', percent: '10', reference: null },
      { from: '2024-07-01', percent: '12', reference: null },
    ];
    const history = principalHistory(365_00n, '2024-01-01', []);
    const result = accrue({
      history,
      segments,
      from: '2024-06-21',
      through: '2024-07-10',
      dayCount: 'ACT/365',
    });
    // 365.00 × 10 % × 10 / 365 = 1.00 and 365.00 × 12 % × 10 / 365 = 1.20
    expect(result.periods.map((p) => [p.from, p.to, p.percent, p.amount])).toEqual([
      ['2024-06-21', '2024-06-30', '10', 100n],
      ['2024-07-01', '2024-07-10', '12', 120n],
    ]);
  });

  it('has nothing to accrue before the first late day', () => {
    const result = interest(1_000_000n, '13.25', '2024-04-01', '2024-03-31');
    expect(result).toMatchObject({ periods: [], days: 0, amount: 0n });
  });

  it('builds the balance history from reductions on the same and later days', () => {
    const history = principalHistory(10_000n, '2024-01-10', [
      { on: '2024-02-01', amount: 1_000n },
      { on: '2024-01-20', amount: 500n },
      { on: '2024-02-01', amount: 500n },
    ]);
    expect(history).toEqual([
      { from: '2024-01-10', balance: 10_000n },
      { from: '2024-01-20', balance: 9_500n },
      { from: '2024-02-01', balance: 8_000n },
    ]);
    expect(balanceOn(history, '2024-01-09')).toBe(0n);
    expect(balanceOn(history, '2024-01-31')).toBe(9_500n);
  });
});
