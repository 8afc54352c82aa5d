/** Response shapes of strategies, runs, actions, tasks, holds, promises and messages. */
import { z } from 'zod';
import { moneySchema } from './responses.js';

const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export const strategySchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    version_id: z.string(),
    name: z.string(),
    scope: z.enum(['customer', 'invoice']),
    applies_to: z.object({ kind: z.string().optional(), segments: z.array(z.string()).optional() }),
    steps: z.array(z.object({ key: z.string(), action: z.string() }).passthrough()),
    created_at: z.string(),
  })
  .passthrough();

export const segmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  rule: z.unknown(),
  strategy_id: z.string(),
  challenger: z.object({ strategy_id: z.string(), percent: z.number().int() }).nullable(),
  created_at: z.string(),
});

export const actionSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  invoice_ids: z.array(z.string()),
  strategy_id: z.string().nullable(),
  strategy_version: z.number().int().nullable(),
  step: z.string(),
  cycle: z.number().int(),
  kind: z.string(),
  channel: z.string().nullable(),
  template: z.string().nullable(),
  variant: z.string().nullable(),
  status: z.string(),
  reason_code: z.string().nullable(),
  reason: z.string().nullable(),
  scheduled_for: z.string(),
  idempotency_key: z.string(),
  fees: z.array(moneySchema),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  sent_at: z.string().nullable(),
});

export const runSchema = z.object({
  id: z.string().nullable(),
  as_of: z.string(),
  dry_run: z.boolean(),
  status: z.string(),
  trigger: z.string().optional(),
  started_at: z.string().optional(),
  finished_at: z.string().nullable().optional(),
  actions: z.array(actionSchema),
  skipped: z.array(
    z.object({ customer_id: z.string(), step: z.string().nullable(), code: z.string(), message: z.string() }),
  ),
  totals: z.object({
    customers: z.number().int(),
    actions: z.number().int(),
    by_status: z.record(z.string(), z.number()),
    by_kind: z.record(z.string(), z.number()),
    skipped: z.record(z.string(), z.number()),
    fees: z.array(moneySchema),
  }),
});

export const taskSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  action_id: z.string().nullable(),
  queue: z.string(),
  kind: z.string(),
  status: z.string(),
  invoice_ids: z.array(z.string()),
  due_on: z.string(),
  note: z.string().nullable(),
  assignee: z.string().nullable(),
  created_at: z.string(),
  completed_at: z.string().nullable(),
});

export const holdSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  reason: z.string(),
  invoice_ids: z.array(z.string()).nullable(),
  starts_at: z.string(),
  ends_at: z.string().nullable(),
  note: z.string().nullable(),
});

export const promiseSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  amount: moneySchema,
  currency: z.string(),
  due_on: z.string(),
  invoice_ids: z.array(z.string()),
  agreed_at: z.string(),
  channel: z.string().nullable(),
  grace_days: z.number().int(),
  kept_by: z.string(),
  paid: moneySchema,
  status: z.enum(['pending', 'kept', 'broken', 'cancelled']),
  cancelled_at: z.string().nullable(),
  as_of: z.string(),
});

export const messageSchema = z.object({
  id: z.string(),
  action_id: z.string(),
  customer_id: z.string(),
  channel: z.string(),
  adapter: z.string(),
  to: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  provider_id: z.string().nullable(),
  status: z.string(),
  created_at: z.string(),
});

export const strategyListSchema = listOf(strategySchema);
export const segmentListSchema = listOf(segmentSchema);
export const actionListSchema = listOf(actionSchema);
export const taskListSchema = listOf(taskSchema);
export const promiseListSchema = listOf(promiseSchema);
export const messageListSchema = listOf(messageSchema);
