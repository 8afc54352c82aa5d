import { describe, expect, it } from 'vitest';
import { areaUnderCurve, meanAbsoluteError } from './metrics.js';
import { predictPayment, trainDelayModel, type PaidHistoryItem } from './delay-model.js';
import { usDate } from './ibm-history.js';
import { weightedMedian, weightedShare } from './weighted.js';

const paid = (customerId: string, delay: number, disputed = false): PaidHistoryItem => ({
  customerId,
  dueDate: '2024-01-31',
  paidOn: new Date(Date.UTC(2024, 0, 31 + delay)).toISOString().slice(0, 10),
  disputed,
});

describe('weighted sample', () => {
  it('takes the weighted median and shares', () => {
    expect(
      weightedMedian([
        { value: 1, weight: 1 },
        { value: 5, weight: 1 },
        { value: 9, weight: 3 },
      ]),
    ).toBe(9);
    expect(
      weightedMedian([
        { value: 1, weight: 1 },
        { value: 5, weight: 1 },
      ]),
    ).toBe(1);
    expect(weightedMedian([])).toBeNull();
    expect(
      weightedShare(
        [
          { value: 1, weight: 1 },
          { value: 40, weight: 3 },
        ],
        (v) => v <= 30,
      ),
    ).toBe(0.25);
  });
});

describe('delay model', () => {
  // The organisation: four customers who pay 10 days late, one who pays 2 days early.
  const org = [...['A', 'B', 'C', 'D'].map((c) => paid(c, 10)), paid('E', -2)];

  it('gives a customer with no history the organisation median', () => {
    const model = trainDelayModel(org);
    const p = predictPayment(
      model,
      { customerId: 'new', dueDate: '2024-06-30', disputed: false },
      '2024-06-01',
    );
    expect(p).toMatchObject({
      expected_delay_days: 10,
      expected_payment_date: '2024-07-10',
      // The prior's weight 2, all within 30 days, plus half a pseudo-invoice: 2.5 / 3.
      probability_within_30_days: 0.833,
      probability_on_time: 0.3, // (2 × 0.2 + 0.5) / 3
      customer_invoices: 0,
      customer_weight: 0,
    });
  });

  it('trusts a customer with n invoices for n/(n+k) of the weight', () => {
    // E has paid early 3 times: weight 3 against the prior's 2 → median −2.
    const model = trainDelayModel([...org, paid('E', -2), paid('E', -2)]);
    const p = predictPayment(
      model,
      { customerId: 'E', dueDate: '2024-06-30', disputed: false },
      '2024-06-01',
    );
    expect(p.expected_delay_days).toBe(-2);
    expect(p.customer_weight).toBe(0.6);
    // The prior now holds E's own three too: 3 of 7 on time. (3 + 2 × 3/7 + ½) / (5 + 1)
    expect(p.probability_on_time).toBeCloseTo((3 + (2 * 3) / 7 + 0.5) / 6, 3);
  });

  it('conditions an overdue invoice on not being paid yet', () => {
    const model = trainDelayModel([paid('F', 5), paid('F', 20), paid('F', 45), paid('F', 60)], {
      priorWeight: 0,
    });
    // 15 days overdue: only 20, 45 and 60 remain possible; one of three is within 30 days,
    // smoothed: (1 + ½) / (3 + 1).
    const p = predictPayment(
      model,
      { customerId: 'F', dueDate: '2024-05-01', disputed: false },
      '2024-05-16',
    );
    expect(p.expected_delay_days).toBe(45);
    expect(p.probability_within_30_days).toBe(0.375);
    expect(p.probability_on_time).toBe(0);
    // Later than anything ever seen: the model says it does not know.
    const late = predictPayment(
      model,
      { customerId: 'F', dueDate: '2024-01-01', disputed: false },
      '2024-05-16',
    );
    expect(late).toMatchObject({ expected_delay_days: 136 + 30, probability_within_30_days: 0 });
  });

  it('uses the disputed history for a disputed invoice', () => {
    const model = trainDelayModel([...org, paid('A', 40, true), paid('B', 50, true)]);
    const p = predictPayment(model, { customerId: 'C', dueDate: '2024-06-30', disputed: true }, '2024-06-01');
    expect(p.expected_delay_days).toBe(40);
  });
});

describe('metrics', () => {
  it('computes MAE and AUC with ties counted half', () => {
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBe(1);
    expect(areaUnderCurve([0.9, 0.8, 0.3, 0.1], [true, true, false, false])).toBe(1);
    expect(areaUnderCurve([0.5, 0.5], [true, false])).toBe(0.5);
    expect(areaUnderCurve([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(areaUnderCurve([1, 2], [true, true])).toBeNull();
  });
});

describe('IBM dates', () => {
  it.each([
    ['1/2/2013', '2013-01-02'],
    ['12/31/2012', '2012-12-31'],
  ])('reads %s as %s', (text, date) => expect(usDate(text)).toBe(date));
});
