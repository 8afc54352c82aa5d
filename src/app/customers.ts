import { and, asc, eq, gt, ilike, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, invalid, notFound } from '../domain/errors.js';
import { contacts, customers } from '../store/schema.js';
import { queryRows, type Db } from '../store/database.js';
import { pgArray, toBigInt } from '../store/sql-values.js';
import { newId, type Ctx } from './context.js';
import { countryField, currencyField, cursorField, idField, limitField, timeZoneField } from './fields.js';
import { loadInvoiceStates } from './ledger/invoice-state.js';
import { asOfDate } from './as-of.js';
import { loadOrganisation } from './organisations.js';
import { decodeCursor, toPage } from './pagination.js';
import { moneyListView } from './views.js';
import { collectionStanding, customerHolds } from './customer-holds.js';

const contactInput = z.object({
  channel: z.enum(['email', 'phone', 'postal']),
  value: z.string().min(1),
  sms_consent: z.boolean().default(false),
  automated_call_consent: z.boolean().default(false),
});

export const customerInput = z.object({
  external_id: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(500),
  kind: z.enum(['business', 'consumer']),
  country: countryField,
  region: z.string().trim().max(10).nullish(),
  time_zones: z.array(timeZoneField).min(1).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, { message: 'must be a language tag such as en or fr-CA' })
    .optional(),
  currency: currencyField.optional(),
  email: z.email({ message: 'must be an email address' }).nullish(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, { message: 'must be an E.164 phone number such as +14155550100' })
    .nullish(),
  address: z.union([z.string(), z.record(z.string(), z.string())]).nullish(),
  tags: z.array(z.string().trim().min(1)).default([]),
  strategy_id: idField.nullish(),
  contacts: z.array(contactInput).default([]),
});
export type CustomerInput = z.infer<typeof customerInput>;

type CustomerRow = typeof customers.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;

export async function createCustomer(ctx: Ctx, input: CustomerInput) {
  const baseCurrency = input.currency
    ? undefined
    : (await loadOrganisation(ctx.db, ctx.tenantId)).row.baseCurrency;
  const row = customerRow({ ...ctx, baseCurrency }, input);
  const contactRows = contactRowsFor(ctx.tenantId, row.id, input);
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(customers).values(row).onConflictDoNothing().returning();
    if (inserted.length === 0) {
      throw new RecoupError(
        'conflict',
        'duplicate_external_id',
        `a customer with external_id ${input.external_id} exists`,
        [{ path: 'external_id', message: 'is already used by another customer' }],
      );
    }
    const insertedContacts =
      contactRows.length > 0 ? await tx.insert(contacts).values(contactRows).returning() : [];
    return customerView(inserted[0]!, insertedContacts);
  });
}

/** The row a customer input makes, with the organisation's defaults filled in. */
export function customerRow(
  ctx: Pick<Ctx, 'tenantId' | 'timeZone'> & { baseCurrency?: string },
  input: CustomerInput,
) {
  return {
    tenantId: ctx.tenantId,
    id: newId(),
    externalId: input.external_id,
    name: input.name,
    kind: input.kind,
    country: input.country,
    region: input.region ?? null,
    timeZones: input.time_zones ?? [ctx.timeZone],
    language: input.language ?? 'en',
    currency: input.currency ?? ctx.baseCurrency ?? 'EUR',
    address: input.address ?? null,
    tags: input.tags,
    strategyId: input.strategy_id ?? null,
  };
}

export function contactRowsFor(tenantId: string, customerId: string, input: CustomerInput) {
  const list = [
    ...(input.email
      ? [{ channel: 'email' as const, value: input.email, sms_consent: false, automated_call_consent: false }]
      : []),
    ...(input.phone
      ? [{ channel: 'phone' as const, value: input.phone, sms_consent: false, automated_call_consent: false }]
      : []),
    ...input.contacts,
  ];
  const seen = new Set<string>();
  return list
    .filter((c) => !seen.has(`${c.channel}:${c.value}`) && seen.add(`${c.channel}:${c.value}`))
    .map((c, index) => ({
      tenantId,
      id: newId(),
      customerId,
      channel: c.channel,
      value: c.value,
      isPrimary: index === list.findIndex((other) => other.channel === c.channel),
      smsConsent: c.sms_consent,
      automatedCallConsent: c.automated_call_consent,
    }));
}

export const listCustomersQuery = z.object({
  external_id: z.string().optional(),
  q: z.string().optional(),
  limit: limitField,
  cursor: cursorField,
});

export async function listCustomers(ctx: Ctx, query: z.infer<typeof listCustomersQuery>) {
  const after = decodeCursor(query.cursor);
  const conditions: SQL[] = [eq(customers.tenantId, ctx.tenantId)];
  if (query.external_id !== undefined) conditions.push(eq(customers.externalId, query.external_id));
  if (query.q) conditions.push(ilike(customers.name, `%${query.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`));
  if (after) conditions.push(gt(customers.id, after));
  const rows = await ctx.db
    .select()
    .from(customers)
    .where(and(...conditions))
    .orderBy(asc(customers.id))
    .limit(query.limit + 1);
  const contactRows = await contactsOf(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.id),
  );
  return toPage(rows, query.limit, (row) =>
    customerView(
      row,
      contactRows.filter((c) => c.customerId === row.id),
    ),
  );
}

export async function getCustomer(ctx: Ctx, id: string, asOfInput?: string) {
  const asOf = asOfDate(ctx, asOfInput);
  const row = await findCustomer(ctx.db, ctx.tenantId, id);
  const contactRows = await contactsOf(ctx.db, ctx.tenantId, [id]);
  const states = await loadInvoiceStates(ctx.db, ctx.tenantId, sql`i.customer_id = ${id}`, asOf);
  const onAccount = await onAccountAsOf(ctx.db, ctx.tenantId, id, asOf);
  return {
    ...customerView(row, contactRows),
    as_of: asOf,
    balance: moneyListView(
      states.filter((s) => !s.voided).map((s) => ({ amount: s.balance, currency: s.currency })),
    ),
    on_account: moneyListView(onAccount),
    holds: await customerHolds(ctx.db, ctx.tenantId, id, asOf),
    ...(await collectionStanding(ctx.db, ctx.tenantId, id)),
  };
}

export async function findCustomer(db: Db, tenantId: string, id: string): Promise<CustomerRow> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  if (!row) throw notFound('customer', id);
  return row;
}

export async function findCustomerByExternalId(db: Db, tenantId: string, externalId: string) {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.externalId, externalId)));
  return row ?? null;
}

/**
 * The customer a body names by `customer_id` or `customer_external_id`; an unknown one is an
 * error on that field.
 */
export async function resolveCustomer(
  ctx: Ctx,
  ref: { customer_id?: string | undefined; customer_external_id?: string | undefined },
): Promise<CustomerRow> {
  if (ref.customer_id) {
    return findCustomer(ctx.db, ctx.tenantId, ref.customer_id).catch(() => {
      throw invalid('customer_id', `no customer ${ref.customer_id}`, 'unknown_customer');
    });
  }
  const row = await findCustomerByExternalId(ctx.db, ctx.tenantId, ref.customer_external_id ?? '');
  if (!row) {
    throw invalid(
      'customer_external_id',
      `no customer with external_id ${ref.customer_external_id}`,
      'unknown_customer',
    );
  }
  return row;
}

/** Unapplied money (payments and credit notes not yet allocated), per currency, as of a date. */
export async function onAccountAsOf(db: Db, tenantId: string, customerId: string, asOf: string) {
  const rows = await queryRows<{ currency: string; amount: string }>(
    db,
    sql`SELECT currency,
          SUM(CASE WHEN kind = 'receipt' THEN amount WHEN kind = 'allocation' THEN -amount ELSE 0 END)::text AS amount
        FROM ledger_entries
        WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND source_id IS NOT NULL
          AND effective_on <= ${asOf}
        GROUP BY currency`,
  );
  return rows.map((r) => ({ currency: r.currency, amount: toBigInt(r.amount) }));
}

async function contactsOf(db: Db, tenantId: string, customerIds: string[]): Promise<ContactRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, tenantId),
        sql`${contacts.customerId} = ANY(${pgArray(customerIds)}::uuid[])`,
      ),
    )
    .orderBy(asc(contacts.id));
}

function customerView(row: CustomerRow, contactRows: ContactRow[]) {
  const primary = (channel: string) =>
    contactRows.find((c) => c.channel === channel && c.isPrimary)?.value ?? null;
  return {
    id: row.id,
    external_id: row.externalId,
    name: row.name,
    kind: row.kind as 'business' | 'consumer',
    country: row.country,
    region: row.region,
    time_zones: row.timeZones,
    language: row.language,
    currency: row.currency,
    email: primary('email'),
    phone: primary('phone'),
    address: row.address,
    tags: row.tags,
    contacts: contactRows.map((c) => ({
      id: c.id,
      channel: c.channel,
      value: c.value,
      primary: c.isPrimary,
      sms_consent: c.smsConsent,
      automated_call_consent: c.automatedCallConsent,
      opted_out: c.optedOut,
    })),
    strategy_id: row.strategyId,
    segment: 'default',
    created_at: row.createdAt.toISOString(),
  };
}
