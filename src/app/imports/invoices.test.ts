import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { createTestOrg, openTestDatabase, type TestOrg } from '../../../test/support/database.js';
import { csvText, fixture } from '../../../test/fixtures/imports/fixtures.js';
import { listInvoices } from '../invoices.js';
import { verifyLedger } from '../ledger/verify.js';
import { getImport, importCsv } from './index.js';

let database: Database;
let tmp: string;

beforeAll(async () => {
  database = await openTestDatabase();
  tmp = await mkdtemp(path.join(tmpdir(), 'recoup-imports-'));
});
afterAll(async () => {
  await database?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** A new organisation with the fixture customers (C-100 EUR, C-200 USD, C-300 JPY). */
async function orgWithCustomers(): Promise<TestOrg> {
  const org = await createTestOrg(database);
  const customers = await importCsv(org.ctx, fixture('customers.csv'), { format: 'customers-csv' });
  expect(customers.status).toBe('completed');
  return org;
}

async function invoicesOf(org: TestOrg) {
  const page = await listInvoices(org.ctx, { limit: 500 });
  return page.data;
}

async function expectBalanced(org: TestOrg) {
  const check = await verifyLedger(database.db, org.ctx.tenantId);
  expect(check.problems).toEqual([]);
}

describe('invoices-csv', () => {
  it('imports a good file: balance = total, currency from the customer, terms give the due date', async () => {
    const org = await orgWithCustomers();
    const result = await importCsv(org.ctx, fixture('invoices.csv'), {
      format: 'invoices-csv',
      fileName: 'invoices.csv',
    });
    expect(result).toMatchObject({
      format: 'invoices-csv',
      status: 'completed',
      file_name: 'invoices.csv',
      counts: { rows: 4, created: 4, unchanged: 0, rejected: 0 },
      errors: [],
    });
    const invoices = await invoicesOf(org);
    const byNumber = new Map(invoices.map((i) => [i.number, i]));
    // Leading zeros stay: numbers are text.
    expect(byNumber.get('0122662308')).toMatchObject({
      total: { amount: '1200.00', currency: 'EUR' },
      balance: { amount: '1200.00', currency: 'EUR' },
      due_date: '2024-02-09',
    });
    expect(byNumber.get('INV-0002')).toMatchObject({
      currency: 'EUR',
      due_date: '2024-03-02',
      terms: { net_days: 30, discount_percent: '2', discount_days: 10 },
    });
    expect(byNumber.get('JP-0001')).toMatchObject({ total: { amount: '5000', currency: 'JPY' } });
    await expectBalanced(org);
    expect(await getImport(org.ctx, result.id)).toEqual(result);
  });

  it('leaves a re-imported file unchanged, and refuses a known number with other content', async () => {
    const org = await orgWithCustomers();
    await importCsv(org.ctx, fixture('invoices.csv'), { format: 'invoices-csv' });
    const again = await importCsv(org.ctx, fixture('invoices.csv'), { format: 'invoices-csv' });
    expect(again.status).toBe('completed');
    expect(again.counts).toEqual({ rows: 4, created: 0, unchanged: 4, rejected: 0 });
    expect(await invoicesOf(org)).toHaveLength(4);

    const changed = await importCsv(
      org.ctx,
      csvText(
        'customer_external_id,number,issue_date,due_date,total\n' +
          'C-100,0122662308,2024-01-10,2024-02-09,1300.00\n' +
          'C-200,INV-NEW,2024-01-10,2024-02-09,5.00\n',
      ),
      { format: 'invoices-csv' },
    );
    expect(changed.status).toBe('rejected');
    expect(changed.errors).toEqual([
      {
        row: 2,
        field: 'number',
        message: 'invoice 0122662308 already exists with other content (total 1200.00)',
      },
    ]);
    expect(await invoicesOf(org)).toHaveLength(4);
    await expectBalanced(org);
  });

  it('lists every error of a bad file, with row and field, and imports nothing', async () => {
    const org = await orgWithCustomers();
    const result = await importCsv(org.ctx, fixture('invoices-bad.csv'), { format: 'invoices-csv' });
    expect(result.status).toBe('rejected');
    expect(result.counts).toEqual({ rows: 11, created: 0, unchanged: 0, rejected: 10 });
    expect(result.errors).toEqual([
      { row: 2, field: 'issue_date', message: 'must be a calendar date YYYY-MM-DD' },
      { row: 3, field: 'customer_external_id', message: 'no customer with external_id NOPE' },
      { row: 4, field: 'total', message: '"10.005" has more than 2 decimals, the most EUR allows' },
      { row: 5, field: 'number', message: 'invoice number B-4 is repeated on row 6' },
      { row: 6, field: 'number', message: 'invoice number B-4 is already on row 5' },
      { row: 7, field: '', message: 'has 5 cells, the header has 6' },
      { row: 8, field: 'number', message: 'is required' },
      { row: 9, field: 'due_date', message: '2023-12-01 is before issue_date 2024-01-01' },
      { row: 10, field: 'currency', message: 'must be an ISO 4217 currency code such as EUR' },
      { row: 11, field: 'total', message: 'must be a decimal string like "1234.56"' },
    ]);
    expect(await invoicesOf(org)).toHaveLength(0);
    expect(await getImport(org.ctx, result.id)).toEqual(result);
  });

  it('with partial, imports the good rows and writes the bad ones to a rejects file', async () => {
    const org = await orgWithCustomers();
    const rejectsPath = path.join(tmp, 'rejects.csv');
    const result = await importCsv(org.ctx, fixture('invoices-bad.csv'), {
      format: 'invoices-csv',
      partial: true,
      rejectsPath,
    });
    expect(result.status).toBe('partial');
    // The first B-4 stands; its repeat is rejected.
    expect(result.counts).toEqual({ rows: 11, created: 2, unchanged: 0, rejected: 9 });
    expect((await invoicesOf(org)).map((i) => i.number).sort()).toEqual(['B-11', 'B-4']);
    const rejects = (await readFile(rejectsPath, 'utf8')).trimEnd().split('\n');
    expect(rejects[0]).toBe('customer_external_id,number,issue_date,due_date,currency,total,error');
    expect(rejects).toHaveLength(10);
    expect(rejects[1]).toBe(
      'C-100,B-1,1/2/2013,2024-02-01,EUR,10.00,issue_date: must be a calendar date YYYY-MM-DD',
    );
    expect(rejects[5]).toBe('C-100,B-6,2024-01-01,2024-02-01,EUR,,"has 5 cells, the header has 6"');
    await expectBalanced(org);

    // The rejects, once fixed, import on their own: here, dropping the error column by mapping it away.
    const fixed = await importCsv(
      org.ctx,
      csvText(rejects.slice(0, 2).join('\n').replace('1/2/2013', '2024-01-02') + '\n'),
      { format: 'invoices-csv', mapping: { error: '' } },
    );
    expect(fixed.counts).toMatchObject({ created: 1, rejected: 0 });
  });

  it('validates without writing on a dry run', async () => {
    const org = await orgWithCustomers();
    const good = await importCsv(org.ctx, fixture('invoices.csv'), { format: 'invoices-csv', dryRun: true });
    expect(good).toMatchObject({ status: 'validated', counts: { rows: 4, created: 4, rejected: 0 } });
    const bad = await importCsv(org.ctx, fixture('invoices-bad.csv'), {
      format: 'invoices-csv',
      dryRun: true,
    });
    expect(bad.status).toBe('validated');
    expect(bad.counts.rejected).toBe(10);
    expect(bad.errors).toHaveLength(10);
    expect(await invoicesOf(org)).toHaveLength(0);
    expect((await getImport(org.ctx, good.id)).status).toBe('validated');
  });

  it('names the row and column of bytes that are not UTF-8, and carries on', async () => {
    const org = await orgWithCustomers();
    const result = await importCsv(org.ctx, fixture('invoices-latin1.csv'), { format: 'invoices-csv' });
    expect(result.status).toBe('rejected');
    expect(result.errors).toEqual([
      { row: 3, field: 'number', message: 'is not valid UTF-8 text (save the file as UTF-8)' },
    ]);
    expect(result.counts).toEqual({ rows: 3, created: 0, unchanged: 0, rejected: 1 });
    const partial = await importCsv(org.ctx, fixture('invoices-latin1.csv'), {
      format: 'invoices-csv',
      partial: true,
    });
    expect(partial.counts).toMatchObject({ created: 2, rejected: 1 });
  });

  it('refuses a header with an unknown column, and a mapping fixes it', async () => {
    const org = await orgWithCustomers();
    const refused = await importCsv(org.ctx, fixture('invoices-erp-export.csv'), { format: 'invoices-csv' });
    expect(refused.status).toBe('rejected');
    expect(refused.errors.every((e) => e.row === 1)).toBe(true);
    expect(refused.errors.map((e) => e.field)).toEqual([
      'Kunde',
      'Rechnung',
      'Datum',
      'Faellig',
      'Betrag',
      'Bemerkung',
      'customer_external_id',
      'number',
      'issue_date',
      'total',
    ]);
    expect(refused.errors[0]!.message).toMatch(
      /^is not a invoices-csv column \(customer_external_id, number/,
    );

    const mapping = {
      ' kunde ': 'customer_external_id',
      RECHNUNG: 'number',
      Datum: 'issue_date',
      Faellig: 'due_date',
      Betrag: 'total',
      Bemerkung: '',
    };
    const mapped = await importCsv(org.ctx, fixture('invoices-erp-export.csv'), {
      format: 'invoices-csv',
      mapping,
    });
    expect(mapped.errors).toEqual([]);
    expect(mapped.counts.created).toBe(2);
    const e2 = (await invoicesOf(org)).find((i) => i.number === 'E-2');
    expect(e2?.total).toEqual({ amount: '20.00', currency: 'USD' });
  });

  it('matches header names trimmed and without regard to case, and accepts a BOM and CRLF', async () => {
    const org = await orgWithCustomers();
    const text =
      '\uFEFF Customer_External_ID ,NUMBER,Issue_Date,due_date,total\r\n' +
      'C-100,"Q-1",2024-01-01,2024-01-31,"1,5"\r\n' +
      '\r\n' +
      'C-100,"Q-2\r\nsecond line",2024-01-01,2024-01-31,1.50\r\n' +
      'C-100,Q-3,2024-01-01,2024-01-31,1.500\r\n';
    const result = await importCsv(org.ctx, csvText(text), { format: 'invoices-csv' });
    // The amount "1,5" is refused on line 2; the quoted two-line number is line 4; Q-3 line 6.
    expect(result.errors).toEqual([
      { row: 2, field: 'total', message: 'must be a decimal string like "1234.56"' },
    ]);
    expect(result.counts).toEqual({ rows: 3, created: 0, unchanged: 0, rejected: 1 });
    const partial = await importCsv(org.ctx, csvText(text), { format: 'invoices-csv', partial: true });
    expect(partial.counts).toMatchObject({ created: 2, rejected: 1 });
    expect((await invoicesOf(org)).map((i) => i.number).sort()).toEqual(['Q-2\r\nsecond line', 'Q-3']);
  });

  it('gives the line where the file stops being CSV, and imports nothing', async () => {
    const org = await orgWithCustomers();
    const text =
      'customer_external_id,number,issue_date,due_date,total\n' +
      'C-100,"S-1\nstill S-1",2024-01-01,2024-01-31,1.00\n' +
      'C-100,S-2,2024-01-01,2024-01-31,1.00\n' +
      'C-100,"S-3,2024-01-01,2024-01-31,1.00\n';
    const result = await importCsv(org.ctx, csvText(text), { format: 'invoices-csv', partial: true });
    expect(result.status).toBe('rejected');
    expect(result.errors).toEqual([
      {
        row: 5,
        field: '',
        message:
          'the file is not valid CSV from here on: a quoted cell that starts on this row is never closed',
      },
    ]);
    expect(await invoicesOf(org)).toHaveLength(0);
  });

  it('keeps the first 1000 errors and counts the rest', async () => {
    const org = await orgWithCustomers();
    let text = 'customer_external_id,number,issue_date,due_date,total\n';
    for (let i = 0; i < 1500; i++) text += `C-100,T-${i},2024-13-01,2024-01-31,1.00\n`;
    const progress: number[] = [];
    const result = await importCsv(org.ctx, csvText(text, 4096), {
      format: 'invoices-csv',
      onProgress: (rows) => progress.push(rows),
    });
    expect(result.counts).toEqual({ rows: 1500, created: 0, unchanged: 0, rejected: 1500 });
    expect(result.errors).toHaveLength(1000);
    expect(result.errors_truncated).toBe(500);
    expect(result.errors.at(-1)).toMatchObject({ row: 1001, field: 'issue_date' });
    expect(progress).toEqual([1500]);
    expect(await getImport(org.ctx, result.id)).toEqual(result);
  });

  it('refuses an empty file and an amount too large for the database', async () => {
    const org = await orgWithCustomers();
    const empty = await importCsv(org.ctx, csvText(''), { format: 'invoices-csv' });
    expect(empty).toMatchObject({
      status: 'rejected',
      counts: { rows: 0 },
      errors: [{ row: 1, field: '', message: 'the file is empty: it needs a header row' }],
    });
    const huge = await importCsv(
      org.ctx,
      csvText(
        'customer_external_id,number,issue_date,due_date,total\nC-100,H-1,2024-01-01,2024-01-31,99999999999999999999\n',
      ),
      { format: 'invoices-csv' },
    );
    expect(huge.errors).toEqual([
      { row: 2, field: 'total', message: '"99999999999999999999" is larger than Recoup can hold' },
    ]);
  });

  it('keeps organisations apart', async () => {
    const org = await orgWithCustomers();
    const other = await createTestOrg(database);
    const result = await importCsv(org.ctx, fixture('invoices.csv'), { format: 'invoices-csv' });
    await expect(getImport(other.ctx, result.id)).rejects.toMatchObject({ kind: 'not_found' });
    const elsewhere = await importCsv(other.ctx, fixture('invoices.csv'), { format: 'invoices-csv' });
    expect(elsewhere.errors.map((e) => e.field)).toEqual(Array(4).fill('customer_external_id'));
  });
});
