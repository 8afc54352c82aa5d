/**
 * The demo's arrangements with debtors, so a fresh install shows them: payment plans in each
 * state, promises pending and broken, disputes open and resolved, and reasons for non-payment.
 * Made through the use cases, on customers picked in a fixed order from the seeded ledger; no
 * money moves, so the seeded balances stay what the generator computed.
 */
import { sql } from 'drizzle-orm';
import { addDays, startOfLocalDay, type CalendarDate } from '../../domain/dates.js';
import { formatAmount } from '../../domain/money.js';
import { queryRows } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { openDispute, resolveDispute } from '../disputes/index.js';
import { recordNonPaymentReason } from '../engagement/non-payment-reasons.js';
import { createPlan } from '../plans/index.js';
import { createPromise } from '../promises.js';

export interface EngagementCounts {
  plans: number;
  promises: number;
  disputes: number;
  reasons: number;
}

interface Debtor {
  customerId: string;
  invoices: { id: string; currency: string; balance: bigint; dueDate: CalendarDate }[];
}

/** Customers owing overdue money in the organisation's base currency, in external id order. */
async function debtors(ctx: Ctx, today: CalendarDate, currency: string): Promise<Debtor[]> {
  const rows = await queryRows<{
    customer_id: string;
    id: string;
    currency: string;
    balance: string;
    due_date: string;
  }>(
    ctx.db,
    sql`SELECT i.customer_id, i.id, i.currency, i.balance::text AS balance, i.due_date::text AS due_date
        FROM invoices i JOIN customers c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id
        WHERE i.tenant_id = ${ctx.tenantId} AND i.balance > 0 AND i.due_date < ${today}::date
          AND i.currency = ${currency}
        ORDER BY c.external_id, i.due_date, i.number`,
  );
  const byCustomer = new Map<string, Debtor>();
  for (const row of rows) {
    const debtor = byCustomer.get(row.customer_id) ?? { customerId: row.customer_id, invoices: [] };
    debtor.invoices.push({
      id: row.id,
      currency: row.currency,
      balance: toBigInt(row.balance),
      dueDate: row.due_date,
    });
    byCustomer.set(row.customer_id, debtor);
  }
  return [...byCustomer.values()];
}

export async function seedEngagement(
  ctx: Ctx,
  today: CalendarDate,
  currency: string,
): Promise<EngagementCounts> {
  const at = (day: CalendarDate) =>
    new Date(startOfLocalDay(day, ctx.timeZone).getTime() + 10 * 3_600_000).toISOString();
  const list = await debtors(ctx, today, currency);
  const take = () => list.shift();
  const counts: EngagementCounts = { plans: 0, promises: 0, disputes: 0, reasons: 0 };

  // Plans: one agreed today (confirmed in writing), one behind by an instalment, one in default.
  const plans: { agreed: number; start: number; count: number; frequency: 'weekly' | 'monthly' }[] = [
    { agreed: 0, start: 7, count: 4, frequency: 'monthly' },
    { agreed: -20, start: -10, count: 6, frequency: 'weekly' },
    { agreed: -75, start: -60, count: 3, frequency: 'monthly' },
  ];
  for (const plan of plans) {
    const debtor = take();
    if (!debtor) break;
    const agreedOn = addDays(today, plan.agreed);
    await createPlan(ctx, {
      customer_id: debtor.customerId,
      invoice_ids: debtor.invoices.map((i) => i.id),
      count: plan.count,
      frequency: plan.frequency,
      start_on: addDays(today, plan.start),
      ...(plan.agreed < 0 && { agreed_at: at(agreedOn) }),
      confirm: plan.agreed === 0,
    });
    counts.plans++;
  }

  // Promises: one pending, one broken.
  for (const [agreed, due] of [
    [-2, 5],
    [-25, -12],
  ] as const) {
    const debtor = take();
    if (!debtor) break;
    const first = debtor.invoices[0]!;
    await createPromise(ctx, {
      customer_id: debtor.customerId,
      amount: formatAmount(first.balance, first.currency),
      currency: first.currency,
      due_on: addDays(today, due),
      invoice_ids: [first.id],
      agreed_at: at(addDays(today, agreed)),
      channel: 'phone',
      confirm: false,
    });
    counts.promises++;
  }

  // Disputes: two open (a few days and some weeks old), one rejected with evidence.
  const disputes = [
    { opened: -3, reason: 'goods_not_received', note: 'Delivery never arrived at the warehouse.' },
    { opened: -40, reason: 'wrong_amount', note: 'Price differs from the quotation.' },
    { opened: -30, reason: 'quality', note: 'Two units damaged.', resolved: -10 },
  ] as const;
  for (const dispute of disputes) {
    const debtor = take();
    if (!debtor) break;
    const opened = await openDispute(ctx, {
      invoice_id: debtor.invoices[0]!.id,
      reason_code: dispute.reason,
      note: dispute.note,
      opened_at: at(addDays(today, dispute.opened)),
      source: 'email',
      attachments: [],
    });
    if ('resolved' in dispute)
      await resolveDispute(ctx, opened.id, {
        outcome: 'rejected',
        resolved_at: at(addDays(today, dispute.resolved)),
        note: 'Photos show the goods intact on delivery; delivery note signed.',
      });
    counts.disputes++;
  }

  // Reasons for non-payment, as collectors hear them.
  const reasons = ['cash_flow', 'awaiting_approval', 'lost_invoice', 'cash_flow', 'not_received'] as const;
  for (const [index, reason] of reasons.entries()) {
    const debtor = take();
    if (!debtor) break;
    await recordNonPaymentReason(ctx, debtor.customerId, {
      reason,
      invoice_ids: [debtor.invoices[0]!.id],
      recorded_at: at(addDays(today, -1 - index * 3)),
      source: 'phone',
    });
    counts.reasons++;
  }
  return counts;
}
