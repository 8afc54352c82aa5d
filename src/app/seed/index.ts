/** Demo data for a fresh install (`recoup seed`): a seeded generator and the loader. */
export { isEmpty, seedDemoData, type SeedOptions, type SeedResult } from './seed.js';
export { generateDemoData, DEFAULT_CUSTOMERS, DEFAULT_SEED, type GenerateOptions } from './generate.js';
export { customersCsv, invoicesCsv, paymentsCsv, toCsv } from './to-csv.js';
export type {
  ChargeRow,
  CreditNoteRow,
  CustomerRow,
  DemoData,
  InvoiceRow,
  PaymentRow,
  WriteOffRow,
} from './rows.js';
