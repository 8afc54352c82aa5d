import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../domain/dates.js';
import { invoiceInput } from '../invoices.js';
import { INVOICE_COLUMNS, plainDate, readInvoiceRow } from './invoice-row.js';
import { zodProblems } from './problems.js';

const BASIC = ['customer_external_id', 'number', 'issue_date', 'due_date', 'currency', 'total'] as const;
const at = Object.fromEntries(
  INVOICE_COLUMNS.map((column) => [column, BASIC.indexOf(column as never)]),
) as Record<(typeof INVOICE_COLUMNS)[number], number>;

/** Cells close to valid ones, so both the fast path and the schema get exercised. */
const date = fc.oneof(
  fc
    .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(
    '2024-02-29',
    '2023-02-29',
    '1900-02-29',
    '2000-02-29',
    '2024-13-01',
    '2024-04-31',
    '0099-01-01',
  ),
  fc.constantFrom('1/2/2013', '2024-1-01', ' 2024-01-01', '2024-01-01T00:00', '２０２４-01-01', ''),
);
const amount = fc.oneof(
  fc.stringMatching(/^-?\d{1,6}(\.\d{0,4})?$/),
  fc.constantFrom('10.005', '1,5', '.5', '5.', '1e3', ' 12.00', '0', ''),
);
const row = fc.tuple(
  fc.constantFrom('C-1', '', ' C-1'),
  fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(' 0012 ', 'x'.repeat(101), '   ', '0122662308')),
  date,
  date,
  fc.constantFrom('EUR', 'JPY', 'eur', 'XYZ', ''),
  amount,
);

describe('readInvoiceRow', () => {
  it('reads exactly what invoiceInput reads, with the same messages', () => {
    fc.assert(
      fc.property(row, (cells) => {
        const raw = Object.fromEntries(BASIC.map((column, index) => [column, cells[index] || undefined]));
        const reading = readInvoiceRow(cells, at);
        const parsed = invoiceInput.safeParse(raw);
        const expectedProblems = [
          ...(raw.customer_external_id === undefined
            ? [{ field: 'customer_external_id', message: 'is required' }]
            : []),
          ...(parsed.success ? [] : zodProblems(parsed.error, raw).filter((p) => p.field !== 'customer_id')),
        ];
        if (expectedProblems.length === 0) {
          expect(reading).toEqual({ ok: true, value: parsed.data });
        } else {
          expect(reading).toEqual({ ok: false, problems: expectedProblems });
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads flat term columns into terms', () => {
    const termsAt = { ...at, net_days: 6, end_of_month: 7, discount_percent: 8, discount_days: 9 };
    expect(
      readInvoiceRow(['C-1', 'N-1', '2024-01-31', '', '', '10.00', '30', 'TRUE', '2', '10'], termsAt),
    ).toEqual({
      ok: true,
      value: {
        customer_external_id: 'C-1',
        number: 'N-1',
        issue_date: '2024-01-31',
        total: '10.00',
        terms: { net_days: 30, end_of_month: true, discount_percent: '2', discount_days: 10 },
      },
    });
    expect(
      readInvoiceRow(['C-1', 'N-1', '2024-01-31', '', '', '10.00', '30.5', 'maybe', '', '-1'], termsAt),
    ).toEqual({
      ok: false,
      problems: [
        { field: 'end_of_month', message: 'must be true or false' },
        { field: 'net_days', message: 'must be a whole number of days' },
        { field: 'discount_days', message: expect.stringContaining('>=0') },
      ],
    });
  });
});

describe('plainDate', () => {
  it('accepts only what isCalendarDate accepts, and all of it from year 1000 on', () => {
    fc.assert(
      fc.property(fc.oneof(date, fc.string({ maxLength: 12 })), (text) => {
        if (plainDate(text)) expect(isCalendarDate(text)).toBe(true);
        if (/^\d{4}/.test(text) && text >= '1000') expect(plainDate(text)).toBe(isCalendarDate(text));
      }),
      { numRuns: 5000 },
    );
  });
});
