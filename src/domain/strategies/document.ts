/**
 * The strategy document (API.md): versioned data that says what to do, when, and for whom.
 * Validated here so a bad document is refused with the path of the field at fault.
 */
import { z } from 'zod';
import { feeRuleSchema } from '../fees.js';

export const STEP_ACTIONS = [
  'email',
  'sms',
  'letter',
  'call_task',
  'fee',
  'interest',
  'escalate',
  'place',
  'suggest_write_off',
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export const MESSAGE_ACTIONS: readonly StepAction[] = ['email', 'sms', 'letter'];

export const STEP_EVENTS = [
  'promise_broken',
  'instalment_missed',
  'payment_received',
  'dispute_resolved',
] as const;
export type StepEvent = (typeof STEP_EVENTS)[number];

const threshold = z.object({
  amount: z.string().regex(/^\d+(\.\d+)?$/, { message: 'must be a decimal string such as "25.00"' }),
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code' }),
});
export type Threshold = z.infer<typeof threshold>;

const thresholds = z
  .union([threshold, z.array(threshold)])
  .transform((value) => (Array.isArray(value) ? value : [value]));

const conditions = z.object({
  /** Overdue balance (open balance before the due date) at least this, in its currency. */
  min_balance: thresholds.optional(),
  kinds: z.array(z.enum(['business', 'consumer'])).optional(),
  segments: z.array(z.string().min(1)).optional(),
  /** The customer has at least one of these tags. */
  tags: z.array(z.string().min(1)).optional(),
  days_past_due: z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).optional(),
});
export type StepConditions = z.infer<typeof conditions>;

const step = z
  .object({
    key: z.string().regex(/^[a-z0-9_]{1,64}$/, { message: 'must be lower-case letters, digits and _' }),
    offset_days: z.number().int().min(-365).max(3650).optional(),
    on: z.enum(STEP_EVENTS).optional(),
    action: z.enum(STEP_ACTIONS),
    template: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/)
      .optional(),
    /**
     * Channels to try, in order, when the step's own channel cannot reach the customer: a channel
     * (same template) or `{channel, template}` when that channel needs its own template.
     */
    fallbacks: z
      .array(
        z.union([
          z.enum(['email', 'sms', 'letter']),
          z.object({
            channel: z.enum(['email', 'sms', 'letter']),
            template: z.string().regex(/^[a-z0-9_]{1,64}$/),
          }),
        ]),
      )
      .default([]),
    fee: feeRuleSchema.optional(),
    interest: z
      .object({ rule: z.enum(['contract', 'uk_late_payment', 'eu_late_payment', 'de_bgb_288']) })
      .optional(),
    /** escalate: whose queue (a manager by default; "agency" asks for a placement decision). */
    to: z.enum(['manager', 'agency']).optional(),
    agency: z.string().min(1).optional(),
    conditions: conditions.default({}),
  })
  .superRefine((value, context) => {
    if ((value.offset_days === undefined) === (value.on === undefined))
      context.addIssue({
        code: 'custom',
        path: ['offset_days'],
        message: 'a step needs either offset_days or on',
      });
    if (MESSAGE_ACTIONS.includes(value.action) && !value.template)
      context.addIssue({
        code: 'custom',
        path: ['template'],
        message: `a ${value.action} step needs a template`,
      });
    if (value.action === 'fee' && !value.fee)
      context.addIssue({ code: 'custom', path: ['fee'], message: 'a fee step needs a fee rule' });
  });
export type StrategyStep = z.infer<typeof step>;
export type MessageChannel = 'email' | 'sms' | 'letter';

/** The channels a message step may use, in order, each with its template. */
export function channelsOf(step: StrategyStep): { channel: MessageChannel; template: string }[] {
  return [
    { channel: step.action as MessageChannel, template: step.template! },
    ...step.fallbacks.map((f) => (typeof f === 'string' ? { channel: f, template: step.template! } : f)),
  ];
}

export const strategyDocument = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    applies_to: z
      .object({
        kind: z.enum(['business', 'consumer']).optional(),
        segments: z.array(z.string().min(1)).optional(),
      })
      .default({}),
    scope: z.enum(['customer', 'invoice']).default('customer'),
    min_balance: thresholds.optional(),
    steps: z.array(step).min(1).max(100),
  })
  .superRefine((value, context) => {
    const seen = new Set<string>();
    value.steps.forEach((s, index) => {
      if (seen.has(s.key))
        context.addIssue({
          code: 'custom',
          path: ['steps', index, 'key'],
          message: `step key ${s.key} is used twice`,
        });
      seen.add(s.key);
    });
  });
export type StrategyInput = z.input<typeof strategyDocument>;
export type StrategyDocument = z.infer<typeof strategyDocument>;
