import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, notFound } from '../domain/errors.js';
import { actions, messages, tasks } from '../store/schema.js';
import type { Ctx } from './context.js';
import { cursorField, idField, limitField } from './fields.js';
import { decodeCursor, toPage } from './pagination.js';
import { actionRowView } from './runs/views.js';

export const ACTION_STATUSES = [
  'planned',
  'deferred',
  'blocked',
  'sending',
  'sent',
  'failed',
  'done',
  'cancelled',
] as const;

export const listActionsQuery = z.object({
  customer_id: idField.optional(),
  run_id: idField.optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  limit: limitField,
  cursor: cursorField,
});

/** What runs decided, newest last (the outbox rows among them). */
export async function listActions(ctx: Ctx, query: z.infer<typeof listActionsQuery>) {
  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(actions.tenantId, ctx.tenantId),
    query.customer_id ? eq(actions.customerId, query.customer_id) : undefined,
    query.run_id ? eq(actions.runId, query.run_id) : undefined,
    query.status ? eq(actions.status, query.status) : undefined,
    after ? gt(actions.id, after) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(actions)
    .where(and(...conditions))
    .orderBy(asc(actions.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, actionRowView);
}

export const TASK_QUEUES = ['collector', 'manager', 'agency'] as const;

export const listTasksQuery = z.object({
  queue: z.enum(TASK_QUEUES).optional(),
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  customer_id: idField.optional(),
  limit: limitField,
  cursor: cursorField,
});

/** Work for people: call tasks, escalations, placements, write-off reviews. */
export async function listTasks(ctx: Ctx, query: z.infer<typeof listTasksQuery>) {
  const after = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.tenantId, ctx.tenantId),
        query.queue ? eq(tasks.queue, query.queue) : undefined,
        query.status ? eq(tasks.status, query.status) : undefined,
        query.customer_id ? eq(tasks.customerId, query.customer_id) : undefined,
        after ? gt(tasks.id, after) : undefined,
      ),
    )
    .orderBy(asc(tasks.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, taskView);
}

export const completeTaskInput = z.object({
  outcome: z.enum(['done', 'cancelled']).default('done'),
  note: z.string().max(2000).optional(),
});

export async function completeTask(ctx: Ctx, id: string, input: z.infer<typeof completeTaskInput>) {
  const [row] = await ctx.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.tenantId, ctx.tenantId), eq(tasks.id, id)));
  if (!row) throw notFound('task', id);
  if (row.status !== 'open')
    throw new RecoupError('rejected', 'task_closed', `task ${id} is already ${row.status}`);
  const [updated] = await ctx.db
    .update(tasks)
    .set({
      status: input.outcome,
      completedAt: ctx.clock.now(),
      note: input.note ? `${row.note ?? ''}\n${input.note}`.trim() : row.note,
    })
    .where(and(eq(tasks.tenantId, ctx.tenantId), eq(tasks.id, id)))
    .returning();
  return taskView(updated!);
}

function taskView(row: typeof tasks.$inferSelect) {
  return {
    id: row.id,
    customer_id: row.customerId,
    action_id: row.actionId,
    queue: row.queue,
    kind: row.kind,
    status: row.status,
    invoice_ids: row.invoiceIds,
    due_on: row.dueOn,
    note: row.note,
    assignee: row.assignee,
    created_at: row.createdAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}

export const listMessagesQuery = z.object({
  customer_id: idField.optional(),
  channel: z.enum(['email', 'sms', 'letter']).optional(),
  limit: limitField,
  cursor: cursorField,
});

/** Messages as sent, with their content: the sandbox mailbox and the customer's timeline. */
export async function listMessages(ctx: Ctx, query: z.infer<typeof listMessagesQuery>) {
  const after = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, ctx.tenantId),
        query.customer_id ? eq(messages.customerId, query.customer_id) : undefined,
        query.channel ? eq(messages.channel, query.channel) : undefined,
        after ? gt(messages.id, after) : undefined,
      ),
    )
    .orderBy(asc(messages.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({
    id: row.id,
    action_id: row.actionId,
    customer_id: row.customerId,
    channel: row.channel,
    adapter: row.adapter,
    to: row.recipient,
    subject: row.subject,
    text: row.bodyText,
    html: row.bodyHtml,
    provider_id: row.providerId,
    status: row.status,
    created_at: row.createdAt.toISOString(),
  }));
}
