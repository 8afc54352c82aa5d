import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import { RecoupError, invalid } from '../../domain/errors.js';
import { customers, invoices } from '../../store/schema.js';
import { today as orgToday, type Ctx } from '../context.js';
import { createCreditNote } from '../credit-notes.js';
import { importCsv, type CsvFormat } from '../imports/index.js';
import { addCharge, writeOff } from '../invoice-adjustments.js';
import { loadOrganisation } from '../organisations.js';
import { generateDemoData } from './generate.js';
import { seedStrategies } from './strategies.js';
import { seedEngagement, type EngagementCounts } from './engagement.js';
import { customersCsv, invoicesCsv, paymentsCsv } from './to-csv.js';

export interface SeedOptions {
  /** How many customers (default 300). */
  customers?: number;
  /** PRNG seed (default 42): the same seed gives the same data. */
  seed?: number;
  /** The organisation's today (YYYY-MM-DD); the history runs two years back from it. */
  today: string;
}

export interface SeedResult {
  customers: number;
  invoices: number;
  payments: number;
  creditNotes: number;
  writeOffs: number;
  /** Payment plans, promises, disputes and reasons for non-payment. */
  engagement: EngagementCounts;
}

/** True when the organisation has no customers yet (a fresh install the demo data may fill). */
export async function isEmpty(ctx: Ctx): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.tenantId, ctx.tenantId))
    .limit(1);
  return row === undefined;
}

/**
 * Fills an empty organisation with a realistic demo: customers, two years of invoices and
 * payments, through the CSV imports (the bulk path), then the few credit notes, fees and
 * write-offs through their use cases, and a few plans, promises and disputes. Refuses an organisation that already has customers, so
 * running it twice cannot double anything.
 */
export async function seedDemoData(ctx: Ctx, options: SeedOptions): Promise<SeedResult> {
  if (options.today > orgToday(ctx)) {
    throw invalid('today', `${options.today} is after the organisation's today ${orgToday(ctx)}`);
  }
  if (!(await isEmpty(ctx))) {
    throw new RecoupError(
      'conflict',
      'not_empty',
      'the organisation already has customers; seed only an empty one',
    );
  }
  const { row: organisation } = await loadOrganisation(ctx.db, ctx.tenantId);
  const data = generateDemoData({ ...options, mainCurrency: organisation.baseCurrency });
  await load(ctx, 'customers-csv', 'demo-customers.csv', customersCsv(data.customers));
  await load(ctx, 'invoices-csv', 'demo-invoices.csv', invoicesCsv(data.invoices));
  await load(ctx, 'payments-csv', 'demo-payments.csv', paymentsCsv(data.payments));
  const ids = await invoiceIds(ctx, [
    ...data.creditNotes.map((n) => n.invoice_number),
    ...data.charges.map((c) => c.invoice_number),
    ...data.writeOffs.map((w) => w.invoice_number),
  ]);
  const idOf = (number: string) => {
    const id = ids.get(number);
    if (!id) throw new RecoupError('rejected', 'seed_import_failed', `invoice ${number} was not imported`);
    return id;
  };
  for (const { invoice_number, ...note } of data.creditNotes) {
    await createCreditNote(ctx, { invoice_id: idOf(invoice_number), ...note });
  }
  for (const { invoice_number, ...charge } of data.charges)
    await addCharge(ctx, idOf(invoice_number), charge);
  for (const { invoice_number, ...rest } of data.writeOffs) await writeOff(ctx, idOf(invoice_number), rest);
  await seedStrategies(ctx);
  const engagement = await seedEngagement(ctx, options.today, organisation.baseCurrency);
  return {
    customers: data.customers.length,
    invoices: data.invoices.length,
    payments: data.payments.length,
    creditNotes: data.creditNotes.length,
    writeOffs: data.writeOffs.length,
    engagement,
  };
}

async function load(ctx: Ctx, format: CsvFormat, fileName: string, text: string): Promise<void> {
  const result = await importCsv(ctx, Readable.from([text]), { format, fileName });
  if (result.status === 'completed') return;
  const first = result.errors
    .slice(0, 5)
    .map((e) => `line ${e.row} ${e.field}: ${e.message}`)
    .join('; ');
  throw new RecoupError(
    'rejected',
    'seed_import_failed',
    `importing ${fileName} ended ${result.status}${first ? `: ${first}` : ''}`,
  );
}

async function invoiceIds(ctx: Ctx, numbers: string[]): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: invoices.id, number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.tenantId, ctx.tenantId), inArray(invoices.number, [...new Set(numbers)])));
  return new Map(rows.map((r) => [r.number, r.id]));
}
