/**
 * The validation notice (FDCPA §809(a), Regulation F §1006.34) goes before any collection
 * message about a debt. When the run proposes a message to a US consumer about debts whose
 * notice was never sent (and none is waiting in the outbox), it sends the notice instead, by
 * email or letter: the collection message would only be blocked (`validation_notice_not_sent`),
 * and the next step goes out once the notice was sent. The itemization is added by the run when
 * the action is written (it reads the ledger); the validation period end is printed from the
 * day the notice is scheduled for.
 */
import type { MessageData } from '../../channels/message.js';
import { validationPeriodEnd } from '../../domain/compliance/index.js';
import { localDate } from '../../domain/dates.js';
import { formatAmount, parseAmount, totalsByCurrency } from '../../domain/money.js';
import type { MessageChannel } from '../../domain/strategies/document.js';
import { checkContact } from '../runs/comply.js';
import type { PlanContext, PlannedAction } from '../runs/plan.js';
import type { CustomerBatchSnapshot } from '../runs/snapshot.js';

export const VALIDATION_TEMPLATE = 'validation_notice';

/** Packs under which the notice is owed (a state pack brings the federal one). */
const NOTICE_PACKS = ['us_federal_consumer', 'us_ma'];

type Reach = (
  channels: readonly { channel: MessageChannel; template: string }[],
  snapshot: CustomerBatchSnapshot,
  at: Date,
) => { channel: MessageChannel | null; to: unknown; why: string[] };

/** The action to write instead of `action`: the notice, when one is owed; else `action` itself. */
export function withValidationNotice(
  action: PlannedAction,
  snapshot: CustomerBatchSnapshot,
  context: PlanContext,
  reach: Reach,
): PlannedAction {
  if (!owesNotice(action, snapshot, context)) return action;
  const facts = snapshot.compliance;
  const missing = action.invoiceIds.filter((id) => facts.debts[id]?.validationNoticeSentAt === undefined);
  if (missing.length === 0 || missing.some((id) => facts.pendingValidationNotices.includes(id)))
    return action;
  const data = (action.payload as { data?: MessageData }).data;
  if (!data) return action;
  const preferred: MessageChannel[] = action.channel === 'letter' ? ['letter', 'email'] : ['email', 'letter'];
  const route = reach(
    preferred.map((channel) => ({ channel, template: VALIDATION_TEMPLATE })),
    snapshot,
    context.asOf,
  );
  if (!route.channel) return action;
  const decision = checkContact(
    {
      channel: route.channel,
      address: typeof route.to === 'string' ? route.to : null,
      at: context.asOf,
      invoiceIds: missing,
      purpose: 'validation_notice',
    },
    { ...snapshot, rulePacks: context.rulePacks },
  );
  if (decision.decision === 'block') return action;
  const scheduledFor = decision.nextAllowedAt ?? context.asOf;
  const timeZone = snapshot.customer.timeZones[0] ?? 'UTC';
  const sentOn = localDate(scheduledFor, timeZone);
  return {
    ...action,
    invoiceIds: missing,
    channel: route.channel,
    template: VALIDATION_TEMPLATE,
    kind: route.channel,
    status: decision.decision === 'allow' ? 'planned' : 'deferred',
    reasonCode: 'validation_notice_first',
    reason: `the validation notice goes first (12 CFR 1006.34); the step ${action.stepKey} waits for it${
      decision.reasons.length ? `; ${decision.reasons.map((r) => r.message).join('; ')}` : ''
    }`,
    scheduledFor,
    idempotencyKey: `${action.idempotencyKey}:validation_notice`,
    payload: {
      ...action.payload,
      to: route.to,
      requires: decision.requires,
      data: {
        ...withoutFee(data),
        items: data.items.filter((i) => missing.includes(i.invoice_id)),
        totals: totalsOf(data.items.filter((i) => missing.includes(i.invoice_id))),
        validation: {
          validation_period_end: validationPeriodEnd(sentOn),
          sent_on: sentOn,
          itemization_date: null,
          items: [],
        },
      } satisfies MessageData,
    },
    // A notice carries no fee, whatever the step charged.
    fees: [],
  };
}

function withoutFee(data: MessageData): MessageData {
  const { fee: _fee, ...rest } = data;
  return rest;
}

/** What the notice's items owe, per currency (the step's totals may cover more items and a fee). */
function totalsOf(items: MessageData['items']): MessageData['totals'] {
  return totalsByCurrency(
    items.map((i) => ({
      amount: parseAmount(i.balance.amount, i.balance.currency),
      currency: i.balance.currency,
    })),
  ).map((t) => ({ amount: formatAmount(t.amount, t.currency), currency: t.currency }));
}

function owesNotice(action: PlannedAction, snapshot: CustomerBatchSnapshot, context: PlanContext): boolean {
  const { customer } = snapshot;
  return (
    (action.status === 'blocked' || action.status === 'deferred') &&
    action.channel !== null &&
    action.channel !== 'phone' &&
    action.template !== VALIDATION_TEMPLATE &&
    customer.kind === 'consumer' &&
    customer.country === 'US' &&
    context.rulePacks.some((ref) => NOTICE_PACKS.includes(ref.split('@')[0]!))
  );
}
