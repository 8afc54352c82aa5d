import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../store/database.js';
import { pgArray } from '../../store/sql-values.js';
import { KeyIndex } from './key-index.js';

export interface KnownCustomer {
  id: string;
  currency: string;
}

/**
 * Customers by external id, remembered across batches: a file of a million invoices names its
 * customers again and again, and after the first batches no query is needed. Only hits are
 * kept (a customer may be created meanwhile), compactly: the key in a KeyIndex, the id as 16
 * bytes and the currency as a number, some 60 bytes a customer outside the JavaScript heap.
 * Past `limit` customers it starts afresh.
 */
export class CustomerCache {
  private index = new KeyIndex();
  private ids = new Uint8Array(16 * 1024);
  private currencyOf = new Uint8Array(1024);
  private readonly currencies: string[] = [];

  constructor(private readonly limit = 2_000_000) {}

  /** The batch's customers that exist, by external id. */
  async get(tx: Db, tenantId: string, externalIds: Iterable<string>): Promise<Map<string, KnownCustomer>> {
    const batch = new Map<string, KnownCustomer>();
    const missing = new Set<string>();
    for (const externalId of externalIds) {
      if (batch.has(externalId)) continue;
      const slot = this.index.get(externalId);
      if (slot === undefined) missing.add(externalId);
      else batch.set(externalId, this.customerAt(slot));
    }
    if (missing.size === 0) return batch;
    const found = await customersByExternalId(tx, tenantId, missing);
    if (this.index.size + found.size > this.limit) this.index = new KeyIndex();
    for (const [externalId, customer] of found) {
      this.remember(externalId, customer);
      batch.set(externalId, customer);
    }
    return batch;
  }

  private remember(externalId: string, customer: KnownCustomer): void {
    const slot = this.index.size;
    if ((slot + 1) * 16 > this.ids.length) this.ids = grown(this.ids, this.ids.length * 2);
    if (slot + 1 > this.currencyOf.length)
      this.currencyOf = grown(this.currencyOf, this.currencyOf.length * 2);
    this.ids.set(Buffer.from(customer.id.replace(/-/g, ''), 'hex'), slot * 16);
    let currency = this.currencies.indexOf(customer.currency);
    if (currency === -1) currency = this.currencies.push(customer.currency) - 1;
    this.currencyOf[slot] = currency;
    this.index.set(externalId, slot);
  }

  private customerAt(slot: number): KnownCustomer {
    const hex = Buffer.from(this.ids.buffer, this.ids.byteOffset + slot * 16, 16).toString('hex');
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { id, currency: this.currencies[this.currencyOf[slot]!]! };
  }
}

function grown(array: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(size);
  bigger.set(array);
  return bigger;
}

/**
 * The customers a batch names, by external id, in one query.
 *
 * Lookups by a batch of keys are written as a LATERAL probe per key (the LIMIT keeps the
 * planner from turning it back into a join): a table the import's own transaction is filling
 * has statistics from before it began, and `key = ANY(...)` or a plain join may then be planned
 * as a scan of the whole organisation's rows, once per batch, which grows quadratically.
 */
export async function customersByExternalId(
  tx: Db,
  tenantId: string,
  externalIds: Iterable<string>,
): Promise<Map<string, KnownCustomer>> {
  const ids = [...new Set(externalIds)];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ external_id: string; id: string; currency: string }>(
    tx,
    sql`SELECT c.external_id, c.id, c.currency FROM unnest(${pgArray(ids)}::text[]) AS k(external_id)
        CROSS JOIN LATERAL (
          SELECT * FROM customers WHERE tenant_id = ${tenantId} AND external_id = k.external_id LIMIT 1
        ) c`,
  );
  return new Map(rows.map((row) => [row.external_id, { id: row.id, currency: row.currency }]));
}
