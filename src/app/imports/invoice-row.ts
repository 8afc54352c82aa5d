import { isCurrency } from '../../domain/currencies.js';
import { invoiceInput, type InvoiceInput } from '../invoices.js';
import { cellAt } from './cells.js';
import { zodProblems, type Problem } from './problems.js';

export const INVOICE_COLUMNS = [
  'customer_external_id',
  'number',
  'issue_date',
  'due_date',
  'currency',
  'total',
  'net_days',
  'end_of_month',
  'discount_percent',
  'discount_days',
] as const;
export type InvoiceColumn = (typeof INVOICE_COLUMNS)[number];

export type InvoiceRowInput = InvoiceInput & { customer_external_id: string };

type RawInvoiceRow = Record<
  'customer_external_id' | 'number' | 'issue_date' | 'due_date' | 'currency' | 'total',
  string | undefined
>;

export type Reading<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** amountField's pattern (src/app/fields.ts). */
const AMOUNT = /^-?\d+(\.\d+)?$/;
const WHOLE = /^-?\d+$/;

/**
 * Reads one invoices-csv row into the POST /invoices body. Zod costs a few microseconds a row,
 * as much as parsing the CSV, so a row that plainly passes every check of `invoiceInput` skips
 * it; any other row goes through `invoiceInput` itself, which gives the messages. The fast path
 * only ever accepts what the schema accepts, with the same result (see invoice-row.test.ts).
 */
export function readInvoiceRow(
  cells: readonly string[],
  at: Record<InvoiceColumn, number>,
): Reading<InvoiceRowInput> {
  const row = {
    customer_external_id: cellAt(cells, at.customer_external_id),
    number: cellAt(cells, at.number),
    issue_date: cellAt(cells, at.issue_date),
    due_date: cellAt(cells, at.due_date),
    currency: cellAt(cells, at.currency),
    total: cellAt(cells, at.total),
  };
  const problems: Problem[] = [];
  const terms = readTerms(cells, at, problems);
  if (terms === undefined && problems.length === 0) {
    const number = plainlyValid(row);
    if (number !== null) return { ok: true, value: { ...row, number } as InvoiceRowInput };
  }
  const input = { ...row, terms };
  const parsed = invoiceInput.safeParse(input);
  if (row.customer_external_id === undefined)
    problems.push({ field: 'customer_external_id', message: 'is required' });
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, input).filter((problem) => problem.field !== 'customer_id'));
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, value: parsed.data as InvoiceRowInput };
}

/** The trimmed number when every cell plainly passes invoiceInput's checks, else null. */
function plainlyValid(row: RawInvoiceRow): string | null {
  const number = row.number?.trim();
  const valid =
    row.customer_external_id !== undefined &&
    number !== undefined &&
    number.length > 0 &&
    number.length <= 100 &&
    row.issue_date !== undefined &&
    plainDate(row.issue_date) &&
    (row.due_date === undefined || plainDate(row.due_date)) &&
    (row.currency === undefined || isCurrency(row.currency)) &&
    row.total !== undefined &&
    AMOUNT.test(row.total);
  return valid ? number : null;
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A YYYY-MM-DD calendar date from year 1000 on: a cheaper form of isCalendarDate (which builds a
 * Date), accepting nothing it refuses. Other years go the slow way.
 */
export function plainDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    year = year * 10 + digit;
  }
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]!) return false;
  return month !== 2 || day < 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
}

function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens < 0 || tens > 9 || ones < 0 || ones > 9 ? -1 : tens * 10 + ones;
}

/** Flat term columns as the body's `terms` object; undefined when the row gives none. */
function readTerms(cells: readonly string[], at: Record<InvoiceColumn, number>, problems: Problem[]) {
  const netDays = cellAt(cells, at.net_days);
  const endOfMonth = cellAt(cells, at.end_of_month);
  const discountPercent = cellAt(cells, at.discount_percent);
  const discountDays = cellAt(cells, at.discount_days);
  if (
    netDays === undefined &&
    endOfMonth === undefined &&
    discountPercent === undefined &&
    discountDays === undefined
  ) {
    return undefined;
  }
  const whole = (field: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    if (WHOLE.test(text)) return Number(text);
    problems.push({ field, message: 'must be a whole number of days' });
    return undefined;
  };
  let endOfMonthFlag: boolean | undefined;
  if (endOfMonth !== undefined) {
    const flag = endOfMonth.trim().toLowerCase();
    if (flag === 'true' || flag === 'false') endOfMonthFlag = flag === 'true';
    else problems.push({ field: 'end_of_month', message: 'must be true or false' });
  }
  return {
    net_days: whole('net_days', netDays),
    end_of_month: endOfMonthFlag,
    discount_percent: discountPercent,
    discount_days: whole('discount_days', discountDays),
  };
}
