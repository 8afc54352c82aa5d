import { and, eq, sql } from 'drizzle-orm';
import { RecoupError, notFound } from '../../domain/errors.js';
import { paymentPlans } from '../../store/schema.js';
import { today, type Ctx } from '../context.js';
import { markForReview } from '../collection-review.js';
import { recordEvents } from '../events/record.js';
import { loadPlans, stateOf } from './load.js';
import { planView } from './view.js';

/** A person accepts a plan proposed outside the organisation's limits (from the portal). */
export async function approvePlan(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const [record] = await loadPlans(tx, ctx.tenantId, sql`p.id = ${id}`);
    if (!record) throw notFound('payment plan', id);
    if (record.approval !== 'pending_review')
      throw new RecoupError('rejected', 'plan_not_pending', `payment plan ${id} is not waiting for review`);
    if (record.cancelledAt)
      throw new RecoupError('rejected', 'plan_cancelled', `payment plan ${id} was cancelled`);
    await tx
      .update(paymentPlans)
      .set({ approval: 'active' })
      .where(and(eq(paymentPlans.tenantId, ctx.tenantId), eq(paymentPlans.id, id)));
    await markForReview(tx, ctx.tenantId, [record.customerId]);
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'payment_plan.approved',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'payment_plan',
        subjectId: id,
        customerId: record.customerId,
        data: {},
      },
    ]);
    const on = today(ctx);
    return planView({ ...record, approval: 'active' }, stateOf(record, on), on);
  });
}
