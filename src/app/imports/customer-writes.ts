import { sql } from 'drizzle-orm';
import { pgArray, plainArray } from '../../store/sql-values.js';
import type { contactRowsFor, customerRow } from '../customers.js';
import { insertingKeys } from './concurrent.js';
import type { ImportRun } from './run.js';

export type NewCustomer = ReturnType<typeof customerRow>;
type NewContact = ReturnType<typeof contactRowsFor>[number];

/**
 * Inserts a batch's customers and their contacts with one INSERT ... SELECT FROM unnest(...)
 * each (a multi-row INSERT built by drizzle costs ~150 µs a customer to assemble). List columns
 * travel as array literals and `address` as JSON text, one per customer.
 */
export async function insertCustomers(run: ImportRun, rows: NewCustomer[], contactRows: NewContact[]) {
  const column = <T>(pick: (row: NewCustomer) => T) => rows.map(pick);
  await insertingKeys('customers', () =>
    run.tx.execute(sql`
      INSERT INTO customers (tenant_id, id, external_id, name, kind, country, region, time_zones, language,
        currency, address, tags, strategy_id)
      SELECT ${run.ctx.tenantId}::uuid, v.id, v.external_id, v.name, v.kind, v.country, v.region,
        v.time_zones::text[], v.language, v.currency, v.address::jsonb, v.tags::text[], v.strategy_id
      FROM unnest(${plainArray(column((r) => r.id))}::uuid[], ${pgArray(column((r) => r.externalId))}::text[],
        ${pgArray(column((r) => r.name))}::text[], ${pgArray(column((r) => r.kind))}::text[],
        ${pgArray(column((r) => r.country))}::text[], ${pgArray(column((r) => r.region))}::text[],
        ${pgArray(column((r) => pgArray(r.timeZones)))}::text[], ${pgArray(column((r) => r.language))}::text[],
        ${pgArray(column((r) => r.currency))}::text[],
        ${pgArray(column((r) => (r.address === null ? null : JSON.stringify(r.address))))}::text[],
        ${pgArray(column((r) => pgArray(r.tags)))}::text[], ${pgArray(column((r) => r.strategyId))}::uuid[])
        AS v(id, external_id, name, kind, country, region, time_zones, language, currency, address, tags, strategy_id)`),
  );
  if (contactRows.length === 0) return;
  const field = <T>(pick: (row: NewContact) => T) => contactRows.map(pick);
  await run.tx.execute(sql`
    INSERT INTO contacts (tenant_id, id, customer_id, channel, value, is_primary, sms_consent, automated_call_consent)
    SELECT ${run.ctx.tenantId}::uuid, v.* FROM unnest(${plainArray(field((c) => c.id))}::uuid[],
      ${plainArray(field((c) => c.customerId))}::uuid[], ${pgArray(field((c) => c.channel))}::text[],
      ${pgArray(field((c) => c.value))}::text[], ${plainArray(field((c) => c.isPrimary))}::boolean[],
      ${plainArray(field((c) => c.smsConsent))}::boolean[], ${plainArray(field((c) => c.automatedCallConsent))}::boolean[])
      AS v(id, customer_id, channel, value, is_primary, sms_consent, automated_call_consent)`);
}
