import { sql } from 'drizzle-orm';
import { parsePositiveAmount } from '../../domain/money.js';
import type { CsvRecord } from '../../formats/csv/reader.js';
import { queryRows } from '../../store/database.js';
import { pgArray, plainArray } from '../../store/sql-values.js';
import { paymentInput } from '../payments.js';
import { cellAt, positions } from './cells.js';
import { customersByExternalId } from './lookups.js';
import { postPayment, type PaymentToPost } from '../ledger/post-payment.js';
import { lockCustomers } from '../ledger/entries.js';
import { recoupProblems, zodProblems, type Problem } from './problems.js';
import type { ImportRun, RowHandler } from './run.js';

const PAYMENT_COLUMNS = [
  'customer_external_id',
  'amount',
  'currency',
  'received_on',
  'method',
  'reference',
  'invoice_number',
] as const;

export const paymentColumns = {
  format: 'payments-csv',
  columns: PAYMENT_COLUMNS,
  required: ['customer_external_id', 'amount', 'currency', 'received_on'],
};

interface ReadPayment {
  record: CsvRecord;
  externalId: string;
  invoiceNumber: string | undefined;
  payment: Omit<PaymentToPost, 'customerId'>;
}

/**
 * payments-csv: each row is a POST /payments body with `customer_external_id`, and may name
 * one `invoice_number` to pay (as much of it as the payment covers; the rest stays on account);
 * without it the organisation's allocation policy applies. Payments are posted one by one
 * through the ledger, as recordPayment posts them.
 *
 * A payment has no number, so its identity is customer + currency + amount + received_on +
 * reference: the n-th row of the file with a given identity is `unchanged` when Recoup held at
 * least n such payments before the import began. Importing a file again changes nothing, and
 * two equal payments in one file are both kept.
 */
export function paymentHandler(run: ImportRun): RowHandler {
  const at = positions(run.header, PAYMENT_COLUMNS);
  const identities = new Map<string, { before: number; seen: number }>();
  const locked = new Set<string>();
  const { tenantId } = run.ctx;

  return {
    async handle(records) {
      const rows: ReadPayment[] = [];
      const refused: { record: CsvRecord; problems: Problem[] }[] = [];
      for (const record of records) {
        const reading = readPaymentRow(record, at);
        if ('problems' in reading) refused.push({ record, problems: reading.problems });
        else rows.push(reading);
      }
      const externalIdOf = (record: CsvRecord) => cellAt(record.cells, at.customer_external_id);
      const customers = await customersByExternalId(run.tx, tenantId, [
        ...rows.map((r) => r.externalId),
        ...refused.flatMap((r) => externalIdOf(r.record) ?? []),
      ]);
      // A row refused already still hears about an unknown customer: every error at once.
      for (const { record, problems } of refused) {
        const externalId = externalIdOf(record);
        if (externalId && !customers.has(externalId)) problems.push(unknownCustomer(externalId));
        run.log.reject(record, problems);
      }
      const invoices = await invoicesByNumber(
        run,
        rows.flatMap((r) => (r.invoiceNumber ? [r.invoiceNumber] : [])),
      );
      const resolved: { record: CsvRecord; payment: PaymentToPost; identity: string }[] = [];
      for (const row of rows) {
        const customer = customers.get(row.externalId);
        if (!customer) {
          run.log.reject(row.record, [unknownCustomer(row.externalId)]);
          continue;
        }
        const payment: PaymentToPost = { ...row.payment, customerId: customer.id };
        if (row.invoiceNumber !== undefined) {
          const invoice = invoices.get(row.invoiceNumber);
          const problem = invoiceProblem(row.invoiceNumber, invoice, payment);
          if (problem) {
            run.log.reject(row.record, [problem]);
            continue;
          }
          payment.invoiceId = invoice!.id;
        }
        resolved.push({ record: row.record, payment, identity: identityOf(payment) });
      }
      await countExisting(
        run,
        resolved.filter((r) => !identities.has(r.identity)),
        identities,
      );
      // The import is one transaction: a customer locked once stays locked until it ends.
      const toLock = [...new Set(resolved.map((r) => r.payment.customerId))].filter((id) => !locked.has(id));
      if (run.canWrite()) await lockCustomers(run.tx, tenantId, toLock);
      toLock.forEach((id) => locked.add(id));
      for (const { record, payment, identity } of resolved) {
        const count = identities.get(identity)!;
        count.seen++;
        if (count.seen <= count.before) {
          run.log.keep(record.line);
          continue;
        }
        run.log.create(record.line);
        if (run.canWrite()) await postPayment(run.tx, run.ctx, payment, { customerLocked: true });
      }
    },
    async finish() {},
  };
}

function readPaymentRow(
  record: CsvRecord,
  at: Record<(typeof PAYMENT_COLUMNS)[number], number>,
): ReadPayment | { problems: Problem[] } {
  const { cells } = record;
  const raw = {
    customer_external_id: cellAt(cells, at.customer_external_id),
    amount: cellAt(cells, at.amount),
    currency: cellAt(cells, at.currency),
    received_on: cellAt(cells, at.received_on),
    method: cellAt(cells, at.method),
    reference: cellAt(cells, at.reference),
  };
  const problems: Problem[] = [];
  if (raw.customer_external_id === undefined)
    problems.push({ field: 'customer_external_id', message: 'is required' });
  const parsed = paymentInput.safeParse(raw);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, raw).filter((problem) => problem.field !== 'customer_id'));
    return { problems };
  }
  let amount = 0n;
  try {
    amount = parsePositiveAmount(parsed.data.amount, parsed.data.currency);
  } catch (error) {
    problems.push(...recoupProblems(error));
  }
  if (problems.length > 0) return { problems };
  return {
    record,
    externalId: parsed.data.customer_external_id!,
    invoiceNumber: cellAt(cells, at.invoice_number)?.trim() || undefined,
    payment: {
      amount,
      currency: parsed.data.currency,
      receivedOn: parsed.data.received_on,
      method: parsed.data.method ?? null,
      reference: parsed.data.reference ?? null,
    },
  };
}

interface InvoiceRef {
  id: string;
  customer_id: string;
  currency: string;
}

async function invoicesByNumber(run: ImportRun, numbers: string[]): Promise<Map<string, InvoiceRef>> {
  if (numbers.length === 0) return new Map();
  const rows = await queryRows<InvoiceRef & { number: string }>(
    run.tx,
    sql`SELECT number, id, customer_id, currency FROM invoices
        WHERE tenant_id = ${run.ctx.tenantId} AND number = ANY(${pgArray([...new Set(numbers)])}::text[])`,
  );
  return new Map(rows.map((row) => [row.number, row]));
}

function unknownCustomer(externalId: string): Problem {
  return { field: 'customer_external_id', message: `no customer with external_id ${externalId}` };
}

function invoiceProblem(
  number: string,
  invoice: InvoiceRef | undefined,
  payment: PaymentToPost,
): Problem | null {
  if (!invoice) return { field: 'invoice_number', message: `no invoice with number ${number}` };
  if (invoice.customer_id !== payment.customerId) {
    return { field: 'invoice_number', message: `invoice ${number} belongs to another customer` };
  }
  if (invoice.currency !== payment.currency) {
    return {
      field: 'invoice_number',
      message: `invoice ${number} is in ${invoice.currency}, the payment in ${payment.currency}`,
    };
  }
  return null;
}

function identityOf(payment: PaymentToPost): string {
  return JSON.stringify([
    payment.customerId,
    payment.currency,
    String(payment.amount),
    payment.receivedOn,
    payment.reference,
  ]);
}

/** How many payments with each identity Recoup held before this import: one query a batch. */
async function countExisting(
  run: ImportRun,
  rows: { payment: PaymentToPost; identity: string }[],
  identities: Map<string, { before: number; seen: number }>,
): Promise<void> {
  const fresh = [...new Map(rows.map((r) => [r.identity, r.payment])).entries()];
  if (fresh.length === 0) return;
  const counts = await queryRows<{ i: string | number | bigint; n: number }>(
    run.tx,
    sql`SELECT k.i, count(p.id)::int AS n
        FROM unnest(${plainArray(fresh.map(([, p]) => p.customerId))}::uuid[],
          ${plainArray(fresh.map(([, p]) => p.currency))}::text[],
          ${plainArray(fresh.map(([, p]) => p.amount))}::bigint[],
          ${plainArray(fresh.map(([, p]) => p.receivedOn))}::date[],
          ${pgArray(fresh.map(([, p]) => p.reference))}::text[])
          WITH ORDINALITY AS k(customer_id, currency, amount, received_on, reference, i)
        LEFT JOIN payments p ON p.tenant_id = ${run.ctx.tenantId} AND p.customer_id = k.customer_id
          AND p.currency = k.currency AND p.amount = k.amount AND p.received_on = k.received_on
          AND p.reference IS NOT DISTINCT FROM k.reference
        GROUP BY k.i`,
  );
  const before = new Map(counts.map((c) => [Number(c.i), Number(c.n)]));
  fresh.forEach(([identity], index) =>
    identities.set(identity, { before: before.get(index + 1) ?? 0, seen: 0 }),
  );
}
