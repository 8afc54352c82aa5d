import { sql } from 'drizzle-orm';
import { localDate } from '../../domain/dates.js';
import { RecoupError, invalid } from '../../domain/errors.js';
import { checkPlanRules, type RuleProblem } from '../../domain/plans/index.js';
import { paymentPlans, planInstalments } from '../../store/schema.js';
import { plainArray } from '../../store/sql-values.js';
import type { Db } from '../../store/database.js';
import { lockCustomer } from '../ledger/entries.js';
import { DEFAULT_SETTINGS, newId, today, type Ctx } from '../context.js';
import { findCustomer } from '../customers.js';
import { markForReview } from '../collection-review.js';
import { recordEvents } from '../events/record.js';
import { queueConfirmation } from '../engagement/confirmation.js';
import { moneyView } from '../views.js';
import type { PlanInput } from './input.js';
import { loadPlans, stateOf } from './load.js';
import { checkInvoices, minimumInstalment, scheduleFor } from './validate.js';
import { planView } from './view.js';

export interface CreatePlanOptions {
  /** `api` (staff: the organisation's limits are advice) or `portal` (outside them: pending review). */
  source?: 'api' | 'portal';
}

/**
 * Agrees a payment plan over some of a customer's invoices: the instalments replace their due
 * dates for the strategy (held while the plan is in good standing), a written confirmation
 * goes to the outbox, and the next run looks at the customer again.
 */
export async function createPlan(ctx: Ctx, input: PlanInput, options: CreatePlanOptions = {}) {
  const source = options.source ?? 'api';
  const customer = await findCustomer(ctx.db, ctx.tenantId, input.customer_id).catch(() => {
    throw invalid('customer_id', `no customer ${input.customer_id}`, 'unknown_customer');
  });
  const zone = customer.timeZones[0] ?? ctx.timeZone;
  const agreedAt = input.agreed_at ? new Date(input.agreed_at) : ctx.clock.now();
  const agreedOn = localDate(agreedAt, zone);
  const id = newId();
  return ctx.db.transaction(async (tx) => {
    // Checked under the customer's lock: two plans at once cannot both take an invoice.
    await lockCustomer(tx, ctx.tenantId, customer.id);
    const invoices = await checkInvoices(tx, ctx.tenantId, customer.id, input.invoice_ids);
    const underPlans = invoices.planOf.map((r) => r.plan_id!);
    await refuseInvoicesUnderActivePlan(tx, ctx, input.invoice_ids, underPlans);
    const plan = scheduleFor(input, invoices.currency, invoices.balance, agreedOn, ctx.settings);
    const problems = planRuleProblems(ctx, plan.currency, agreedOn, plan.instalments);
    await tx.insert(paymentPlans).values({
      tenantId: ctx.tenantId,
      id,
      customerId: customer.id,
      invoiceIds: input.invoice_ids,
      currency: plan.currency,
      total: plan.total,
      agreedAt,
      graceDays: ctx.settings.grace_days,
      defaultAfter: ctx.settings.plan_default_after,
      approval: source === 'portal' && problems.length > 0 ? 'pending_review' : 'active',
      source,
    });
    await tx.insert(planInstalments).values(
      plan.instalments.map((i, position) => ({
        tenantId: ctx.tenantId,
        planId: id,
        position,
        dueOn: i.dueOn,
        amount: i.amount,
        isDownPayment: i.isDownPayment,
      })),
    );
    await markForReview(tx, ctx.tenantId, [customer.id]);
    const confirmation =
      (input.confirm ?? true)
        ? await queueConfirmation(tx, ctx, {
            customerId: customer.id,
            template: 'payment_plan_confirmation',
            event: 'payment_plan_agreed',
            subjectId: id,
            invoiceIds: input.invoice_ids,
            channels: ['email', 'letter'],
            extra: {
              plan: {
                instalments: plan.instalments.map((i) => ({
                  due_date: i.dueOn,
                  amount: moneyView(i.amount, plan.currency),
                })),
              },
            },
            today: today(ctx),
          })
        : null;
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'payment_plan.created',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'payment_plan',
        subjectId: id,
        customerId: customer.id,
        data: { invoice_ids: input.invoice_ids, total: moneyView(plan.total, plan.currency), source },
      },
    ]);
    const [record] = await loadPlans(tx, ctx.tenantId, sql`p.id = ${id}`);
    return {
      ...planView(record!, stateOf(record!, agreedOn), agreedOn),
      rule_problems: problems.map((p) => ({ code: p.code, path: p.path, message: p.message })),
      confirmation,
    };
  });
}

/** Which of the organisation's limits a proposed schedule breaks (none: the portal may accept it). */
export function planRuleProblems(
  ctx: Ctx,
  currency: string,
  agreedOn: string,
  instalments: Parameters<typeof checkPlanRules>[0]['instalments'],
): RuleProblem[] {
  const limits = { ...DEFAULT_SETTINGS.payment_plans, ...ctx.settings.payment_plans };
  return checkPlanRules(
    { agreedOn, instalments },
    {
      maxInstalments: limits.max_instalments,
      maxDurationDays: limits.max_duration_days,
      minInstalment: minimumInstalment(ctx.settings, currency),
    },
  );
}

async function refuseInvoicesUnderActivePlan(tx: Db, ctx: Ctx, invoiceIds: string[], planIds: string[]) {
  if (planIds.length === 0) return;
  const plans = await loadPlans(tx, ctx.tenantId, sql`p.id = ANY(${plainArray(planIds)}::uuid[])`);
  for (const plan of plans) {
    if (stateOf(plan, today(ctx)).status !== 'active') continue;
    const index = invoiceIds.findIndex((id) => plan.invoiceIds.includes(id));
    throw new RecoupError(
      'conflict',
      'invoice_under_plan',
      `invoice ${invoiceIds[index]} is already under payment plan ${plan.id}`,
      [{ path: `invoice_ids[${index}]`, message: `is already under active payment plan ${plan.id}` }],
    );
  }
}
