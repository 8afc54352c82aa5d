import { and, eq, sql } from 'drizzle-orm';
import type { CsvRecord } from '../../formats/csv/reader.js';
import { contacts } from '../../store/schema.js';
import { queryRows } from '../../store/database.js';
import { pgArray } from '../../store/sql-values.js';
import { contactRowsFor, customerInput, customerRow, type CustomerInput } from '../customers.js';
import { loadOrganisation } from '../organisations.js';
import { cellAt, listAt, positions } from './cells.js';
import { insertCustomers, type NewCustomer } from './customer-writes.js';
import { FirstSeen } from './duplicates.js';
import { zodProblems } from './problems.js';
import type { ImportRun, RowHandler } from './run.js';

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
  'strategy_id',
] as const;

export const customerColumns = {
  format: 'customers-csv',
  columns: CUSTOMER_COLUMNS,
  required: ['external_id', 'name', 'kind', 'country'],
};

/**
 * customers-csv: each row is a POST /customers body (`time_zones` and `tags` are `;` lists),
 * checked by the same schema. An external id already in Recoup with the same content is
 * `unchanged`; with other content it is an error (the import never edits a customer).
 */
export function customerHandler(run: ImportRun): RowHandler {
  const at = positions(run.header, CUSTOMER_COLUMNS);
  const seen = new FirstSeen('external_id', 'external_id', !run.options.partial);
  let baseCurrency: string | undefined;

  return {
    async handle(records) {
      baseCurrency ??= (await loadOrganisation(run.tx, run.ctx.tenantId)).row.baseCurrency;
      const defaults = { tenantId: run.ctx.tenantId, timeZone: run.ctx.timeZone, baseCurrency };
      const pending: { record: CsvRecord; input: CustomerInput; raw: RawCustomer }[] = [];
      for (const record of records) {
        const raw = readCustomerRow(record.cells, at);
        const parsed = customerInput.safeParse(raw);
        const problems = parsed.success ? [] : zodProblems(parsed.error, raw);
        const key = parsed.success ? parsed.data.external_id : raw.external_id?.trim();
        const repeated = key ? seen.check(key, record.line, run.log) : null;
        if (repeated) problems.push(repeated);
        if (parsed.success && problems.length === 0) pending.push({ record, input: parsed.data, raw });
        else run.log.reject(record, problems);
      }
      const existing = await existingCustomers(
        run,
        pending.map((p) => p.input.external_id),
      );
      const newCustomers: NewCustomer[] = [];
      const newContacts: ReturnType<typeof contactRowsFor> = [];
      for (const { record, input, raw } of pending) {
        if (run.log.isRejected(record.line)) continue;
        const row = customerRow(defaults, input);
        const found = existing.get(input.external_id);
        if (found) {
          const differences = differencesFrom(found, row, raw);
          if (differences.length === 0) run.log.keep(record.line);
          else
            run.log.reject(record, [
              {
                field: 'external_id',
                message: `customer ${input.external_id} already exists with other content (${differences.join('; ')})`,
              },
            ]);
          continue;
        }
        newCustomers.push(row);
        newContacts.push(...contactRowsFor(run.ctx.tenantId, row.id, input));
        run.log.create(record.line);
      }
      if (newCustomers.length > 0 && run.canWrite()) await insertCustomers(run, newCustomers, newContacts);
    },
    async finish() {},
  };
}

type RawCustomer = ReturnType<typeof readCustomerRow>;

function readCustomerRow(cells: readonly string[], at: Record<(typeof CUSTOMER_COLUMNS)[number], number>) {
  return {
    external_id: cellAt(cells, at.external_id),
    name: cellAt(cells, at.name),
    kind: cellAt(cells, at.kind),
    country: cellAt(cells, at.country),
    region: cellAt(cells, at.region),
    time_zones: listAt(cells, at.time_zones),
    language: cellAt(cells, at.language),
    currency: cellAt(cells, at.currency),
    email: cellAt(cells, at.email),
    phone: cellAt(cells, at.phone),
    address: cellAt(cells, at.address),
    tags: listAt(cells, at.tags),
    strategy_id: cellAt(cells, at.strategy_id),
  };
}

interface ExistingCustomer {
  id: string;
  external_id: string;
  name: string;
  kind: string;
  country: string;
  region: string | null;
  time_zones: string[];
  language: string;
  currency: string;
  address: unknown;
  tags: string[];
  strategy_id: string | null;
  contactValues: Set<string>;
}

/** The batch's customers already in Recoup, with their contacts (probed as in lookups.ts). */
async function existingCustomers(run: ImportRun, externalIds: string[]) {
  const found = new Map<string, ExistingCustomer>();
  if (externalIds.length === 0) return found;
  const rows = await queryRows<Omit<ExistingCustomer, 'contactValues'>>(
    run.tx,
    sql`SELECT c.id, c.external_id, c.name, c.kind, c.country, c.region, c.time_zones, c.language, c.currency,
          c.address, c.tags, c.strategy_id
        FROM unnest(${pgArray(externalIds)}::text[]) AS k(external_id)
        CROSS JOIN LATERAL (
          SELECT * FROM customers WHERE tenant_id = ${run.ctx.tenantId} AND external_id = k.external_id LIMIT 1
        ) c`,
  );
  if (rows.length === 0) return found;
  const contactRows = await run.tx
    .select({ customerId: contacts.customerId, channel: contacts.channel, value: contacts.value })
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, run.ctx.tenantId),
        sql`${contacts.customerId} = ANY(${pgArray(rows.map((r) => r.id))}::uuid[])`,
      ),
    );
  for (const row of rows) {
    const values = contactRows.filter((c) => c.customerId === row.id).map((c) => `${c.channel}:${c.value}`);
    found.set(row.external_id, { ...row, contactValues: new Set(values) });
  }
  return found;
}

/**
 * What an existing customer has that the row says otherwise, as "field value-in-Recoup". Only
 * the cells the row gives count: a file with fewer columns re-imports as `unchanged`.
 */
function differencesFrom(found: ExistingCustomer, row: NewCustomer, raw: RawCustomer): string[] {
  const pairs: [keyof RawCustomer, unknown, unknown][] = [
    ['name', found.name, row.name],
    ['kind', found.kind, row.kind],
    ['country', found.country, row.country],
    ['region', found.region, row.region],
    ['time_zones', found.time_zones.join(';'), row.timeZones.join(';')],
    ['language', found.language, row.language],
    ['currency', found.currency, row.currency],
    ['address', JSON.stringify(found.address), JSON.stringify(row.address)],
    ['tags', found.tags.join(';'), row.tags.join(';')],
    ['strategy_id', found.strategy_id, row.strategyId],
  ];
  const differences = pairs
    .filter(([field, was, now]) => raw[field] !== undefined && was !== now)
    .map(([field, was]) => `${field} ${field === 'address' ? String(was) : JSON.stringify(was)}`);
  for (const channel of ['email', 'phone'] as const) {
    const value = raw[channel];
    if (value && !found.contactValues.has(`${channel}:${value}`))
      differences.push(`${channel} not among its contacts`);
  }
  return differences;
}
