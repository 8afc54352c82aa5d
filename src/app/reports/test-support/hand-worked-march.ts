/**
 * A hand-computed March 2024 (31 days), EUR, shared by the KPI tests:
 * - I4 issued 5 Jan, due 4 Feb, 200.00; 50.00 written off on 15 Mar
 * - I1 issued 1 Feb, due 2 Mar, 1000.00; paid 20 Mar (48 days to pay, 18 late)
 * - I2 issued 1 Mar, due 31 Mar, 600.00; paid 25 Mar (24 days, on time)
 * - I3 issued 10 Mar, due 9 Apr, 400.00; open, disputed on 28 Mar
 * Beginning receivables (29 Feb) 1200 (200 overdue); credit sales 1000 (I2 + I3); ending
 * receivables 550 (I3 400 current + I4 150 overdue).
 */
import { disputes } from '../../../store/schema.js';
import { createTestCustomer } from '../../../../test/support/database.js';
import { newId, type Ctx } from '../../context.js';
import { createInvoice } from '../../invoices.js';
import { recordPayment } from '../../payments.js';
import { writeOff } from '../../invoice-adjustments.js';
import { createPromise } from '../../promises.js';

export async function handWorkedMarch(
  ctx: Ctx,
): Promise<{ customerId: string; ids: Record<string, string> }> {
  const customer = await createTestCustomer(ctx, { external_id: 'K1', currency: 'EUR' });
  const ids: Record<string, string> = {};
  const invoice = async (number: string, issue: string, due: string, total: string) => {
    const created = await createInvoice(ctx, {
      customer_id: customer.id,
      number,
      issue_date: issue,
      due_date: due,
      currency: 'EUR',
      total,
    });
    ids[number] = created.id;
    return created;
  };
  const i4 = await invoice('I4', '2024-01-05', '2024-02-04', '200.00');
  const i1 = await invoice('I1', '2024-02-01', '2024-03-02', '1000.00');
  const i2 = await invoice('I2', '2024-03-01', '2024-03-31', '600.00');
  const i3 = await invoice('I3', '2024-03-10', '2024-04-09', '400.00');
  await writeOff(ctx, i4.id, { amount: '50.00', reason: 'goodwill', written_off_on: '2024-03-15' });
  const pay = (amount: string, on: string, invoiceId: string) =>
    recordPayment(ctx, {
      customer_id: customer.id,
      amount,
      currency: 'EUR',
      received_on: on,
      allocations: [{ invoice_id: invoiceId, amount }],
    });
  await pay('1000.00', '2024-03-20', i1.id);
  await pay('600.00', '2024-03-25', i2.id);
  // Kept: 600 arrives on 25 Mar. Broken: nothing arrives from 26 Mar to 30 Mar (27 Mar + 3 days' grace).
  await createPromise(ctx, {
    customer_id: customer.id,
    amount: '600.00',
    currency: 'EUR',
    due_on: '2024-03-26',
    invoice_ids: [i2.id],
    agreed_at: '2024-03-24T10:00:00Z',
  });
  await createPromise(ctx, {
    customer_id: customer.id,
    amount: '150.00',
    currency: 'EUR',
    due_on: '2024-03-27',
    invoice_ids: [i4.id],
    agreed_at: '2024-03-27T10:00:00Z',
  });
  await ctx.db.insert(disputes).values({
    tenantId: ctx.tenantId,
    id: newId(),
    customerId: customer.id,
    invoiceId: i3.id,
    reasonCode: 'quality',
    source: 'api',
    openedAt: new Date('2024-03-28T09:00:00Z'),
  });
  return { customerId: customer.id, ids };
}
