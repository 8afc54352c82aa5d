import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { createTestOrg, openTestDatabase, type TestOrg } from '../../../test/support/database.js';
import { csvText, fixture } from '../../../test/fixtures/imports/fixtures.js';
import { listInvoices } from '../invoices.js';
import { verifyLedger } from '../ledger/verify.js';
import { importCsv } from './index.js';

/**
 * A real accounts-receivable history (IBM's late-payment sample: 2,466 invoices of 100
 * customers), read where the shared data lives; it is not copied into the repository.
 */
const FILE = '/work/shared/data/ar-history/ibm-late-payment-histories.csv';
const ABSENT = `${FILE} is not on this machine`;

/** The file's own headers as Recoup columns; the columns Recoup has no use for are ignored. */
const MAPPING = {
  customerID: 'customer_external_id',
  invoiceNumber: 'number',
  InvoiceDate: 'issue_date',
  DueDate: 'due_date',
  InvoiceAmount: 'total',
  countryCode: '',
  PaperlessDate: '',
  Disputed: '',
  SettledDate: '',
  PaperlessBill: '',
  DaysToSettle: '',
  DaysLate: '',
};

let database: Database;
let org: TestOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { baseCurrency: 'USD' });
});
afterAll(async () => database?.close());

describe('a real AR history file', () => {
  it('refuses its US dates, naming each row and the date column', async (ctx) => {
    ctx.skip(!existsSync(FILE), ABSENT);
    const result = await importCsv(org.ctx, fixture(FILE), { format: 'invoices-csv', mapping: MAPPING });
    expect(result.status).toBe('rejected');
    expect(result.counts).toEqual({ rows: 2466, created: 0, unchanged: 0, rejected: 2466 });
    // Two bad dates and an unknown customer a row: the first 1,000 errors are kept, the rest counted.
    expect(result.errors).toHaveLength(1000);
    expect(result.errors_truncated).toBe(3 * 2466 - 1000);
    expect(result.errors.slice(0, 3)).toEqual([
      { row: 2, field: 'issue_date', message: 'must be a calendar date YYYY-MM-DD' },
      { row: 2, field: 'due_date', message: 'must be a calendar date YYYY-MM-DD' },
      { row: 2, field: 'customer_external_id', message: 'no customer with external_id 0379-NEVHP' },
    ]);
    const issueDateRows = result.errors.filter((e) => e.field === 'issue_date').map((e) => e.row);
    expect(issueDateRows).toEqual(Array.from({ length: issueDateRows.length }, (_, i) => i + 2));
    expect((await listInvoices(org.ctx, { limit: 10 })).data).toHaveLength(0);
  });

  it('imports it once the dates are ISO and the customers exist, and again changes nothing', async (ctx) => {
    ctx.skip(!existsSync(FILE), ABSENT);
    const text = await readFile(FILE, 'utf8');
    const customerIds = [
      ...new Set(
        text
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(',')[1]!),
      ),
    ];
    expect(customerIds).toHaveLength(100);
    const customers = await importCsv(
      org.ctx,
      csvText(
        'external_id,name,kind,country\n' +
          customerIds.map((id) => `${id},Customer ${id},business,US`).join('\n'),
        4096,
      ),
      { format: 'customers-csv' },
    );
    expect(customers.counts).toEqual({ rows: 100, created: 100, unchanged: 0, rejected: 0 });

    const isoDates = text.replace(
      /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
      (_, month: string, day: string, year: string) =>
        `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`,
    );
    const imported = await importCsv(org.ctx, Readable.from([isoDates]), {
      format: 'invoices-csv',
      mapping: MAPPING,
      fileName: 'ibm-late-payment-histories.csv',
    });
    expect(imported.errors).toEqual([]);
    expect(imported).toMatchObject({
      status: 'completed',
      counts: { rows: 2466, created: 2466, unchanged: 0, rejected: 0 },
    });
    const { data } = await listInvoices(org.ctx, { number: '0000611365', limit: 1 });
    expect(data[0]).toMatchObject({
      number: '0000611365',
      issue_date: '2013-01-02',
      due_date: '2013-02-01',
      total: { amount: '55.94', currency: 'USD' },
      balance: { amount: '55.94', currency: 'USD' },
    });
    const check = await verifyLedger(database.db, org.ctx.tenantId);
    expect(check.problems).toEqual([]);

    const again = await importCsv(org.ctx, Readable.from([isoDates]), {
      format: 'invoices-csv',
      mapping: MAPPING,
    });
    expect(again.counts).toEqual({ rows: 2466, created: 0, unchanged: 2466, rejected: 0 });
  });
});
