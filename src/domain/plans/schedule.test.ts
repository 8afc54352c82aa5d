import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber } from '../dates.js';
import { buildSchedule, nthDate, splitAmount } from './schedule.js';

describe('splitting a total', () => {
  it('puts the remainder on the last or the first instalment', () => {
    expect(splitAmount(100_00n, 3, 'last')).toEqual([33_33n, 33_33n, 33_34n]);
    expect(splitAmount(100_00n, 3, 'first')).toEqual([33_34n, 33_33n, 33_33n]);
    expect(splitAmount(5n, 1, 'last')).toEqual([5n]);
  });

  it('refuses no instalments', () => {
    expect(() => splitAmount(100n, 0, 'last')).toThrow(RangeError);
  });
});

describe('monthly and weekly dates', () => {
  it('keeps the start day, clamped to the end of shorter months', () => {
    const dates = [0, 1, 2, 3].map((i) => nthDate('2024-01-31', 'monthly', i));
    expect(dates).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    expect(nthDate('2023-01-31', 'monthly', 1)).toBe('2023-02-28');
    expect(nthDate('2024-11-15', 'monthly', 2)).toBe('2025-01-15');
  });

  it('steps weekly by seven days', () => {
    expect(nthDate('2024-02-26', 'weekly', 1)).toBe('2024-03-04');
  });
});

describe('a schedule', () => {
  it('starts with the down payment and splits the rest', () => {
    expect(
      buildSchedule({
        total: 1000_00n,
        count: 3,
        frequency: 'monthly',
        startOn: '2024-03-15',
        remainderOn: 'last',
        downPayment: { amount: 100_00n, dueOn: '2024-03-01' },
      }),
    ).toEqual([
      { dueOn: '2024-03-01', amount: 100_00n, isDownPayment: true },
      { dueOn: '2024-03-15', amount: 300_00n, isDownPayment: false },
      { dueOn: '2024-04-15', amount: 300_00n, isDownPayment: false },
      { dueOn: '2024-05-15', amount: 300_00n, isDownPayment: false },
    ]);
  });

  const request = fc.record({
    total: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    count: fc.integer({ min: 1, max: 60 }),
    frequency: fc.constantFrom('weekly' as const, 'monthly' as const),
    startDay: fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2090-12-31') }),
    remainderOn: fc.constantFrom('first' as const, 'last' as const),
    downShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  });

  it('always adds up to the total, never goes negative, and keeps dates in order', () => {
    fc.assert(
      fc.property(request, (r) => {
        const startOn = fromDayNumber(r.startDay);
        const down =
          r.downShare === undefined
            ? undefined
            : { amount: (r.total * BigInt(r.downShare)) / 100n, dueOn: addDays(startOn, -1) };
        const schedule = buildSchedule({ ...r, startOn, ...(down && { downPayment: down }) });
        expect(schedule.reduce((sum, i) => sum + i.amount, 0n)).toBe(r.total);
        expect(schedule.every((i) => i.amount >= 0n)).toBe(true);
        for (let i = 1; i < schedule.length; i++)
          expect(schedule[i]!.dueOn > schedule[i - 1]!.dueOn).toBe(true);
        const regular = schedule.filter((i) => !i.isDownPayment).map((i) => i.amount);
        const spread = regular.reduce((a, b) => (a > b ? a : b)) - regular.reduce((a, b) => (a < b ? a : b));
        expect(spread < BigInt(r.count)).toBe(true);
      }),
    );
  });
});
