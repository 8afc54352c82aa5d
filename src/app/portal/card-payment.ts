/**
 * Paying by card from the portal: a `portal_payments` row remembers what the debtor chose, the
 * provider's hosted checkout takes the money, and completion (from the provider's webhook, or
 * the debtor's return to the portal, whichever comes first) posts the payment exactly once.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { invalid, RecoupError } from '../../domain/errors.js';
import { formatAmount } from '../../domain/money.js';
import type { Db } from '../../store/database.js';
import { invoices, portalPayments } from '../../store/schema.js';
import { queueConfirmation } from '../engagement/confirmation.js';
import type { CardPaymentProvider, CheckoutState } from '../../payments/provider.js';
import { lockCustomer } from '../ledger/entries.js';
import { postPayment } from '../ledger/post-payment.js';
import { loadOpenItems } from '../ledger/open-items.js';
import { owedTotal } from '../../domain/ledger/allocate.js';
import { loadOrganisation } from '../organisations.js';
import { markForReview } from '../collection-review.js';
import { recordEvents } from '../events/record.js';
import { newId, today, type Clock, type Ctx } from '../context.js';
import { portalOverview } from './overview.js';
import type { PortalSession } from './session.js';

export async function startCardPayment(
  session: PortalSession,
  provider: CardPaymentProvider,
  invoiceIds: readonly string[],
  publicUrl: string,
): Promise<{ paymentId: string; redirectUrl: string }> {
  const { ctx, customerId } = session;
  if (invoiceIds.length === 0) throw invalid('invoice_ids', 'choose at least one invoice to pay');
  const overview = await portalOverview(session);
  const chosen = invoiceIds.map((id, index) => {
    const item = overview.items.find((i) => i.invoiceId === id);
    if (!item) throw invalid(`invoice_ids.${index}`, 'is not an open invoice of yours', 'unknown_invoice');
    return item;
  });
  const currency = chosen[0]!.currency;
  if (chosen.some((i) => i.currency !== currency))
    throw invalid('invoice_ids', 'pay invoices of one currency at a time');
  const amount = chosen.reduce((sum, i) => sum + i.balance - i.discount, 0n);
  const id = newId();
  await ctx.db.insert(portalPayments).values({
    tenantId: ctx.tenantId,
    id,
    customerId,
    invoiceIds: chosen.map((i) => i.invoiceId),
    amount,
    currency,
    provider: provider.name,
    status: 'pending',
  });
  const back = `${publicUrl}/portal`;
  const token = encodeURIComponent(session.token);
  const checkout = await provider.createCheckout({
    paymentId: id,
    amountMinor: amount,
    currency,
    description: `${overview.organisationName}: ${chosen.map((i) => i.number).join(', ')}`.slice(0, 250),
    successUrl: `${back}/paid?token=${token}&payment=${id}`,
    cancelUrl: `${back}?token=${token}`,
  });
  await ctx.db
    .update(portalPayments)
    .set({ providerId: checkout.providerId })
    .where(and(eq(portalPayments.tenantId, ctx.tenantId), eq(portalPayments.id, id)));
  return { paymentId: id, redirectUrl: checkout.redirectUrl };
}

export type CompletionOutcome = 'posted' | 'already_done' | 'pending' | 'failed';

/**
 * Applies what the provider says about a portal payment. Success posts the payment to the
 * chosen invoices (what they still owe now, less any discount; the rest stays on account) in
 * the same transaction that marks the row, so two completions cannot both post.
 */
export async function completeCardPayment(
  db: Db,
  clock: Clock,
  where: { tenantId: string; paymentId: string } | { provider: string; providerId: string },
  state: CheckoutState,
): Promise<CompletionOutcome> {
  const [row] = await db
    .select()
    .from(portalPayments)
    .where(
      'paymentId' in where
        ? and(eq(portalPayments.tenantId, where.tenantId), eq(portalPayments.id, where.paymentId))
        : and(eq(portalPayments.provider, where.provider), eq(portalPayments.providerId, where.providerId)),
    );
  if (!row) throw new RecoupError('not_found', 'not_found', 'no such portal payment');
  if (row.status !== 'pending') return 'already_done';
  if (state.status === 'pending') return 'pending';
  const org = await loadOrganisation(db, row.tenantId);
  const ctx: Ctx = {
    db,
    tenantId: row.tenantId,
    timeZone: org.timeZone,
    settings: org.settings,
    clock,
    actor: `portal:${row.customerId}`,
  };
  return db.transaction(async (tx) => {
    await lockCustomer(tx, row.tenantId, row.customerId);
    const claimed = await tx
      .update(portalPayments)
      .set({ status: state.status === 'succeeded' ? 'succeeded' : 'failed', completedAt: clock.now() })
      .where(
        and(
          eq(portalPayments.tenantId, row.tenantId),
          eq(portalPayments.id, row.id),
          eq(portalPayments.status, 'pending'),
        ),
      )
      .returning();
    if (claimed.length === 0) return 'already_done';
    if (state.status === 'failed') return 'failed';
    if (state.currency !== row.currency)
      throw new RecoupError(
        'conflict',
        'currency_mismatch',
        `the provider took ${state.currency}, not ${row.currency}`,
      );
    const day = today(ctx);
    const items = await loadOpenItems(tx, row.tenantId, row.customerId, row.currency, day, day);
    let left = state.amountMinor;
    const instructions: { invoiceId: string; amount: bigint }[] = [];
    for (const invoiceId of row.invoiceIds) {
      const item = items.find((i) => i.invoiceId === invoiceId);
      if (!item || left === 0n) continue;
      const owed = owedTotal(item);
      const due = owed - (item.discountAvailable < owed ? item.discountAvailable : 0n);
      const amount = due < left ? due : left;
      if (amount > 0n) instructions.push({ invoiceId, amount });
      left -= amount;
    }
    const paymentId = await postPayment(
      tx,
      ctx,
      {
        customerId: row.customerId,
        amount: state.amountMinor,
        currency: row.currency,
        receivedOn: day,
        method: 'card',
        reference: `portal ${row.id}`,
        instructions,
      },
      { customerLocked: true },
    );
    await tx
      .update(portalPayments)
      .set({ paymentId })
      .where(and(eq(portalPayments.tenantId, row.tenantId), eq(portalPayments.id, row.id)));
    await markForReview(tx, row.tenantId, [row.customerId]);
    await sendReceipt(tx, ctx, row.customerId, paymentId, state.amountMinor, row.currency, day);
    await recordEvents(tx, row.tenantId, [
      {
        id: row.id,
        type: 'portal.payment_succeeded',
        at: clock.now(),
        actor: ctx.actor!,
        subjectType: 'payment',
        subjectId: paymentId,
        customerId: row.customerId,
        data: {
          portal_payment_id: row.id,
          payment_id: paymentId,
          provider: row.provider,
          amount: { amount: formatAmount(state.amountMinor, row.currency), currency: row.currency },
          invoice_ids: row.invoiceIds,
        },
      },
    ]);
    return 'posted';
  });
}

/** The thank-you with what remains open, through the outbox (checked again before it goes). */
async function sendReceipt(
  tx: Db,
  ctx: Ctx,
  customerId: string,
  paymentId: string,
  amount: bigint,
  currency: string,
  day: string,
) {
  const open = await tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      and(eq(invoices.tenantId, ctx.tenantId), eq(invoices.customerId, customerId), gt(invoices.balance, 0n)),
    );
  await queueConfirmation(tx, ctx, {
    customerId,
    template: 'thank_you',
    event: 'payment_received',
    subjectId: paymentId,
    invoiceIds: open.map((i) => i.id),
    channels: ['email'],
    extra: { payment: { amount: { amount: formatAmount(amount, currency), currency }, received_on: day } },
    today: day,
  });
}

/** The portal payment, if it belongs to this session's customer. */
export async function portalPaymentOf(session: PortalSession, paymentId: string) {
  const [row] = await session.ctx.db
    .select()
    .from(portalPayments)
    .where(
      and(
        eq(portalPayments.tenantId, session.ctx.tenantId),
        eq(portalPayments.customerId, session.customerId),
        sql`${portalPayments.id}::text = ${paymentId}`,
      ),
    );
  return row ?? null;
}
