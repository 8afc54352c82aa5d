import { describe, expect, it } from 'vitest';
import { planState, planWakeUps, type PlanTerms } from './status.js';
import { checkPlanRules } from './rules.js';

const terms: PlanTerms = {
  agreedOn: '2024-03-01',
  graceDays: 3,
  defaultAfter: 2,
  cancelledOn: null,
  instalments: [
    { dueOn: '2024-03-10', amount: 100_00n, isDownPayment: false },
    { dueOn: '2024-04-10', amount: 100_00n, isDownPayment: false },
    { dueOn: '2024-05-10', amount: 100_00n, isDownPayment: false },
  ],
};

const statuses = (asOf: string, payments: { on: string; amount: bigint }[] = []) => {
  const state = planState(terms, payments, asOf);
  return [state.status, ...state.instalments.map((i) => `${i.status}:${i.paidAmount}`)].join(' ');
};

describe('a plan as of a date', () => {
  it('is active while nothing is missed, and pending instalments wait for their grace days', () => {
    expect(statuses('2024-03-13')).toBe('active pending:0 pending:0 pending:0');
    expect(statuses('2024-03-14')).toBe('active missed:0 pending:0 pending:0');
  });

  it('applies payments to the instalments in order, part payments included', () => {
    const paid = [
      { on: '2024-03-09', amount: 150_00n },
      { on: '2024-02-28', amount: 999_00n }, // before the plan was agreed: not counted
    ];
    expect(statuses('2024-03-20', paid)).toBe('active paid:10000 pending:5000 pending:0');
    expect(statuses('2024-03-08', paid)).toBe('active pending:0 pending:0 pending:0');
  });

  it('defaults on the second miss, and counts a miss even when paid late', () => {
    const late = [{ on: '2024-03-20', amount: 100_00n }];
    expect(statuses('2024-04-13', late)).toBe('active paid:10000 pending:0 pending:0');
    const state = planState(terms, late, '2024-04-14');
    expect(state.status).toBe('defaulted');
    expect(state.defaultedOn).toBe('2024-04-14');
    expect(state.misses).toBe(2);
    expect(state.instalments[0]!.missedOn).toBe('2024-03-14');
  });

  it('defaults when the last instalment is missed', () => {
    const paid = [{ on: '2024-04-01', amount: 200_00n }];
    expect(planState({ ...terms, defaultAfter: 5 }, paid, '2024-05-14').status).toBe('defaulted');
  });

  it('completes when everything is paid, and a cancellation wins from its day', () => {
    const all = [{ on: '2024-03-05', amount: 300_00n }];
    expect(planState(terms, all, '2024-03-05')).toMatchObject({
      status: 'completed',
      completedOn: '2024-03-05',
    });
    const cancelled = { ...terms, cancelledOn: '2024-03-04' };
    expect(planState(cancelled, all, '2024-03-03').status).toBe('active');
    expect(planState(cancelled, all, '2024-03-04').status).toBe('cancelled');
  });

  it('wakes up on the next due date and the day an unpaid instalment would be missed', () => {
    const state = planState(terms, [{ on: '2024-03-09', amount: 100_00n }], '2024-03-20');
    expect(planWakeUps(state, '2024-03-20').sort()).toEqual([
      '2024-04-10',
      '2024-04-14',
      '2024-05-10',
      '2024-05-14',
    ]);
  });
});

describe('plan rules', () => {
  const limits = { maxInstalments: 2, maxDurationDays: 60, minInstalment: 150_00n };
  it('says which limits a proposal breaks, and where', () => {
    expect(
      checkPlanRules({ agreedOn: '2024-03-01', instalments: terms.instalments }, limits).map(
        (p) => `${p.code} ${p.path}`,
      ),
    ).toEqual([
      'too_many_instalments instalments',
      'too_long instalments[2].due_on',
      'instalment_too_small instalments[0].amount',
      'instalment_too_small instalments[1].amount',
      'instalment_too_small instalments[2].amount',
    ]);
    expect(
      checkPlanRules(
        { agreedOn: '2024-03-01', instalments: terms.instalments.slice(0, 2) },
        { ...limits, minInstalment: null },
      ),
    ).toEqual([]);
  });
});
