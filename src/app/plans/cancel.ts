import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { localDate } from '../../domain/dates.js';
import { RecoupError, invalid, notFound } from '../../domain/errors.js';
import { paymentPlans } from '../../store/schema.js';
import type { Ctx } from '../context.js';
import { markForReview } from '../collection-review.js';
import { recordEvents } from '../events/record.js';
import type { cancelPlanInput } from './input.js';
import { loadPlans, stateOf } from './load.js';
import { planView } from './view.js';

/** Ends a plan: its invoices are chased again by the strategy from the next run. */
export async function cancelPlan(ctx: Ctx, id: string, input: z.infer<typeof cancelPlanInput>) {
  const at = input.cancelled_at ? new Date(input.cancelled_at) : ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [record] = await loadPlans(tx, ctx.tenantId, sql`p.id = ${id}`);
    if (!record) throw notFound('payment plan', id);
    if (record.cancelledAt)
      throw new RecoupError('rejected', 'plan_cancelled', `payment plan ${id} was cancelled already`);
    if (at < record.agreedAt) throw invalid('cancelled_at', 'is before the plan was agreed');
    const on = localDate(at, record.zone);
    const status = stateOf(record, on).status;
    if (status === 'completed')
      throw new RecoupError('rejected', 'plan_completed', `payment plan ${id} is paid in full`);
    await tx
      .update(paymentPlans)
      .set({ cancelledAt: at })
      .where(and(eq(paymentPlans.tenantId, ctx.tenantId), eq(paymentPlans.id, id)));
    await markForReview(tx, ctx.tenantId, [record.customerId]);
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'payment_plan.cancelled',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'payment_plan',
        subjectId: id,
        customerId: record.customerId,
        data: { cancelled_at: at.toISOString(), reason: input.reason ?? null, status_before: status },
      },
    ]);
    const cancelled = { ...record, cancelledAt: at, terms: { ...record.terms, cancelledOn: on } };
    return planView(cancelled, stateOf(cancelled, on), on);
  });
}
