/**
 * Interactions: contacts with the debtor that happened outside Recoup's outbox (a collector's
 * call, a letter sent by hand, an inbound call, a visit). They feed the compliance history.
 * An outbound call is judged as it is logged: the check it would have had is recorded with it,
 * and a call that broke a rule is kept as history but flagged (`compliance.flagged`). A
 * `validation_notice` records a notice sent elsewhere, with its validation period end.
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { validationPeriodEndAt } from '../../domain/compliance/index.js';
import { invalid } from '../../domain/errors.js';
import { interactions } from '../../store/schema.js';
import { newId, type Ctx } from '../context.js';
import { resolveCustomer } from '../customers.js';
import { recordEvents, type DomainEvent } from '../events/record.js';
import { dateField, idField, instantField, limitField } from '../fields.js';
import { decodeCursor, toPage } from '../pagination.js';
import { checkInvoicesOf } from './check-api.js';
import { decisionView, judgeContact } from './judge.js';

export const CALL_OUTCOMES = [
  'no_answer',
  'voicemail',
  'conversation',
  'wrong_number',
  'not_connected',
] as const;

export const interactionInput = z
  .object({
    customer_id: idField,
    channel: z.enum(['phone', 'email', 'sms', 'letter', 'visit', 'portal']),
    direction: z.enum(['outbound', 'inbound']),
    occurred_at: instantField,
    outcome: z.enum(CALL_OUTCOMES).optional(),
    kind: z.enum(['validation_notice']).optional(),
    invoice_ids: z.array(idField).default([]),
    notes: z.string().max(5000).optional(),
    /** For a validation notice: the period end printed on it (default: computed from `occurred_at`). */
    validation_period_end: dateField.optional(),
    /** The number or address used (for per-address rules). */
    address: z.string().trim().min(3).max(320).optional(),
  })
  .superRefine((input, issues) => {
    if (input.outcome && input.channel !== 'phone')
      issues.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'only calls (channel phone) have an outcome',
      });
    if (input.kind === 'validation_notice') {
      if (input.direction !== 'outbound')
        issues.addIssue({ code: 'custom', path: ['direction'], message: 'a validation notice is outbound' });
      if (!['letter', 'email', 'sms'].includes(input.channel))
        issues.addIssue({
          code: 'custom',
          path: ['channel'],
          message: 'a validation notice goes by letter, email or sms',
        });
      if (input.invoice_ids.length === 0)
        issues.addIssue({
          code: 'custom',
          path: ['invoice_ids'],
          message: 'name the debts the notice was about',
        });
    } else if (input.validation_period_end)
      issues.addIssue({
        code: 'custom',
        path: ['validation_period_end'],
        message: 'only for kind validation_notice',
      });
  });
export type InteractionInput = z.infer<typeof interactionInput>;

type InteractionRow = typeof interactions.$inferSelect;

export async function recordInteraction(ctx: Ctx, input: InteractionInput) {
  const customer = await resolveCustomer(ctx, { customer_id: input.customer_id });
  await checkInvoicesOf(ctx.db, ctx.tenantId, customer.id, input.invoice_ids);
  const occurredAt = new Date(input.occurred_at);
  if (occurredAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000)
    throw invalid('occurred_at', 'is in the future: record what happened');
  const details: Record<string, unknown> = {};
  if (input.kind === 'validation_notice')
    details.validation_period_end =
      input.validation_period_end ??
      validationPeriodEndAt(occurredAt.getTime(), customer.timeZones[0] ?? 'UTC');
  if (input.address) details.address = input.address;
  return ctx.db.transaction(async (tx) => {
    // A call placed by a person is judged before it joins the history it would be counted in.
    const judged =
      input.channel === 'phone' && input.direction === 'outbound'
        ? decisionView(
            await judgeContact(tx, ctx.tenantId, {
              customerId: customer.id,
              channel: 'phone',
              at: occurredAt,
              invoiceIds: input.invoice_ids,
              address: input.address ?? null,
              automated: false,
            }),
          )
        : null;
    if (judged) details.compliance = judged;
    const [row] = await tx
      .insert(interactions)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        customerId: customer.id,
        channel: input.channel,
        direction: input.direction,
        occurredAt,
        outcome: input.outcome ?? null,
        kind: input.kind ?? null,
        invoiceIds: input.invoice_ids,
        notes: input.notes ?? null,
        details,
        actor: ctx.actor ?? 'system',
      })
      .returning();
    const view = interactionView(row!);
    const events: DomainEvent[] = [
      {
        type: 'interaction.recorded',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'interaction',
        subjectId: row!.id,
        customerId: customer.id,
        data: { ...view, notes: undefined },
      },
    ];
    if (judged && judged.decision !== 'allow')
      events.push({
        ...events[0]!,
        type: 'compliance.flagged',
        data: { interaction_id: row!.id, occurred_at: view.occurred_at, ...judged },
      });
    await recordEvents(tx, ctx.tenantId, events);
    return view;
  });
}

export const interactionListQuery = z.object({
  customer_id: idField,
  limit: limitField,
  cursor: z.string().optional(),
});

export async function listInteractions(ctx: Ctx, query: z.infer<typeof interactionListQuery>) {
  const customer = await resolveCustomer(ctx, { customer_id: query.customer_id });
  const after = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(interactions)
    .where(
      and(
        eq(interactions.tenantId, ctx.tenantId),
        eq(interactions.customerId, customer.id),
        after ? lt(interactions.id, after) : sql`true`,
      ),
    )
    .orderBy(desc(interactions.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, interactionView);
}

export function interactionView(row: InteractionRow) {
  const details = row.details as Record<string, unknown>;
  const compliance = details.compliance as ReturnType<typeof decisionView> | undefined;
  return {
    id: row.id,
    customer_id: row.customerId,
    channel: row.channel,
    direction: row.direction,
    occurred_at: row.occurredAt.toISOString(),
    outcome: row.outcome,
    kind: row.kind,
    invoice_ids: row.invoiceIds,
    notes: row.notes,
    details,
    /** For an outbound call: what the check said at `occurred_at`; `flagged` when it broke a rule. */
    compliance: compliance ?? null,
    flagged: compliance !== undefined && compliance.decision !== 'allow',
    actor: row.actor,
    created_at: row.createdAt.toISOString(),
  };
}
