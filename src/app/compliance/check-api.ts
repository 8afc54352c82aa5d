/** `POST /compliance/check`: may this contact go out at `at`? Answered and recorded in the audit log. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from '../../domain/errors.js';
import { queryRows, type Db } from '../../store/database.js';
import { plainArray } from '../../store/sql-values.js';
import type { Ctx } from '../context.js';
import { resolveCustomer } from '../customers.js';
import { recordEvents } from '../events/record.js';
import { idField, instantField } from '../fields.js';
import { decisionView, judgeContact } from './judge.js';

export const complianceCheckInput = z.object({
  customer_id: idField,
  channel: z.enum(['phone', 'email', 'sms', 'letter', 'visit']),
  at: instantField,
  invoice_ids: z.array(idField).default([]),
  /** The email address or number to use; default: the customer's primary one. */
  address: z.string().trim().min(3).max(320).optional(),
  purpose: z.enum(['collection', 'validation_notice', 'required_notice']).optional(),
  /** Autodialled call or automated text (texts count as automated unless false). */
  automated: z.boolean().optional(),
});

export async function complianceCheck(ctx: Ctx, input: z.infer<typeof complianceCheckInput>) {
  const customer = await resolveCustomer(ctx, { customer_id: input.customer_id });
  await checkInvoicesOf(ctx.db, ctx.tenantId, customer.id, input.invoice_ids);
  const at = new Date(input.at);
  return ctx.db.transaction(async (tx) => {
    const decision = await judgeContact(tx, ctx.tenantId, {
      customerId: customer.id,
      channel: input.channel,
      at,
      invoiceIds: input.invoice_ids,
      ...(input.address && { address: input.address }),
      ...(input.purpose && { purpose: input.purpose }),
      ...(input.automated !== undefined && { automated: input.automated }),
    });
    const view = decisionView(decision);
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'compliance.checked',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'customer',
        subjectId: customer.id,
        customerId: customer.id,
        data: { request: { ...input }, ...view },
      },
    ]);
    return view;
  });
}

/** Every id must be an invoice of this customer; the first that is not names its field. */
export async function checkInvoicesOf(
  db: Db,
  tenantId: string,
  customerId: string,
  invoiceIds: readonly string[],
) {
  if (invoiceIds.length === 0) return;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM invoices WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
          AND id = ANY(${plainArray(invoiceIds)}::uuid[])`,
  );
  const known = new Set(rows.map((r) => r.id));
  invoiceIds.forEach((id, index) => {
    if (!known.has(id))
      throw invalid(`invoice_ids.${index}`, `no invoice ${id} of this customer`, 'unknown_invoice');
  });
}
