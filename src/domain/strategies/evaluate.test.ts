import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { strategyDocument, type StrategyInput } from './document.js';
import { evaluate, type CustomerSnapshot, type CycleState, type SnapshotItem } from './evaluate.js';

const standard: StrategyInput = {
  name: 'Standard B2B',
  applies_to: { kind: 'business', segments: ['default'] },
  scope: 'customer',
  min_balance: { amount: '25.00', currency: 'EUR' },
  steps: [
    { key: 'pre_due', offset_days: -3, action: 'email', template: 'friendly_reminder' },
    { key: 'due_7', offset_days: 7, action: 'email', template: 'overdue_notice' },
    { key: 'due_14', offset_days: 14, action: 'sms', template: 'overdue_sms' },
    { key: 'due_21', offset_days: 21, action: 'call_task' },
    { key: 'due_30', offset_days: 30, action: 'letter', template: 'final_notice', fee: { fixed: '40.00' } },
    { key: 'due_60', offset_days: 60, action: 'escalate', to: 'agency' },
    { key: 'ptp_broken', on: 'promise_broken', action: 'call_task' },
  ],
};
const strategy = strategyDocument.parse(standard);

function item(number: string, dueDate: string, balance = 100_00n, held = false): SnapshotItem {
  return {
    invoiceId: `inv-${number}`,
    number,
    currency: 'EUR',
    issueDate: addDays(dueDate, -30),
    dueDate,
    balance,
    held,
  };
}

const fresh: CycleState = { cycle: 1, active: false, fired: [] };

function snapshot(today: string, items: SnapshotItem[], state: CycleState = fresh): CustomerSnapshot {
  return {
    customerId: 'c1',
    kind: 'business',
    tags: [],
    segment: 'default',
    today,
    items,
    events: [],
    state,
  };
}

/** Runs evaluate day by day, carrying the state, and lists what fired on which day. */
function walk(from: string, to: string, itemsOn: (day: string) => SnapshotItem[], start = fresh) {
  const fired: string[] = [];
  let state = start;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const result = evaluate(snapshot(day, itemsOn(day), state), strategy);
    state = result.state;
    for (const d of result.due) fired.push(`${day} ${d.step.key} c${d.cycle}`);
  }
  return { fired, state };
}

describe('evaluate', () => {
  it('walks one overdue invoice through every offset step once, on its day', () => {
    const { fired } = walk('2024-01-01', '2024-05-01', () => [item('A', '2024-01-31')]);
    expect(fired).toEqual([
      '2024-01-28 pre_due c1',
      '2024-02-07 due_7 c1',
      '2024-02-14 due_14 c1',
      '2024-02-21 due_21 c1',
      '2024-03-01 due_30 c1',
      '2024-03-31 due_60 c1',
    ]);
  });

  it('fires only the latest step whose day has come; skipped steps are not sent late', () => {
    const result = evaluate(snapshot('2024-02-25', [item('A', '2024-01-31')]), strategy);
    expect(result.due.map((d) => d.step.key)).toEqual(['due_21']);
    expect(result.nextReviewOn).toBe('2024-03-01');
  });

  it('says when to look again, and nothing before that day changes anything', () => {
    const first = evaluate(snapshot('2024-02-07', [item('A', '2024-01-31')]), strategy);
    expect(first.nextReviewOn).toBe('2024-02-14');
    for (let day = '2024-02-08'; day < '2024-02-14'; day = addDays(day, 1))
      expect(evaluate(snapshot(day, [item('A', '2024-01-31')], first.state), strategy).due).toEqual([]);
  });

  it('lists every overdue item in one customer-level message, oldest due first', () => {
    const result = evaluate(
      snapshot('2024-02-07', [item('B', '2024-02-05'), item('A', '2024-01-31'), item('C', '2024-03-01')]),
      strategy,
    );
    expect(result.due).toHaveLength(1);
    expect(result.due[0]!.items.map((i) => i.number)).toEqual(['A', 'B']);
  });

  it('ends the cycle when nothing is overdue and starts a new one when the customer falls behind again', () => {
    const paidOn = '2024-02-20';
    const { fired, state } = walk('2024-01-01', '2024-04-30', (day) => [
      ...(day < paidOn ? [item('A', '2024-01-31')] : []),
      item('B', '2024-03-31'),
    ]);
    expect(fired).toEqual([
      '2024-01-28 pre_due c1',
      '2024-02-07 due_7 c1',
      '2024-02-14 due_14 c1',
      '2024-03-28 pre_due c2',
      '2024-04-07 due_7 c2',
      '2024-04-14 due_14 c2',
      '2024-04-21 due_21 c2',
      '2024-04-30 due_30 c2',
    ]);
    expect(state.cycle).toBe(2);
  });

  it('never goes back to an earlier step when the oldest item is paid and a younger one is overdue', () => {
    const { fired } = walk('2024-02-25', '2024-03-10', (day) => [
      ...(day < '2024-02-28' ? [item('A', '2024-01-31')] : []),
      item('B', '2024-02-20'),
    ]);
    // due_21 fired for A; once A is paid B is the oldest, 8 to 19 days late: due_7 and due_14
    // come before due_21 in the cycle, so they stay quiet.
    expect(fired).toEqual(['2024-02-25 due_21 c1']);
  });

  it('leaves held items out, and says so when every item is held', () => {
    const result = evaluate(snapshot('2024-02-07', [item('A', '2024-01-31', 100_00n, true)]), strategy);
    expect(result.due).toEqual([]);
    expect(result.notes.map((n) => n.code)).toContain('all_items_held');
  });

  it('does not act below the strategy minimum balance, in its currency only', () => {
    const small = evaluate(snapshot('2024-02-07', [item('A', '2024-01-31', 20_00n)]), strategy);
    expect(small.due).toEqual([]);
    expect(small.notes[0]).toMatchObject({ step: 'due_7', code: 'below_min_balance' });
    const usd = { ...item('U', '2024-01-31', 1_00n), currency: 'USD' };
    expect(evaluate(snapshot('2024-02-07', [usd]), strategy).due.map((d) => d.step.key)).toEqual(['due_7']);
  });

  it('fires per item and cycle with scope invoice', () => {
    const perInvoice = strategyDocument.parse({ ...standard, scope: 'invoice', min_balance: undefined });
    const result = evaluate(
      snapshot('2024-02-14', [item('A', '2024-01-31'), item('B', '2024-02-07')]),
      perInvoice,
    );
    expect(result.due.map((d) => `${d.step.key} ${d.items[0]!.number}`)).toEqual(['due_14 A', 'due_7 B']);
    expect(new Set(result.due.map((d) => d.marker)).size).toBe(2);
  });

  it('fires an event step once per event', () => {
    const withEvent = (state: CycleState) => ({
      ...snapshot('2024-02-10', [item('A', '2024-01-31')], state),
      events: [{ kind: 'promise_broken' as const, id: 'p1', on: '2024-02-09', invoiceIds: ['inv-A'] }],
    });
    const first = evaluate(withEvent({ cycle: 1, active: true, fired: ['due_7'] }), strategy);
    expect(first.due.map((d) => d.step.key)).toEqual(['ptp_broken']);
    expect(evaluate(withEvent(first.state), strategy).due).toEqual([]);
  });

  it('skips steps whose conditions exclude the customer', () => {
    const consumerOnly = strategyDocument.parse({
      ...standard,
      steps: [
        { key: 'due_7', offset_days: 7, action: 'email', template: 'overdue_notice' },
        {
          key: 'due_10',
          offset_days: 10,
          action: 'sms',
          template: 'overdue_sms',
          conditions: { kinds: ['consumer'] },
        },
      ],
    });
    const result = evaluate(snapshot('2024-02-12', [item('A', '2024-01-31')]), consumerOnly);
    expect(result.due.map((d) => d.step.key)).toEqual(['due_7']);
  });
});
