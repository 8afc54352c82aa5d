/**
 * Rows of the IBM "late payment histories" sample file (shared/data/ar-history): US dates
 * without zero padding (1/2/2013), invoice numbers with leading zeros kept as strings.
 */
import { invalid } from '../errors.js';
import type { CalendarDate } from '../dates.js';

export interface IbmInvoice {
  customerId: string;
  number: string;
  invoiceDate: CalendarDate;
  dueDate: CalendarDate;
  settledDate: CalendarDate;
  amount: number;
  disputed: boolean;
  daysLate: number;
}

const COLUMNS = [
  'customerID',
  'invoiceNumber',
  'InvoiceDate',
  'DueDate',
  'SettledDate',
  'InvoiceAmount',
  'Disputed',
  'DaysLate',
];

export function usDate(text: string): CalendarDate {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) throw invalid('date', `"${text}" is not M/D/YYYY`);
  return `${match[3]}-${match[1]!.padStart(2, '0')}-${match[2]!.padStart(2, '0')}`;
}

/** `rows` includes the header row. */
export function parseIbmHistory(rows: readonly string[][]): IbmInvoice[] {
  const header = rows[0] ?? [];
  const at = Object.fromEntries(
    COLUMNS.map((name) => {
      const index = header.indexOf(name);
      if (index < 0) throw invalid(name, 'column is missing');
      return [name, index];
    }),
  ) as Record<string, number>;
  return rows.slice(1).map((cells) => ({
    customerId: cells[at.customerID!]!,
    number: cells[at.invoiceNumber!]!,
    invoiceDate: usDate(cells[at.InvoiceDate!]!),
    dueDate: usDate(cells[at.DueDate!]!),
    settledDate: usDate(cells[at.SettledDate!]!),
    amount: Number(cells[at.InvoiceAmount!]),
    disputed: cells[at.Disputed!] === 'Yes',
    daysLate: Number(cells[at.DaysLate!]),
  }));
}
