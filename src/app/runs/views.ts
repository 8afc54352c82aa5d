import type { actions } from '../../store/schema.js';
import type { PlannedAction } from './plan.js';
import { moneyView, type MoneyView } from '../views.js';

export interface ActionView {
  id: string;
  customer_id: string;
  invoice_ids: string[];
  strategy_id: string | null;
  strategy_version: number | null;
  step: string;
  cycle: number;
  kind: string;
  channel: string | null;
  template: string | null;
  variant: string | null;
  status: string;
  reason_code: string | null;
  reason: string | null;
  scheduled_for: string;
  idempotency_key: string;
  fees: MoneyView[];
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
}

export function plannedActionView(a: PlannedAction): ActionView {
  return {
    id: a.id,
    customer_id: a.customerId,
    invoice_ids: a.invoiceIds,
    strategy_id: a.strategyId,
    strategy_version: a.strategyVersion,
    step: a.stepKey,
    cycle: a.cycle,
    kind: a.kind,
    channel: a.channel,
    template: a.template,
    variant: a.variant,
    status: a.status,
    reason_code: a.reasonCode,
    reason: a.reason,
    scheduled_for: a.scheduledFor.toISOString(),
    idempotency_key: a.idempotencyKey,
    fees: a.fees.map((f) => moneyView(f.amount, f.currency)),
    attempts: 0,
    last_error: null,
    sent_at: null,
  };
}

export function actionRowView(row: typeof actions.$inferSelect): ActionView {
  const fees = (row.payload as { fees?: MoneyView[] }).fees ?? [];
  return {
    id: row.id,
    customer_id: row.customerId,
    invoice_ids: row.invoiceIds,
    strategy_id: row.strategyId,
    strategy_version: row.strategyVersion,
    step: row.stepKey,
    cycle: row.cycle,
    kind: row.kind,
    channel: row.channel,
    template: row.template,
    variant: row.variant,
    status: row.status,
    reason_code: row.reasonCode,
    reason: row.reason,
    scheduled_for: row.scheduledFor.toISOString(),
    idempotency_key: row.idempotencyKey,
    fees: fees.map(({ amount, currency }) => ({ amount, currency })),
    attempts: row.attempts,
    last_error: row.lastError,
    sent_at: row.sentAt?.toISOString() ?? null,
  };
}
