import { sql } from 'drizzle-orm';
import { isCalendarDate } from '../../domain/dates.js';
import { formatAmount } from '../../domain/money.js';
import type { CsvRecord } from '../../formats/csv/reader.js';
import { queryRows } from '../../store/database.js';
import { pgArray, toBigInt } from '../../store/sql-values.js';
import { validateInvoice, type ValidInvoice } from '../invoices.js';
import { cellAt, positions } from './cells.js';
import { FirstSeen } from './duplicates.js';
import { INVOICE_COLUMNS, plainDate, readInvoiceRow, type InvoiceRowInput } from './invoice-row.js';
import { CustomerCache, type KnownCustomer } from './lookups.js';
import { InsertBatch, TotalsAdded } from './invoice-writes.js';
import { recoupProblems, type Problem } from './problems.js';
import type { ImportRun, RowHandler } from './run.js';

export const invoiceColumns = {
  format: 'invoices-csv',
  columns: INVOICE_COLUMNS,
  required: ['customer_external_id', 'number', 'issue_date', 'total'],
};

interface Existing {
  number: string;
  customer_id: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total: string;
}

/**
 * invoices-csv: rows become invoices (balance = total, as createInvoice makes them), a batch at
 * a time: the batch's customers (cached across batches), one query for its numbers already in
 * Recoup, one INSERT ... SELECT FROM unnest(...) for the new ones, which runs while the next
 * batch is read and checked. A number already in Recoup with the same customer, dates, currency
 * and total is `unchanged`; with anything else there it is an error.
 */
export function invoiceHandler(run: ImportRun): RowHandler {
  const at = positions(run.header, INVOICE_COLUMNS);
  const seen = new FirstSeen('invoice number', 'number', !run.options.partial);
  const { tenantId } = run.ctx;
  const customerCache = new CustomerCache();
  let hadInvoices: boolean | undefined;
  const totals = new TotalsAdded();
  let writing: Promise<void> = Promise.resolve();
  let writeFailure: unknown = null;

  async function settle() {
    await writing;
    if (writeFailure) throw writeFailure;
  }

  /** Reading failures of the previous batch's insert surface here, not as an aborted query. */
  async function query<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await settle();
      throw error;
    }
  }

  return {
    async handle(records) {
      const { pending, refused } = readRows(records);
      const customers = await query(() =>
        customerCache.get(run.tx, tenantId, [
          ...pending.map((p) => p.input.customer_external_id),
          ...refused.flatMap((r) => r.externalId ?? []),
        ]),
      );
      // A row refused already still hears about an unknown customer: every error at once.
      for (const { record, problems, externalId } of refused) {
        if (externalId && !customers.has(externalId)) problems.push(unknownCustomer(externalId));
        run.log.reject(record, problems);
      }
      // An organisation without invoices when the import began has none to compare with:
      // repeats within the file are FirstSeen's, and a concurrent import's hit the unique index.
      hadInvoices ??= await query(() => anyInvoices(run));
      const existing = hadInvoices
        ? await query(() =>
            existingInvoices(
              run,
              pending.map((p) => p.input.number),
            ),
          )
        : new Map<string, Existing>();
      const batch = new InsertBatch();
      for (const { record, input } of pending) {
        const valid = checkRow(record, input, customers.get(input.customer_external_id));
        if (!valid) continue;
        const found = existing.get(valid.number);
        const differences = found ? differencesFrom(found, valid) : [];
        if (!found) {
          batch.add(valid);
          run.log.create(record.line);
        } else if (differences.length === 0) {
          run.log.keep(record.line);
        } else {
          run.log.reject(record, [
            {
              field: 'number',
              message: `invoice ${valid.number} already exists with other content (${differences.join('; ')})`,
            },
          ]);
        }
      }
      const statement = batch.size > 0 && run.canWrite() ? batch.statement(tenantId) : null;
      // Everything up to here overlapped the previous batch's insert; now it must be done.
      await settle();
      if (statement) {
        writing = batch.insert(run, statement, totals).catch((error: unknown) => {
          writeFailure = error;
        });
      }
    },
    async finish() {
      await settle();
      if (run.canWrite()) await totals.flush(run);
    },
  };

  function readRows(records: CsvRecord[]) {
    const pending: { record: CsvRecord; input: InvoiceRowInput }[] = [];
    const refused: { record: CsvRecord; problems: Problem[]; externalId: string | undefined }[] = [];
    for (const record of records) {
      const reading = readInvoiceRow(record.cells, at);
      const problems = reading.ok ? [] : reading.problems;
      const number = reading.ok ? reading.value.number : cellAt(record.cells, at.number)?.trim();
      const repeated = number ? seen.check(number, record.line, run.log) : null;
      if (repeated) problems.push(repeated);
      if (reading.ok && problems.length === 0) pending.push({ record, input: reading.value });
      else refused.push({ record, problems, externalId: cellAt(record.cells, at.customer_external_id) });
    }
    return { pending, refused };
  }

  /** The row as an invoice, or null once refused. */
  function checkRow(record: CsvRecord, input: InvoiceRowInput, customer: KnownCustomer | undefined) {
    if (run.log.isRejected(record.line)) return null;
    if (!customer) {
      run.log.reject(record, [unknownCustomer(input.customer_external_id)]);
      return null;
    }
    let valid: ValidInvoice;
    try {
      valid = validateInvoice(input, customer);
    } catch (error) {
      run.log.reject(record, recoupProblems(error));
      return null;
    }
    const limits = outOfRange(valid);
    if (limits.length > 0) {
      run.log.reject(record, limits);
      return null;
    }
    return valid;
  }
}

function unknownCustomer(externalId: string): Problem {
  return { field: 'customer_external_id', message: `no customer with external_id ${externalId}` };
}

async function anyInvoices(run: ImportRun): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    run.tx,
    sql`SELECT 1 AS one FROM invoices WHERE tenant_id = ${run.ctx.tenantId} LIMIT 1`,
  );
  return rows.length > 0;
}

async function existingInvoices(run: ImportRun, numbers: string[]): Promise<Map<string, Existing>> {
  if (numbers.length === 0) return new Map();
  const rows = await queryRows<Existing>(
    run.tx,
    // One index probe per number, whatever the planner believes about a table this very
    // transaction is filling (its statistics lag behind): see lookups.ts.
    sql`SELECT i.number, i.customer_id, i.issue_date::text AS issue_date, i.due_date::text AS due_date,
          i.currency, i.total::text AS total
        FROM unnest(${pgArray(numbers)}::text[]) AS n(number)
        CROSS JOIN LATERAL (
          SELECT * FROM invoices WHERE tenant_id = ${run.ctx.tenantId} AND number = n.number LIMIT 1
        ) i`,
  );
  return new Map(rows.map((row) => [row.number, row]));
}

/** What the database cannot hold: found here, so no statement fails inside the transaction. */
function outOfRange(valid: ValidInvoice): Problem[] {
  const problems: Problem[] = [];
  const due = valid.dueDate;
  if (due.length !== 10 || !(plainDate(due) || isCalendarDate(due))) {
    problems.push({ field: 'due_date', message: `${due} is out of range` });
  }
  return problems;
}

function differencesFrom(found: Existing, valid: ValidInvoice): string[] {
  const differences: string[] = [];
  if (found.customer_id !== valid.customerId) differences.push('it belongs to another customer');
  if (found.issue_date !== valid.issueDate) differences.push(`issue_date ${found.issue_date}`);
  if (found.due_date !== valid.dueDate) differences.push(`due_date ${found.due_date}`);
  if (found.currency !== valid.currency) differences.push(`currency ${found.currency}`);
  else if (toBigInt(found.total) !== valid.total) {
    differences.push(`total ${formatAmount(toBigInt(found.total), found.currency)}`);
  }
  return differences;
}
