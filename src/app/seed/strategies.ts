import { strategyDocument, type StrategyInput } from '../../domain/strategies/document.js';
import type { Ctx } from '../context.js';
import { createSegment } from '../segments.js';
import { createStrategy } from '../strategies.js';

/** The strategy document of API.md: businesses in the default segment. */
export const STANDARD_B2B: StrategyInput = {
  name: 'Standard B2B',
  applies_to: { kind: 'business', segments: ['default'] },
  scope: 'customer',
  min_balance: { amount: '25.00', currency: 'EUR' },
  steps: [
    { key: 'pre_due', offset_days: -3, action: 'email', template: 'friendly_reminder' },
    { key: 'due_7', offset_days: 7, action: 'email', template: 'overdue_notice', fallbacks: ['letter'] },
    {
      key: 'due_14',
      offset_days: 14,
      action: 'sms',
      template: 'overdue_sms',
      fallbacks: [{ channel: 'email', template: 'overdue_notice' }],
    },
    { key: 'due_21', offset_days: 21, action: 'call_task' },
    { key: 'due_30', offset_days: 30, action: 'letter', template: 'final_notice', fee: { fixed: '40.00' } },
    { key: 'due_60', offset_days: 60, action: 'escalate', to: 'agency' },
    { key: 'ptp_broken', on: 'promise_broken', action: 'call_task' },
    { key: 'plan_missed', on: 'instalment_missed', action: 'email', template: 'instalment_missed' },
  ],
};

/** Consumers: gentler, letters before calls, no fees. */
const CONSUMER: StrategyInput = {
  name: 'Consumer',
  applies_to: { kind: 'consumer' },
  scope: 'customer',
  steps: [
    {
      key: 'pre_due',
      offset_days: -2,
      action: 'email',
      template: 'friendly_reminder',
      fallbacks: ['letter'],
    },
    { key: 'due_10', offset_days: 10, action: 'email', template: 'overdue_notice', fallbacks: ['letter'] },
    { key: 'due_25', offset_days: 25, action: 'letter', template: 'final_notice' },
    { key: 'due_40', offset_days: 40, action: 'call_task' },
    { key: 'due_90', offset_days: 90, action: 'suggest_write_off' },
    { key: 'thanks', on: 'payment_received', action: 'email', template: 'thank_you' },
  ],
};

/** Businesses that often pay late: earlier and firmer, with a challenger that calls sooner. */
const FIRM_B2B: StrategyInput = {
  name: 'Firm B2B',
  applies_to: { kind: 'business', segments: ['late_payers'] },
  scope: 'customer',
  steps: [
    { key: 'pre_due', offset_days: -5, action: 'email', template: 'friendly_reminder' },
    { key: 'due_3', offset_days: 3, action: 'email', template: 'overdue_notice' },
    { key: 'due_10', offset_days: 10, action: 'call_task' },
    {
      key: 'due_20',
      offset_days: 20,
      action: 'letter',
      template: 'final_notice',
      fee: { percent: '2', min: '25.00' },
    },
    { key: 'due_45', offset_days: 45, action: 'escalate', to: 'manager' },
  ],
};

const CALL_FIRST: StrategyInput = {
  ...FIRM_B2B,
  name: 'Firm B2B, call first',
  steps: [
    { key: 'pre_due', offset_days: -5, action: 'email', template: 'friendly_reminder' },
    { key: 'due_3', offset_days: 3, action: 'call_task' },
    { key: 'due_10', offset_days: 10, action: 'email', template: 'overdue_notice' },
    {
      key: 'due_20',
      offset_days: 20,
      action: 'letter',
      template: 'final_notice',
      fee: { percent: '2', min: '25.00' },
    },
    { key: 'due_45', offset_days: 45, action: 'escalate', to: 'manager' },
  ],
};

/** Demo strategies and a "late payers" segment with a champion/challenger split. */
export async function seedStrategies(ctx: Ctx): Promise<void> {
  await createStrategy(ctx, strategyDocument.parse(STANDARD_B2B));
  await createStrategy(ctx, strategyDocument.parse(CONSUMER));
  const firm = await createStrategy(ctx, strategyDocument.parse(FIRM_B2B));
  const callFirst = await createStrategy(ctx, strategyDocument.parse(CALL_FIRST));
  await createSegment(ctx, {
    name: 'late_payers',
    position: 10,
    rule: { kind: 'business', min_late_payments: 3, late_payment_months: 12 },
    strategy_id: firm.id,
    challenger: { strategy_id: callFirst.id, percent: 20 },
  });
}
