import { customerColumns } from '../imports/customers.js';
import { invoiceColumns } from '../imports/invoices.js';
import { paymentColumns } from '../imports/payments.js';
import type { CustomerRow, InvoiceRow, PaymentRow } from './rows.js';

// The columns come from the importers the CSV is written for, so the two cannot drift apart.

/** A cell value: lists become `a;b` (the import's list separator), null and undefined an empty cell. */
export type CellValue = string | number | boolean | null | undefined | readonly string[];

/**
 * Writes rows as CSV (RFC 4180): a header line, then one line per row; a cell is quoted when it
 * holds a comma, a quote, a line break or edge spaces, and quotes inside are doubled.
 */
export function toCsv(columns: readonly string[], rows: readonly object[]): string {
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => quote(text((row as Record<string, CellValue>)[column]))).join(','));
  }
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

export function customersCsv(rows: readonly CustomerRow[]): string {
  return toCsv(customerColumns.columns, rows);
}

export function invoicesCsv(rows: readonly InvoiceRow[]): string {
  return toCsv(
    invoiceColumns.columns,
    rows.map(({ terms, ...row }) => ({ ...row, ...terms })),
  );
}

export function paymentsCsv(rows: readonly PaymentRow[]): string {
  return toCsv(paymentColumns.columns, rows);
}
