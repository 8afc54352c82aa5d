import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { createTestOrg, openTestDatabase, type TestOrg } from '../../../test/support/database.js';
import { createCustomer } from '../customers.js';
import { createInvoice } from '../invoices.js';
import { currencyScale } from './currency-scale.js';
import { worklist } from './worklist.js';

/**
 * The organisation bills in EUR (base) and JPY; its invoices are typically 1,000 EUR and
 * 150,000 JPY, so 1 JPY counts as 1/150 EUR. K owes 30,000 EUR; J owes 3,000,000 JPY
 * (≈ 20,000 EUR): K's call is worth more, though J's figure is a hundred times larger.
 */
let database: Database;
let org: TestOrg;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: '2024-06-01T12:00:00Z' });
  const { ctx } = org;
  for (const [name, currency] of [
    ['J', 'JPY'],
    ['K', 'EUR'],
  ] as const)
    ids[name] = (
      await createCustomer(ctx, {
        external_id: name,
        name,
        kind: 'business',
        country: 'DE',
        currency,
        tags: [],
        contacts: [],
      })
    ).id;
  let n = 0;
  const invoice = (customer: string, currency: string, total: string, due = '2024-06-20') =>
    createInvoice(ctx, {
      customer_id: ids[customer]!,
      number: `S-${++n}`,
      issue_date: '2024-04-01',
      due_date: due,
      currency,
      total,
    });
  for (const total of ['900.00', '1000.00', '1100.00']) await invoice('K', 'EUR', total);
  for (const total of ['140000', '150000', '160000']) await invoice('J', 'JPY', total);
  await invoice('K', 'EUR', '30000.00', '2024-05-01');
  await invoice('J', 'JPY', '3000000', '2024-05-01');
});
afterAll(async () => database?.close());

describe('scores across currencies', () => {
  it('scales each currency by the ratio of median invoice totals to the base currency', async () => {
    const scale = await currencyScale(org.ctx, '2024-06-01');
    expect(scale.get('EUR')).toBeCloseTo(1, 6);
    // Medians over the year: EUR 1,050 (900, 1000, 1100, 30000), JPY 155,000.
    expect(scale.get('JPY')).toBeCloseTo(1050 / 155000, 6);
  });

  it('ranks the larger debt in value first, not the larger number', async () => {
    const list = await worklist(org.ctx, { as_of: '2024-06-01' });
    expect(list.data.map((e) => e.name)).toEqual(['K', 'J']);
  });
});
