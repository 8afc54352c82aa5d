import { describe, expect, it } from 'vitest';
import {
  averageDaysDelinquent,
  averageDaysLate,
  averageDaysToPay,
  averageDaysToPayWeighted,
  bestPossibleDso,
  collectionEffectivenessIndex,
  collectionRate,
  countBackDso,
  disputeRate,
  monthsInPeriod,
  paymentTimes,
  percentPaidLate,
  promiseKeptRate,
  standardDso,
  summarisePaid,
  writeOffRatio,
  type PaidInvoice,
} from './index.js';

describe('DSO', () => {
  // Published worked examples (checked by hand):
  // - trymesha.com/blog/the-2-dso-calculation-formulas-simple-vs-countback-method-explained:
  //   receivables 150,000, annual credit sales 1,800,000, 365 days → 30.4 days.
  // - support.benjipays.com/…/mastering-dso-calculation-the-count-back-method-explained:
  //   receivables 212,000, monthly sales 100,000 / 80,000 / 70,000 (newest first), 30-day
  //   months → 30 + 30 + 32/70 × 30 = 73.71 days.
  it.each([
    [150_000, 1_800_000, 365, 30.42],
    [50_000, 100_000, 30, 15],
    [0, 100_000, 90, 0],
    [10, 0, 30, null],
  ])('standard DSO of %d over %d in %d days is %s', (ending, sales, days, expected) => {
    expect(standardDso(ending, sales, days)).toBe(expected);
  });

  it.each([
    [212_000, [100_000, 80_000, 70_000], 73.71],
    [50_000, [100_000, 80_000], 15],
    [100_000, [100_000, 80_000], 30],
    [400_000, [100_000, 80_000], 60], // history runs out: a floor
    [0, [100_000], 0],
  ])('count-back DSO of %d over %j is %d', (ending, sales, expected) => {
    expect(
      countBackDso(
        ending,
        sales.map((s) => ({ sales: s, days: 30 })),
      ),
    ).toBe(expected);
  });

  it('counts each month by its own days', () => {
    // March (31 days) sales 62,000, February (29 days) 58,000; receivables 93,000 →
    // 31 + 31,000/58,000 × 29 = 31 + 15.5 = 46.5
    expect(
      countBackDso(93_000, [
        { sales: 62_000, days: 31 },
        { sales: 58_000, days: 29 },
      ]),
    ).toBe(46.5);
  });

  it('best possible DSO uses current receivables; ADD is the difference', () => {
    // apruve.com/faq/what-is-best-possible-days-sales-outstanding: standard 40, best 20 → ADD 20.
    const dso = standardDso(40_000, 90_000, 90);
    const best = bestPossibleDso(20_000, 90_000, 90);
    expect([dso, best, averageDaysDelinquent(dso, best)]).toEqual([40, 20, 20]);
    expect(averageDaysDelinquent(null, 3)).toBeNull();
  });
});

describe('CEI (CRF form)', () => {
  // creditguru.com "Ratio - Collection Effectiveness Index (CEI)": Jan–Mar, N = 3, beginning
  // 6,200, credit sales 10,890, ending total 6,340, ending current 3,590 → 55.9 %.
  // The same data without ÷ N (wizedu.com/questions/116374) gives 79.63 %: not the CRF form.
  it('reproduces the published three-month example', () => {
    const input = {
      beginningReceivables: 6_200,
      creditSales: 10_890,
      endingTotalReceivables: 6_340,
      endingCurrentReceivables: 3_590,
    };
    expect(collectionEffectivenessIndex({ ...input, months: 3 })).toBe(55.93);
    expect(collectionEffectivenessIndex({ ...input, months: 1 })).toBe(79.63);
  });

  it('is 100 when everything overdue was collected', () => {
    expect(
      collectionEffectivenessIndex({
        beginningReceivables: 1000,
        creditSales: 500,
        endingTotalReceivables: 400,
        endingCurrentReceivables: 400,
        months: 1,
      }),
    ).toBe(100);
  });

  it.each([
    ['2024-01-01', '2024-01-31', 31, 1],
    ['2024-01-01', '2024-03-31', 91, 3],
    ['2024-02-01', '2024-02-29', 29, 1],
    ['2024-01-01', '2024-12-31', 366, 12],
    ['2024-01-10', '2024-02-09', 31, (31 / 365) * 12],
  ])('N from %s to %s is %d months', (from, to, days, months) => {
    expect(monthsInPeriod(from, to, days)).toBeCloseTo(months, 10);
  });
});

describe('payment times (hand-computed)', () => {
  const paid: PaidInvoice[] = [
    // issued 1 Mar, due 31 Mar, paid 20 Mar: 19 days to pay, on time
    { issueDate: '2024-03-01', dueDate: '2024-03-31', paidOn: '2024-03-20', amount: 100 },
    // 40 days to pay, 10 late
    { issueDate: '2024-03-01', dueDate: '2024-03-31', paidOn: '2024-04-10', amount: 300 },
    // 60 days to pay, 30 late
    { issueDate: '2024-02-01', dueDate: '2024-03-02', paidOn: '2024-04-01', amount: 600 },
  ];

  it('averages days to pay plainly and by amount', () => {
    expect(averageDaysToPay(paid)).toBe(39.67); // (19 + 40 + 60) / 3
    expect(averageDaysToPayWeighted(paid)).toBe(49.9); // (1900 + 12000 + 36000) / 1000
  });

  it('averages days late, on-time ones at 0, and counts the late share', () => {
    expect(averageDaysLate(paid)).toBe(13.33);
    expect(percentPaidLate(paid)).toBe(66.67);
  });

  it('has nothing to say about an empty period', () => {
    expect([
      averageDaysToPay([]),
      averageDaysToPayWeighted([]),
      averageDaysLate([]),
      percentPaidLate([]),
    ]).toEqual([null, null, null, null]);
  });
});

describe('ratios', () => {
  it.each([
    [collectionRate(750, 1000), 75],
    [writeOffRatio(25, 10_000), 0.25],
    [promiseKeptRate(3, 1), 75],
    [disputeRate(1, 8), 12.5],
    [promiseKeptRate(0, 0), null],
  ])('%s is %s', (value, expected) => {
    expect(value).toBe(expected);
  });
});

describe('payment times from sums', () => {
  it('gives the same figures as from the rows', () => {
    const paid: PaidInvoice[] = [
      { issueDate: '2024-03-01', dueDate: '2024-03-31', paidOn: '2024-03-20', amount: 100 },
      { issueDate: '2024-03-01', dueDate: '2024-03-31', paidOn: '2024-04-10', amount: 300 },
      { issueDate: '2024-02-01', dueDate: '2024-03-02', paidOn: '2024-04-01', amount: 600 },
    ];
    expect(paymentTimes(summarisePaid(paid))).toEqual({
      average_days_to_pay: averageDaysToPay(paid),
      average_days_to_pay_weighted: averageDaysToPayWeighted(paid),
      average_days_late: averageDaysLate(paid),
      percent_paid_late: percentPaidLate(paid),
    });
    expect(paymentTimes(summarisePaid([]))).toEqual({
      average_days_to_pay: null,
      average_days_to_pay_weighted: null,
      average_days_late: null,
      percent_paid_late: null,
    });
  });
});
