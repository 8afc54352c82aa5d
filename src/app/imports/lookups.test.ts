import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { createTestOrg, openTestDatabase } from '../../../test/support/database.js';
import { csvText } from '../../../test/fixtures/imports/fixtures.js';
import { importCsv } from './index.js';
import { CustomerCache } from './lookups.js';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('CustomerCache', () => {
  it('finds every customer of a batch, also after it forgets what it held', async () => {
    const org = await createTestOrg(database);
    const ids = ['K-1', 'K-2', 'K-3', 'K-4', 'K-5'];
    await importCsv(
      org.ctx,
      csvText('external_id,name,kind,country\n' + ids.map((id) => `${id},${id},business,DE`).join('\n')),
      { format: 'customers-csv' },
    );
    const cache = new CustomerCache(3);
    const [k1] = (await cache.get(database.db, org.ctx.tenantId, ['K-1'])).values();
    expect(k1).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), currency: 'EUR' });
    // The second time it comes from the cache's bytes, the same.
    expect((await cache.get(database.db, org.ctx.tenantId, ['K-1'])).get('K-1')).toEqual(k1);
    const get = async (wanted: string[]) => [
      ...(await cache.get(database.db, org.ctx.tenantId, wanted)).keys(),
    ];
    expect(await get(['K-1', 'K-2'])).toEqual(['K-1', 'K-2']);
    expect((await get(['K-1', 'K-3', 'K-4', 'NOPE'])).sort()).toEqual(['K-1', 'K-3', 'K-4']);
    expect((await get(['K-2', 'K-5', 'K-1'])).sort()).toEqual(['K-1', 'K-2', 'K-5']);
  });
});
