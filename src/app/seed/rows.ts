/**
 * The demo data as plain rows: the columns of the CSV imports (the fields of the POST bodies)
 * and the inputs of the few use cases called directly. Amounts are decimal strings in major units.
 */
export interface CustomerRow {
  external_id: string;
  name: string;
  kind: 'business' | 'consumer';
  country: string;
  region: string | null;
  time_zones: string[];
  language: string;
  currency: string;
  email: string;
  phone: string | null;
  address: string;
  tags: string[];
}

export interface TermsRow {
  net_days: number;
  end_of_month?: boolean;
  discount_percent?: string;
  discount_days?: number;
}

export interface InvoiceRow {
  customer_external_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total: string;
  terms: TermsRow;
}

export interface PaymentRow {
  customer_external_id: string;
  /** The one invoice this payment is for; the whole payment goes to it, any excess stays on account. */
  invoice_number: string;
  amount: string;
  currency: string;
  received_on: string;
  method: string;
  reference: string;
}

export interface CreditNoteRow {
  invoice_number: string;
  amount: string;
  reason: string;
  issued_on: string;
}

export interface ChargeRow {
  invoice_number: string;
  kind: 'fee';
  amount: string;
  charged_on: string;
  reason: string;
}

export interface WriteOffRow {
  invoice_number: string;
  amount: string;
  reason: string;
  written_off_on: string;
}

export interface DemoData {
  today: string;
  mainCurrency: string;
  customers: CustomerRow[];
  /** In issue-date order; numbers run per year (INV-2024-00001). */
  invoices: InvoiceRow[];
  /** In date order. */
  payments: PaymentRow[];
  creditNotes: CreditNoteRow[];
  charges: ChargeRow[];
  writeOffs: WriteOffRow[];
  /** What each invoice should owe once everything is loaded, by number (decimal strings). */
  expectedBalances: Record<string, string>;
}
