/**
 * `GET /worklist`: every customer with an overdue balance that may be chased on `as_of` (no
 * customer-wide stop such as cease communication, bankruptcy, placement; items under a dispute,
 * a pending promise or a plan in good standing left out), ranked by score (score.ts).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CalendarDate } from '../../domain/dates.js';
import { minorDigits } from '../../domain/currencies.js';
import { queryRows } from '../../store/database.js';
import { pgArray } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { asOfDate } from '../as-of.js';
import { customerHolds } from '../customer-holds.js';
import { asOfField } from '../fields.js';
import { CUSTOMER_WIDE_STOPS } from '../holds.js';
import { moneyListView } from '../views.js';
import { alertsByCustomer } from '../analytics/alerts.js';
import { predictOpenInvoices, type InvoicePrediction } from '../analytics/predictions.js';
import { callTasksDue, recentBrokenPromises, recentMissedInstalments } from './facts.js';
import { worklistScore } from './score.js';
import { currencyScale } from './currency-scale.js';

export const worklistQuery = z.object({
  as_of: asOfField.optional(),
  assignee: z.string().min(1).max(200).optional(),
});

export interface WorklistEntry {
  customer_id: string;
  name: string;
  assignee: string | null;
  segment: string;
  score: number;
  overdue: { amount: string; currency: string }[];
  overdue_invoices: number;
  oldest_days_past_due: number;
  probability_paid_within_30_days: number;
  reasons: { code: string; message: string }[];
}

export async function worklist(ctx: Ctx, query: z.infer<typeof worklistQuery>) {
  const asOf = asOfDate(ctx, query.as_of);
  return { as_of: asOf, data: await buildWorklist(ctx, asOf, query.assignee), next_cursor: null };
}

export async function buildWorklist(
  ctx: Ctx,
  asOf: CalendarDate,
  assignee?: string,
): Promise<WorklistEntry[]> {
  const overdue = await predictOpenInvoices(ctx, asOf, sql`i.due_date < ${asOf}`);
  const byCustomer = new Map<string, InvoicePrediction[]>();
  for (const p of overdue) {
    if (p.invoice.status === 'disputed') continue;
    const list = byCustomer.get(p.invoice.customerId) ?? [];
    list.push(p);
    byCustomer.set(p.invoice.customerId, list);
  }
  const people = await customersOf(ctx, [...byCustomer.keys()]);
  const chaseable = new Map<string, InvoicePrediction[]>();
  for (const [customerId, items] of byCustomer) {
    const person = people.get(customerId);
    if (!person || (assignee !== undefined && person.assignee !== assignee)) continue;
    const holds = await customerHolds(ctx.db, ctx.tenantId, customerId, asOf);
    if (holds.some((h) => CUSTOMER_WIDE_STOPS.includes(h.reason))) continue;
    const held = new Set(holds.flatMap((h) => h.invoice_ids));
    const free = items.filter((p) => !held.has(p.invoice.id));
    if (free.length) chaseable.set(customerId, free);
  }
  const ids = [...chaseable.keys()];
  if (ids.length === 0) return [];
  const tasks = await callTasksDue(ctx, ids, asOf);
  const broken = await recentBrokenPromises(ctx, ids, asOf);
  const missed = await recentMissedInstalments(ctx, ids, asOf);
  const alerts = await alertsByCustomer(ctx, asOf, ids);
  const scale = await currencyScale(ctx, asOf);

  const entries = ids.map((customerId): WorklistEntry => {
    const items = chaseable.get(customerId)!;
    const person = people.get(customerId)!;
    // In (roughly) base-currency units, so customers owing in different currencies compare.
    const major = items.reduce(
      (s, p) =>
        s +
        (Number(p.invoice.balance) / 10 ** minorDigits(p.invoice.currency)) *
          (scale.get(p.invoice.currency) ?? 1),
      0,
    );
    const weight = items.reduce((s, p) => s + Number(p.invoice.balance), 0);
    const selfCure =
      items.reduce((s, p) => s + p.probability_within_30_days * Number(p.invoice.balance), 0) / weight;
    const oldest = Math.max(...items.map((p) => p.invoice.daysPastDue));
    const customerAlerts = alerts.get(customerId) ?? [];
    const facts = {
      overdue: major,
      overdueInvoices: items.length,
      selfCure,
      callTasksDue: tasks.get(customerId) ?? 0,
      brokenPromises: broken.get(customerId) ?? 0,
      missedInstalments: missed.get(customerId) ?? 0,
      alerts: customerAlerts,
    };
    const balances = moneyListView(
      items.map((p) => ({ amount: p.invoice.balance, currency: p.invoice.currency })),
    );
    const reasons = [
      {
        code: 'overdue',
        message: `${balances.map((b) => `${b.currency} ${b.amount}`).join(' + ')} overdue on ${items.length} invoice${items.length > 1 ? 's' : ''}, the oldest ${oldest} days past due`,
      },
      {
        code: 'expected_recovery',
        message: `${Math.round(selfCure * 100)} % likely to be paid within 30 days of due without a call (payment history)`,
      },
    ];
    if (facts.callTasksDue)
      reasons.push({ code: 'call_task_due', message: `${facts.callTasksDue} call task(s) due` });
    if (facts.brokenPromises)
      reasons.push({
        code: 'promise_broken',
        message: `${facts.brokenPromises} promise(s) broken in the last 30 days`,
      });
    if (facts.missedInstalments)
      reasons.push({
        code: 'instalment_missed',
        message: `${facts.missedInstalments} plan instalment(s) missed in the last 30 days`,
      });
    for (const alert of customerAlerts) reasons.push({ code: alert.code, message: alert.message });
    return {
      customer_id: customerId,
      name: person.name,
      assignee: person.assignee,
      segment: person.segment,
      score: worklistScore(facts),
      overdue: balances,
      overdue_invoices: items.length,
      oldest_days_past_due: oldest,
      probability_paid_within_30_days: Math.round(selfCure * 1000) / 1000,
      reasons,
    };
  });
  return entries.sort((a, b) => b.score - a.score || (a.customer_id < b.customer_id ? -1 : 1));
}

async function customersOf(ctx: Ctx, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { name: string; assignee: string | null; segment: string }>();
  const rows = await queryRows<{ id: string; name: string; assignee: string | null; segment: string }>(
    ctx.db,
    sql`SELECT c.id, c.name, c.assignee, COALESCE(s.segment, 'default') AS segment
        FROM customers c LEFT JOIN collection_states s ON s.tenant_id = c.tenant_id AND s.customer_id = c.id
        WHERE c.tenant_id = ${ctx.tenantId} AND c.id = ANY(${pgArray(ids)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}
