import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { behaviourAlerts, paymentBehaviour, slope, type PaidItem } from './index.js';

/** Invoices due a month apart, paid `late` days after their due date. */
const history = (...late: number[]): PaidItem[] =>
  late.map((days, i) => {
    const due = addDays('2024-01-31', i * 30);
    return { dueDate: due, paidOn: addDays(due, days) };
  });

describe('payment behaviour', () => {
  it('averages days late (early counts 0), trend and variability', () => {
    const b = paymentBehaviour(history(-3, 2, 4, 6, 8, 10, 12));
    expect(b.invoices_paid).toBe(7);
    expect(b.average_days_late).toBe(6); // (0 + 2 + 4 + 6 + 8 + 10 + 12) / 7
    expect(b.trend_days_per_invoice).toBe(2); // last 6: 2, 4 … 12
    expect(b.variability_days).toBe(4); // population sd of 0, 2 … 12
    expect(b.recent_days_late).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('orders by the day paid, not the due date', () => {
    const items = history(0, 20);
    expect(paymentBehaviour([items[1]!, items[0]!]).recent_days_late).toEqual([0, 20]);
  });

  it('has no figures without history', () => {
    expect(paymentBehaviour([])).toMatchObject({ average_days_late: null, trend_days_per_invoice: null });
  });

  it.each([
    [[1, 2, 3], 1],
    [[5, 5, 5], 0],
    [[10, 0], -10],
  ])('slope of %j is %d', (values, expected) => expect(slope(values)).toBe(expected));
});

describe('alerts', () => {
  const codes = (...late: number[]) => behaviourAlerts(paymentBehaviour(history(...late))).map((a) => a.code);

  it.each([
    ['too little history', [30, 30, 30], []],
    ['chronically late', [8, 9, 12, 15, 8, 3], ['chronic_lateness']], // 5 of 6 over 7 days
    ['late but not often enough', [8, 9, 12, 0, 0, 3], []], // 3 of 6
    ['exactly at 75 %', [20, 0, 20, 20], ['chronic_lateness']],
    ['rising just under 3 a invoice', [0, 0, 3, 6, 9, 14], []], // slope 2.86
    ['worsening', [0, 2, 6, 10, 14, 18], ['worsening']], // slope 3.71, latest 18
    ['worsening and chronic', [8, 12, 20, 30, 40, 50], ['chronic_lateness', 'worsening']],
    ['rising but small', [0, 0, 1, 1, 2, 2], []],
  ])('%s: %j', (_name, late, expected) => {
    expect(codes(...late)).toEqual(expected);
  });

  it('explains itself', () => {
    const [alert] = behaviourAlerts(paymentBehaviour(history(8, 9, 12, 15, 8, 3)));
    expect(alert!.message).toBe(
      'paid 5 of the last 6 invoices more than 7 days late (average 9.2 days late; alert at 75 % or more)',
    );
  });
});
