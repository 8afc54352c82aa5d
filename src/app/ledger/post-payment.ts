import type { CalendarDate } from '../../domain/dates.js';
import {
  allocateByPolicy,
  allocateExplicitly,
  owedTotal,
  type AllocationResult,
} from '../../domain/ledger/allocate.js';
import type { Db } from '../../store/database.js';
import { payments } from '../../store/schema.js';
import { newId, today, type Ctx } from '../context.js';
import { formatAmount } from '../../domain/money.js';
import { recordEvents } from '../events/record.js';
import { lockCustomer, postEntries } from './entries.js';
import { loadOpenItems } from './open-items.js';
import { allocationEntries } from './allocation-entries.js';

export interface PaymentToPost {
  customerId: string;
  amount: bigint;
  currency: string;
  receivedOn: CalendarDate;
  method: string | null;
  reference: string | null;
  /** Pay this invoice only, as much as the payment and its balance allow (an import's invoice_number). */
  invoiceId?: string;
  /** Exactly these allocations (a remittance advice); refused if they do not fit. */
  instructions?: readonly { invoiceId: string; amount: bigint }[];
}

/**
 * Records one payment inside the caller's transaction: the customer's ledger lock, the payment
 * row, a `receipt` entry and the allocation entries. With neither `instructions` nor `invoiceId`,
 * the money is applied by the organisation's policy; what is left stays on account.
 */
export async function postPayment(
  tx: Db,
  ctx: Ctx,
  payment: PaymentToPost,
  options: { customerLocked?: boolean } = {},
): Promise<string> {
  const id = newId();
  if (!options.customerLocked) await lockCustomer(tx, ctx.tenantId, payment.customerId);
  await tx.insert(payments).values({
    tenantId: ctx.tenantId,
    id,
    customerId: payment.customerId,
    amount: payment.amount,
    currency: payment.currency,
    receivedOn: payment.receivedOn,
    method: payment.method,
    reference: payment.reference,
  });
  const items = await loadOpenItems(
    tx,
    ctx.tenantId,
    payment.customerId,
    payment.currency,
    payment.receivedOn,
    today(ctx),
  );
  let result: AllocationResult;
  if (payment.instructions) {
    result = allocateExplicitly(items, payment.amount, payment.instructions, ctx.settings.allocation);
  } else if (payment.invoiceId === undefined) {
    result = allocateByPolicy(items, payment.amount, ctx.settings.allocation);
  } else {
    const item = items.find((i) => i.invoiceId === payment.invoiceId);
    const owed = item ? owedTotal(item) : 0n;
    const amount = owed < payment.amount ? owed : payment.amount;
    result =
      amount > 0n
        ? allocateExplicitly(
            items,
            payment.amount,
            [{ invoiceId: payment.invoiceId, amount }],
            ctx.settings.allocation,
          )
        : { lines: [], discounts: [], unapplied: payment.amount };
  }
  const source = {
    customerId: payment.customerId,
    currency: payment.currency,
    effectiveOn: payment.receivedOn,
    documentId: id,
  };
  await postEntries(
    tx,
    ctx.tenantId,
    [
      { ...source, kind: 'receipt', amount: payment.amount, sourceKind: 'payment', sourceId: id },
      ...allocationEntries(result, { ...source, sourceKind: 'payment', sourceId: id }),
    ],
    ctx.actor,
  );
  await recordPaymentReceived(tx, ctx, id, payment, result);
  return id;
}

/** The `payment.received` event (audit log and webhooks), with where the money went. */
async function recordPaymentReceived(
  tx: Db,
  ctx: Ctx,
  id: string,
  payment: PaymentToPost,
  result: AllocationResult,
) {
  const allocated = new Map<string, bigint>();
  for (const line of result.lines)
    allocated.set(line.invoiceId, (allocated.get(line.invoiceId) ?? 0n) + line.amount);
  const figure = (amount: bigint) => formatAmount(amount, payment.currency);
  await recordEvents(tx, ctx.tenantId, [
    {
      type: 'payment.received',
      at: ctx.clock.now(),
      actor: ctx.actor ?? 'system',
      subjectType: 'payment',
      subjectId: id,
      customerId: payment.customerId,
      id: `payment.received:${id}`,
      data: {
        payment_id: id,
        customer_id: payment.customerId,
        amount: figure(payment.amount),
        currency: payment.currency,
        received_on: payment.receivedOn,
        method: payment.method,
        reference: payment.reference,
        allocations: [...allocated].map(([invoiceId, amount]) => ({
          invoice_id: invoiceId,
          amount: figure(amount),
          currency: payment.currency,
        })),
        unapplied: figure(result.unapplied),
      },
    },
  ]);
}
