import type { CustomerRow, InvoiceRow, PaymentRow } from './rows.js';

/** A cell value: lists become `a;b` (the import's list separator), null and undefined an empty cell. */
export type CellValue = string | number | boolean | null | undefined | readonly string[];

/**
 * Writes rows as CSV (RFC 4180): a header line, then one line per row; a cell is quoted when it
 * holds a comma, a quote, a line break or edge spaces, and quotes inside are doubled.
 */
export function toCsv<Row>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string {
  const lines = [columns.map(quote).join(',')];
  for (const row of rows)
    lines.push(columns.map((column) => quote(text(row[column] as CellValue))).join(','));
  return lines.join('\n') + '\n';
}

function text(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
}

function quote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

const CUSTOMER_COLUMNS = [
  'external_id',
  'name',
  'kind',
  'country',
  'region',
  'time_zones',
  'language',
  'currency',
  'email',
  'phone',
  'address',
  'tags',
] as const satisfies readonly (keyof CustomerRow)[];

export function customersCsv(rows: readonly CustomerRow[]): string {
  return toCsv(CUSTOMER_COLUMNS, rows);
}

/** Invoice columns; the terms object is spread into its flat columns (`net_days`, ...). */
const INVOICE_COLUMNS = [
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

export function invoicesCsv(rows: readonly InvoiceRow[]): string {
  return toCsv(
    INVOICE_COLUMNS,
    rows.map(({ terms, ...row }) => ({ ...row, ...terms })),
  );
}

const PAYMENT_COLUMNS = [
  'customer_external_id',
  'invoice_number',
  'amount',
  'currency',
  'received_on',
  'method',
  'reference',
] as const satisfies readonly (keyof PaymentRow)[];

export function paymentsCsv(rows: readonly PaymentRow[]): string {
  return toCsv(PAYMENT_COLUMNS, rows);
}
