/**
 * `GET /reports/strategy-outcomes`: what each strategy step did. For every action sent in the
 * period (its `sent_at`), we look `cure_days` (default 14) days ahead:
 * - cured: every invoice it was about was paid in full (or settled) by then;
 * - collected: payments applied to those invoices from the day it was sent through then;
 * - days to pay: from the day sent to the day the last of them reached zero (cured ones);
 * - opt-outs: the customer opted out of a channel in that window; complaints: a spam
 *   complaint on the message itself.
 * Champion against challenger (`actions.variant`): cure rates compared per step and overall
 * with a two-proportion z-test.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from '../../domain/errors.js';
import { percent, round2, twoProportionZTest } from '../../domain/kpis/index.js';
import { queryRows } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { dateField } from '../fields.js';
import { moneyListView } from '../views.js';

export const strategyOutcomesQuery = z.object({
  from: dateField,
  to: dateField,
  cure_days: z.coerce.number().int().min(1).max(180).default(14),
});

interface ActionOutcome {
  strategy_id: string | null;
  strategy_name: string | null;
  step_key: string;
  template: string | null;
  variant: string;
  cured: boolean;
  days_to_pay: number | null;
  collected: string | null;
  currency: string | null;
  opted_out: boolean;
  complained: boolean;
}

export async function strategyOutcomes(ctx: Ctx, query: z.infer<typeof strategyOutcomesQuery>) {
  if (query.to < query.from) throw invalid('to', 'must not be before from');
  const rows = await loadOutcomes(ctx, query.from, query.to, query.cure_days);
  const groups = new Map<string, ActionOutcome[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.strategy_id, row.step_key, row.template, row.variant]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const data = [...groups.values()].map((list) => {
    const first = list[0]!;
    const cured = list.filter((r) => r.cured);
    const days = cured.map((r) => r.days_to_pay!).filter((d) => d !== null);
    return {
      strategy_id: first.strategy_id,
      strategy_name: first.strategy_name,
      step: first.step_key,
      template: first.template,
      variant: first.variant,
      actions: list.length,
      cured: cured.length,
      cure_rate: percent(cured.length, list.length),
      collected: moneyListView(
        list.filter((r) => r.currency).map((r) => ({ amount: toBigInt(r.collected), currency: r.currency! })),
      ),
      average_days_to_pay: days.length ? round2(days.reduce((s, d) => s + d, 0) / days.length) : null,
      opt_outs: list.filter((r) => r.opted_out).length,
      complaints: list.filter((r) => r.complained).length,
    };
  });
  return { from: query.from, to: query.to, cure_days: query.cure_days, data, experiments: experiments(rows) };
}

/** Champion against challenger, per step key present on both sides, then over all steps. */
function experiments(rows: readonly ActionOutcome[]) {
  const steps = [...new Set(rows.map((r) => r.step_key))].sort();
  const result = [];
  for (const step of [...steps, null]) {
    const scoped = step === null ? rows : rows.filter((r) => r.step_key === step);
    const side = (variant: string) => {
      const list = scoped.filter((r) => r.variant === variant);
      const cured = list.filter((r) => r.cured).length;
      return { actions: list.length, cured, cure_rate: percent(cured, list.length) };
    };
    const champion = side('champion');
    const challenger = side('challenger');
    if (champion.actions === 0 || challenger.actions === 0) continue;
    const test = twoProportionZTest(champion.cured, champion.actions, challenger.cured, challenger.actions);
    result.push({
      step: step ?? 'all',
      champion,
      challenger,
      ...test,
      significant: test.p_value !== null && test.p_value < 0.05,
    });
  }
  return result;
}

async function loadOutcomes(ctx: Ctx, from: string, to: string, cureDays: number) {
  return queryRows<ActionOutcome>(
    ctx.db,
    sql`WITH acts AS (
          SELECT a.id, a.customer_id, a.invoice_ids, a.strategy_id, a.step_key, a.template,
            COALESCE(a.variant, 'champion') AS variant, a.sent_at, (a.sent_at AT TIME ZONE 'UTC')::date AS sent_on
          FROM actions a
          WHERE a.tenant_id = ${ctx.tenantId} AND a.status = 'sent' AND a.sent_at IS NOT NULL
            AND a.sent_at >= ${from}::date AND a.sent_at < ${to}::date + 1
        ),
        items AS (
          SELECT acts.id AS action_id, i.id AS invoice_id, i.currency, i.total,
            (SELECT SUM(CASE WHEN e.kind = 'charge' THEN e.amount ELSE -e.amount END) FROM ledger_entries e
              WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.effective_on <= acts.sent_on + ${cureDays}::int) AS delta,
            (SELECT MAX(e.effective_on) FROM ledger_entries e
              WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.kind <> 'charge'
                AND e.effective_on <= acts.sent_on + ${cureDays}::int) AS last_on,
            (SELECT SUM(e.amount) FROM ledger_entries e
              WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.kind = 'allocation' AND e.source_kind = 'payment'
                AND e.effective_on BETWEEN acts.sent_on AND acts.sent_on + ${cureDays}::int) AS collected
          FROM acts JOIN invoices i ON i.tenant_id = ${ctx.tenantId} AND i.id = ANY(acts.invoice_ids)
        )
        SELECT acts.strategy_id, s.name AS strategy_name, acts.step_key, acts.template, acts.variant,
          COALESCE(bool_and(it.total + COALESCE(it.delta, 0) = 0), false) AS cured,
          CASE WHEN bool_and(it.total + COALESCE(it.delta, 0) = 0) THEN GREATEST(0, MAX(it.last_on) - MIN(acts.sent_on)) END AS days_to_pay,
          SUM(it.collected)::text AS collected, MIN(it.currency) AS currency,
          EXISTS (SELECT 1 FROM contact_preferences cp WHERE cp.tenant_id = ${ctx.tenantId} AND cp.customer_id = acts.customer_id
            AND cp.kind = 'opt_out' AND cp.effective_at >= acts.sent_at
            AND cp.effective_at < acts.sent_at + make_interval(days => ${cureDays}::int)) AS opted_out,
          EXISTS (SELECT 1 FROM messages m JOIN message_events me ON me.tenant_id = m.tenant_id AND me.message_id = m.id
            WHERE m.tenant_id = ${ctx.tenantId} AND m.action_id = acts.id AND me.kind = 'complained') AS complained
        FROM acts
        LEFT JOIN items it ON it.action_id = acts.id
        LEFT JOIN strategies s ON s.tenant_id = ${ctx.tenantId} AND s.id = acts.strategy_id
        GROUP BY acts.id, acts.customer_id, acts.sent_at, acts.strategy_id, s.name, acts.step_key, acts.template, acts.variant
        ORDER BY s.name, acts.step_key, acts.variant`,
  );
}
