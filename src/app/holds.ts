import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, invalid, notFound } from '../domain/errors.js';
import { holds } from '../store/schema.js';
import { queryRows, type Db } from '../store/database.js';
import { pgArray } from '../store/sql-values.js';
import { newId, type Ctx } from './context.js';
import { findCustomer } from './customers.js';
import { idField, instantField } from './fields.js';
import { markForReview } from './collection-review.js';

export const HOLD_REASONS = [
  'dispute',
  'cease_communication',
  'bankruptcy',
  'deceased',
  'payment_plan',
  'promise',
  'placed',
] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** Holds that stop all contact with the customer, whatever their items. */
export const CUSTOMER_WIDE_STOPS: readonly string[] = [
  'cease_communication',
  'bankruptcy',
  'deceased',
  'placed',
];

export const holdInput = z.object({
  reason: z.enum(HOLD_REASONS),
  invoice_ids: z.array(idField).min(1).optional(),
  starts_at: instantField.optional(),
  ends_at: instantField.optional(),
  note: z.string().max(2000).optional(),
});

export async function placeHold(ctx: Ctx, customerId: string, input: z.infer<typeof holdInput>) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  const startsAt = input.starts_at ? new Date(input.starts_at) : ctx.clock.now();
  const endsAt = input.ends_at ? new Date(input.ends_at) : null;
  if (endsAt && endsAt <= startsAt) throw invalid('ends_at', 'must be after starts_at');
  if (input.invoice_ids) await checkInvoicesOf(ctx.db, ctx.tenantId, customer.id, input.invoice_ids);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(holds)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        customerId: customer.id,
        reason: input.reason,
        invoiceIds: input.invoice_ids ?? null,
        startsAt,
        endsAt,
        note: input.note ?? null,
      })
      .returning();
    await markForReview(tx, ctx.tenantId, [customer.id]);
    return holdView(row!);
  });
}

export async function releaseHold(ctx: Ctx, holdId: string) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(holds)
      .where(and(eq(holds.tenantId, ctx.tenantId), eq(holds.id, holdId)));
    if (!row) throw notFound('hold', holdId);
    const now = ctx.clock.now();
    if (row.endsAt && row.endsAt <= now)
      throw new RecoupError('rejected', 'hold_ended', `hold ${holdId} ended at ${row.endsAt.toISOString()}`);
    const [ended] = await tx
      .update(holds)
      .set({ endsAt: now })
      .where(and(eq(holds.tenantId, ctx.tenantId), eq(holds.id, holdId)))
      .returning();
    // Recalling a placed account hands it back to its strategy.
    if (row.reason === 'placed')
      await tx.execute(
        sql`UPDATE collection_states SET placed_at = NULL WHERE tenant_id = ${ctx.tenantId} AND customer_id = ${row.customerId}`,
      );
    await markForReview(tx, ctx.tenantId, [row.customerId]);
    return holdView(ended!);
  });
}

export interface ActiveHold {
  id: string;
  customerId: string;
  reason: string;
  invoiceIds: string[] | null;
  startsAt: Date | string;
  endsAt: Date | null;
}

/** Holds in force at an instant, for many customers at once. */
export async function activeHolds(db: Db, tenantId: string, customerIds: readonly string[], at: Date) {
  if (customerIds.length === 0) return [];
  return queryRows<ActiveHold>(
    db,
    sql`SELECT id, customer_id AS "customerId", reason, invoice_ids::text[] AS "invoiceIds", starts_at AS "startsAt", ends_at AS "endsAt"
        FROM holds
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${pgArray(customerIds)}::uuid[])
          AND starts_at <= ${at.toISOString()} AND (ends_at IS NULL OR ends_at > ${at.toISOString()})
        ORDER BY starts_at, id`,
  );
}

async function checkInvoicesOf(db: Db, tenantId: string, customerId: string, invoiceIds: string[]) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM invoices WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
          AND id = ANY(${pgArray(invoiceIds)}::uuid[])`,
  );
  const known = new Set(rows.map((r) => r.id));
  invoiceIds.forEach((id, index) => {
    if (!known.has(id))
      throw invalid(`invoice_ids.${index}`, `no invoice ${id} of this customer`, 'unknown_invoice');
  });
}

export function holdView(row: typeof holds.$inferSelect) {
  return {
    id: row.id,
    customer_id: row.customerId,
    reason: row.reason,
    invoice_ids: row.invoiceIds,
    starts_at: row.startsAt.toISOString(),
    ends_at: row.endsAt?.toISOString() ?? null,
    note: row.note,
  };
}
