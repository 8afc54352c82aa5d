/**
 * GDPR erasure (Art. 17): the person's identifying data is overwritten, the money is kept. The
 * name, external id, address and tags of the customer, their contacts (deleted), the addresses
 * in their preferences and invalid addresses, the notes of interactions, holds, disputes and
 * tasks, and the rendered messages and outbox payloads are anonymised. Invoices, payments and
 * ledger entries keep their amounts and dates (bookkeeping law outlives erasure), and the audit
 * log is left as it is, so its chain still verifies; its entries hold ids and amounts, and the
 * addresses of recorded opt-outs (evidence of a legal obligation, Art. 17(3)(b)).
 *
 * Refused while the customer owes money, unless `force` (the debt is then kept without a name).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError } from '../../domain/errors.js';
import { queryRows } from '../../store/database.js';
import { moneyListView } from '../views.js';
import type { Ctx } from '../context.js';
import { findCustomer } from '../customers.js';
import { recordEvents } from '../events/record.js';
import { lockCustomer } from '../ledger/entries.js';
import { toBigInt } from '../../store/sql-values.js';

export const eraseInput = z.object({
  force: z.boolean().default(false),
  reason: z.string().trim().max(500).optional(),
});

const ERASED = 'erased';

export async function erasePersonalData(ctx: Ctx, customerId: string, input: z.infer<typeof eraseInput>) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  return ctx.db.transaction(async (tx) => {
    await lockCustomer(tx, ctx.tenantId, customer.id);
    const open = await queryRows<{ currency: string; balance: string }>(
      tx,
      sql`SELECT currency, SUM(balance)::text AS balance FROM invoices
          WHERE tenant_id = ${ctx.tenantId} AND customer_id = ${customer.id} AND balance > 0 GROUP BY currency`,
    );
    const balance = open.map((o) => ({ amount: toBigInt(o.balance), currency: o.currency }));
    if (balance.length > 0 && !input.force)
      throw new RecoupError(
        'rejected',
        'open_balance',
        `the customer still owes ${open.map((o) => `${o.currency} ${o.balance}`).join(', ')} (minor units): settle it, or erase with force`,
        [{ path: 'force', message: 'the customer has an open balance' }],
      );
    const t = ctx.tenantId;
    const c = customer.id;
    await tx.execute(sql`UPDATE customers SET name = ${ERASED}, external_id = ${`erased:${c}`}, address = NULL,
      tags = '{}' WHERE tenant_id = ${t} AND id = ${c}`);
    await tx.execute(sql`DELETE FROM contacts WHERE tenant_id = ${t} AND customer_id = ${c}`);
    // An address opt-out becomes a channel opt-out: stricter, and it names nobody.
    await tx.execute(
      sql`UPDATE contact_preferences SET address = NULL WHERE tenant_id = ${t} AND customer_id = ${c}`,
    );
    await tx.execute(
      sql`UPDATE invalid_addresses SET address = ${ERASED} WHERE tenant_id = ${t} AND customer_id = ${c}`,
    );
    await tx.execute(sql`UPDATE interactions SET notes = NULL, details = details - 'address'
      WHERE tenant_id = ${t} AND customer_id = ${c}`);
    await tx.execute(sql`UPDATE holds SET note = NULL WHERE tenant_id = ${t} AND customer_id = ${c}`);
    await tx.execute(
      sql`UPDATE disputes SET note = NULL, resolution_note = NULL WHERE tenant_id = ${t} AND customer_id = ${c}`,
    );
    await tx.execute(sql`UPDATE tasks SET note = NULL WHERE tenant_id = ${t} AND customer_id = ${c}`);
    await tx.execute(sql`UPDATE messages SET recipient = ${ERASED}, subject = NULL, body_text = ${ERASED}, body_html = NULL
      WHERE tenant_id = ${t} AND customer_id = ${c}`);
    await tx.execute(sql`UPDATE actions SET payload = jsonb_set(payload - 'to', '{data,customer,name}', ${JSON.stringify(ERASED)}::jsonb, false)
      WHERE tenant_id = ${t} AND customer_id = ${c} AND payload ? 'data'`);
    await tx.execute(
      sql`UPDATE actions SET payload = payload - 'to' WHERE tenant_id = ${t} AND customer_id = ${c}`,
    );
    // Nothing more goes out to nobody.
    await tx.execute(sql`UPDATE actions SET status = 'cancelled', reason_code = 'erased', next_attempt_at = NULL
      WHERE tenant_id = ${t} AND customer_id = ${c} AND status IN ('planned', 'deferred', 'sending')`);
    await recordEvents(tx, t, [
      {
        type: 'customer.erased',
        at: ctx.clock.now(),
        actor: ctx.actor ?? 'system',
        subjectType: 'customer',
        subjectId: c,
        customerId: c,
        data: { forced: input.force && balance.length > 0, reason: input.reason ?? null },
      },
    ]);
    return {
      customer_id: c,
      erased_at: ctx.clock.now().toISOString(),
      open_balance: moneyListView(balance),
      kept: ['invoices', 'payments', 'ledger_entries', 'audit_log'],
    };
  });
}
