/**
 * A message a collector sends by hand (an email, a text, a letter): checked like the run's,
 * then put in the outbox as an action of kind `manual` (planned, deferred to the next allowed
 * instant, or blocked with its reasons). The dispatcher sends planned ones and checks them
 * again just before; the decision goes to the audit log.
 */
import { and, eq, gt, inArray, asc } from 'drizzle-orm';
import { z } from 'zod';
import type { PostalAddress } from '../../channels/message.js';
import { localDate } from '../../domain/dates.js';
import { RecoupError } from '../../domain/errors.js';
import { actions, contacts, invoices, organisations } from '../../store/schema.js';
import { customerMessageData } from '../message-data.js';
import { newId, type Ctx } from '../context.js';
import { findCustomer } from '../customers.js';
import { recordEvents } from '../events/record.js';
import { idField } from '../fields.js';
import { postalAddress } from '../runs/plan.js';
import { actionRowView } from '../runs/views.js';
import { checkInvoicesOf } from './check-api.js';
import { decisionView, judgeContact } from './judge.js';

export const manualMessageInput = z.object({
  channel: z.enum(['email', 'sms', 'letter']),
  template: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, { message: 'must be a template name such as overdue_notice' }),
  /** The debts it is about; default: every open invoice of the customer. */
  invoice_ids: z.array(idField).optional(),
  /** Email address or number; default: the customer's primary one. */
  to: z.string().trim().min(3).max(320).optional(),
});

export async function sendManualMessage(
  ctx: Ctx,
  customerId: string,
  input: z.infer<typeof manualMessageInput>,
) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  if (input.invoice_ids) await checkInvoicesOf(ctx.db, ctx.tenantId, customer.id, input.invoice_ids);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const open = await tx
      .select()
      .from(invoices)
      .where(
        and(
          eq(invoices.tenantId, ctx.tenantId),
          eq(invoices.customerId, customer.id),
          input.invoice_ids ? inArray(invoices.id, input.invoice_ids) : gt(invoices.balance, 0n),
        ),
      )
      .orderBy(asc(invoices.dueDate), asc(invoices.number));
    const to =
      input.channel === 'letter'
        ? postalAddress(customer.address, customer.country)
        : await addressFor(tx, ctx.tenantId, customer.id, input);
    if (!to)
      throw new RecoupError(
        'rejected',
        'no_address',
        `the customer has no ${input.channel === 'letter' ? 'postal address' : input.channel === 'email' ? 'email address' : 'phone number'}`,
        [{ path: input.channel === 'letter' ? 'channel' : 'to', message: 'no address to send to' }],
      );
    const invoiceIds = open.map((i) => i.id);
    const decision = await judgeContact(tx, ctx.tenantId, {
      customerId: customer.id,
      channel: input.channel,
      at: now,
      invoiceIds,
      address: typeof to === 'string' ? to : null,
    });
    const status =
      decision.decision === 'allow' ? 'planned' : decision.decision === 'defer' ? 'deferred' : 'blocked';
    const [org] = await tx.select().from(organisations).where(eq(organisations.tenantId, ctx.tenantId));
    const today = localDate(now, customer.timeZones[0] ?? 'UTC');
    const data = customerMessageData({
      organisation: org!,
      customer,
      items: open,
      today,
      step: { strategy: 'manual', key: 'manual', offset_days: null, event: null },
    });
    const id = newId();
    const scheduledFor = decision.nextAllowedAt ?? now;
    const [row] = await tx
      .insert(actions)
      .values({
        tenantId: ctx.tenantId,
        id,
        runId: null,
        customerId: customer.id,
        invoiceIds,
        stepKey: 'manual',
        cycle: 0,
        kind: 'manual',
        channel: input.channel,
        template: input.template,
        status,
        reasonCode: decision.reasons[0]?.code ?? null,
        reason: decision.reasons.map((r) => r.message).join('; ') || null,
        scheduledFor,
        idempotencyKey: `manual:${id}`,
        payload: {
          to: to as string | PostalAddress,
          language: customer.language,
          data,
          requires: decision.requires,
          requested_by: ctx.actor ?? 'system',
          compliance: { reasons: decision.reasons, rule_packs: decision.rulePacks },
        },
        nextAttemptAt: status === 'blocked' ? null : scheduledFor,
      })
      .returning();
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'compliance.decided',
        at: now,
        actor: ctx.actor ?? 'system',
        subjectType: 'action',
        subjectId: id,
        customerId: customer.id,
        id: `compliance.decided:${id}`,
        data: {
          action_id: id,
          step: 'manual',
          channel: input.channel,
          template: input.template,
          invoice_ids: invoiceIds,
          ...decisionView(decision),
        },
      },
    ]);
    return { ...actionRowView(row!), compliance: decisionView(decision) };
  });
}

async function addressFor(
  tx: Ctx['db'],
  tenantId: string,
  customerId: string,
  input: z.infer<typeof manualMessageInput>,
): Promise<string | null> {
  if (input.to) return input.to;
  const [contact] = await tx
    .select({ value: contacts.value })
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, tenantId),
        eq(contacts.customerId, customerId),
        eq(contacts.channel, input.channel === 'email' ? 'email' : 'phone'),
      ),
    )
    .orderBy(asc(contacts.id))
    .limit(1);
  return contact?.value ?? null;
}
