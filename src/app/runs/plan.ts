/**
 * From the steps a strategy says are due to concrete actions: the channel that can reach the
 * customer (with fallbacks), the compliance decision, the fee to charge, the message data, and
 * the idempotency key that makes the step fire once.
 */
import type { MessageData, MessageItem, PostalAddress } from '../../channels/message.js';
import { daysBetween } from '../../domain/dates.js';
import { lateFee } from '../../domain/fees.js';
import { formatAmount, totalsByCurrency } from '../../domain/money.js';
import { MESSAGE_ACTIONS, channelsOf, type MessageChannel } from '../../domain/strategies/document.js';
import type { DueStep, SnapshotItem } from '../../domain/strategies/evaluate.js';
import { newId } from '../context.js';
import type { StrategyChoice } from './choose.js';
import { checkContact, type ContactChannel } from './comply.js';
import { sameAddress } from '../compliance/addresses.js';
import { withValidationNotice } from '../compliance/validation-notice.js';
import type { CustomerBatchSnapshot } from './snapshot.js';

export type ActionStatus = 'planned' | 'deferred' | 'blocked' | 'done';

export interface FeeCharge {
  invoiceId: string;
  currency: string;
  amount: bigint;
}

export interface PlannedAction {
  id: string;
  customerId: string;
  invoiceIds: string[];
  strategyId: string;
  strategyVersion: number;
  stepKey: string;
  cycle: number;
  kind: string;
  channel: ContactChannel | null;
  template: string | null;
  variant: string | null;
  status: ActionStatus;
  reasonCode: string | null;
  reason: string | null;
  scheduledFor: Date;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  fees: FeeCharge[];
  task: { queue: 'collector' | 'manager' | 'agency'; kind: string } | null;
  place: boolean;
}

export interface PlanContext {
  asOf: Date;
  /** The organisation's compliance rule packs. */
  rulePacks: readonly string[];
  organisation: MessageData['organisation'];
}

export function planActions(
  snapshot: CustomerBatchSnapshot,
  choice: StrategyChoice,
  due: readonly DueStep[],
  context: PlanContext,
): PlannedAction[] {
  // A US consumer's first message about a debt is its validation notice (compliance/validation-notice.ts).
  return due.map((d) =>
    withValidationNotice(planAction(snapshot, choice, d, context), snapshot, context, reachable),
  );
}

function planAction(
  snapshot: CustomerBatchSnapshot,
  choice: StrategyChoice,
  due: DueStep,
  context: PlanContext,
): PlannedAction {
  const { customer } = snapshot;
  const { step } = due;
  const strategy = choice.strategy;
  const base: PlannedAction = {
    id: newId(),
    customerId: customer.id,
    invoiceIds: due.items.map((i) => i.invoiceId),
    strategyId: strategy.strategyId,
    strategyVersion: strategy.version,
    stepKey: step.key,
    cycle: due.cycle,
    kind: step.action,
    channel: null,
    template: step.template ?? null,
    variant: choice.variant,
    status: 'done',
    reasonCode: null,
    reason: null,
    scheduledFor: context.asOf,
    idempotencyKey: `${customer.id}:${strategy.strategyId}@v${strategy.version}:${due.marker}:${due.cycle}`,
    payload: {},
    fees: [],
    task: null,
    place: false,
  };
  const feeRule = step.fee;
  const fees = feeRule ? feesFor(due.items, (balance, currency) => lateFee(feeRule, balance, currency)) : [];

  if (MESSAGE_ACTIONS.includes(step.action)) {
    const reach = reachable(channelsOf(step), snapshot, context.asOf);
    if (!reach.channel)
      return { ...base, status: 'blocked', reasonCode: 'no_reachable_channel', reason: reach.why.join('; ') };
    const decision = checkContact(
      {
        channel: reach.channel,
        address: typeof reach.to === 'string' ? reach.to : null,
        at: context.asOf,
        invoiceIds: base.invoiceIds,
      },
      { ...snapshot, rulePacks: context.rulePacks },
    );
    const status =
      decision.decision === 'allow' ? 'planned' : decision.decision === 'defer' ? 'deferred' : 'blocked';
    const data = messageData(snapshot, due, context, fees, strategy.document.name);
    return {
      ...base,
      channel: reach.channel,
      template: reach.template,
      status,
      reasonCode: decision.reasons[0]?.code ?? (reach.channel !== step.action ? 'fallback_channel' : null),
      reason:
        decision.reasons.map((r) => r.message).join('; ') ||
        (reach.channel !== step.action ? reach.why.join('; ') : null),
      scheduledFor: decision.nextAllowedAt ?? context.asOf,
      payload: {
        to: reach.to,
        language: customer.language,
        data,
        requires: decision.requires,
        // For the audit log (act.ts): the whole answer, not only the first reason.
        compliance: { reasons: decision.reasons, rule_packs: decision.rulePacks },
      },
      // A fee goes with a message only when the message may go out.
      fees: status === 'blocked' ? [] : fees,
    };
  }
  switch (step.action) {
    case 'fee':
      return { ...base, fees, reasonCode: fees.length ? null : 'no_fee_due' };
    case 'call_task': {
      const decision = checkContact(
        { channel: 'phone', address: null, at: context.asOf, invoiceIds: base.invoiceIds },
        { ...snapshot, rulePacks: context.rulePacks },
      );
      // Only a block stops the task: when to dial is checked when the collector calls.
      if (decision.decision === 'block')
        return {
          ...base,
          channel: 'phone',
          status: 'blocked',
          reasonCode: decision.reasons[0]!.code,
          reason: decision.reasons.map((r) => r.message).join('; '),
        };
      return { ...base, channel: 'phone', task: { queue: 'collector', kind: 'call' } };
    }
    case 'escalate':
      return { ...base, task: { queue: step.to ?? 'manager', kind: 'escalation' } };
    case 'place':
      return {
        ...base,
        task: { queue: 'agency', kind: 'placement' },
        place: true,
        payload: { agency: step.agency ?? null },
      };
    case 'suggest_write_off':
      return { ...base, task: { queue: 'manager', kind: 'write_off_review' } };
    default:
      // `interest` is charged by the run itself (act.ts), which reads the ledger history it needs.
      return { ...base, payload: { rule: step.interest?.rule ?? null } };
  }
}

/** One fee per currency, on the oldest item of that currency, computed on their overdue balance. */
function feesFor(
  items: readonly SnapshotItem[],
  compute: (balance: bigint, currency: string) => bigint,
): FeeCharge[] {
  return totalsByCurrency(items.map((i) => ({ amount: i.balance, currency: i.currency })))
    .map((total) => ({
      invoiceId: items.find((i) => i.currency === total.currency)!.invoiceId,
      currency: total.currency,
      amount: compute(total.amount, total.currency),
    }))
    .filter((fee) => fee.amount > 0n);
}

type Reach =
  | { channel: MessageChannel; template: string; to: string | PostalAddress; why: string[] }
  | { channel: null; template: null; to: null; why: string[] };

/**
 * The first channel of the list that can reach the customer at `at`, and why the ones before
 * could not. An address opted out (flag or recorded opt-out in force), an opted-out channel, or
 * an address known to be invalid is skipped, so the step falls back to its next channel.
 */
function reachable(
  channels: readonly { channel: MessageChannel; template: string }[],
  snapshot: CustomerBatchSnapshot,
  at: Date,
): Reach {
  const why: string[] = [];
  const facts = snapshot.compliance;
  const inForce = (o: { effectiveAt: number; endedAt?: number }) =>
    o.effectiveAt <= at.getTime() && (o.endedAt === undefined || o.endedAt > at.getTime());
  const optOuts = facts.optOuts.filter(inForce);
  const channelOptedOut = (channel: MessageChannel) =>
    optOuts.some((o) => o.channel === channel && !o.address);
  const unusable = (channel: MessageChannel, value: string) =>
    facts.invalidAddresses.some((a) => sameAddress(a, value)) ||
    optOuts.some((o) => o.channel === channel && o.address !== undefined && sameAddress(o.address, value));
  const consented = (value: string) =>
    facts.consents.some(
      (c) =>
        c.channel === 'sms' && sameAddress(c.address, value) && c.effectiveAt <= at.getTime() && !c.revokedAt,
    );
  for (const { channel, template } of channels) {
    if (channelOptedOut(channel)) {
      why.push(`${channel}: the customer opted out of ${channel}`);
      continue;
    }
    if (channel === 'letter') {
      const address = postalAddress(snapshot.customer.address, snapshot.customer.country);
      if (address) return { channel, template, to: address, why };
      why.push('letter: no postal address');
      continue;
    }
    const kind = channel === 'email' ? 'email' : 'phone';
    const candidates = snapshot.contacts.filter((c) => c.channel === kind);
    const usable = candidates.find(
      (c) =>
        !c.optedOut &&
        !unusable(channel, c.value) &&
        (channel === 'email' || c.smsConsent || consented(c.value)),
    );
    if (usable) return { channel, template, to: usable.value, why };
    why.push(
      candidates.length === 0
        ? `${channel}: no ${kind === 'email' ? 'email address' : 'phone number'}`
        : `${channel}: ${channel === 'sms' ? 'no number with consent to text that has not opted out' : 'every address opted out or invalid'}`,
    );
  }
  return { channel: null, template: null, to: null, why };
}

export function postalAddress(address: unknown, country: string): PostalAddress | null {
  if (!address) return null;
  if (typeof address === 'string') {
    const lines = address
      .split(/\n|,\s*/)
      .map((l) => l.trim())
      .filter(Boolean);
    return lines.length ? { lines, country } : null;
  }
  const lines = Object.values(address as Record<string, string>).filter(
    (v) => typeof v === 'string' && v.trim(),
  );
  return lines.length ? { lines, country } : null;
}

function messageData(
  snapshot: CustomerBatchSnapshot,
  due: DueStep,
  context: PlanContext,
  fees: FeeCharge[],
  strategyName: string,
): MessageData {
  const { customer, today } = snapshot;
  const items: MessageItem[] = due.items.map((i) => ({
    invoice_id: i.invoiceId,
    number: i.number,
    issue_date: i.issueDate,
    due_date: i.dueDate,
    days_past_due: Math.max(0, daysBetween(i.dueDate, today)),
    balance: { amount: formatAmount(i.balance, i.currency), currency: i.currency },
  }));
  const withFees = [...due.items.map((i) => ({ amount: i.balance, currency: i.currency })), ...fees];
  const fee = fees[0];
  return {
    organisation: context.organisation,
    customer: {
      id: customer.id,
      external_id: customer.externalId,
      name: customer.name,
      kind: customer.kind,
      language: customer.language,
      country: customer.country,
    },
    items,
    totals: totalsByCurrency(withFees).map((t) => ({
      amount: formatAmount(t.amount, t.currency),
      currency: t.currency,
    })),
    ...(fee && { fee: { amount: formatAmount(fee.amount, fee.currency), currency: fee.currency } }),
    as_of: today,
    step: {
      strategy: strategyName,
      key: due.step.key,
      offset_days: due.step.offset_days ?? null,
      event: due.step.on ?? null,
    },
  };
}
