import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { createTestOrg, openTestDatabase } from '../../../test/support/database.js';
import { csvText, fixture } from '../../../test/fixtures/imports/fixtures.js';
import { listCustomers } from '../customers.js';
import { importCsv } from './index.js';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('customers-csv', () => {
  it('imports customers with their contacts, lists split on ";"', async () => {
    const org = await createTestOrg(database);
    const result = await importCsv(org.ctx, fixture('customers.csv'), { format: 'customers-csv' });
    expect(result).toMatchObject({
      status: 'completed',
      counts: { rows: 3, created: 3, unchanged: 0, rejected: 0 },
    });
    const { data } = await listCustomers(org.ctx, { limit: 50 });
    const byId = new Map(data.map((c) => [c.external_id, c]));
    expect(byId.get('C-100')).toMatchObject({
      name: 'Acme GmbH',
      kind: 'business',
      country: 'DE',
      time_zones: ['Europe/Berlin'],
      language: 'de',
      currency: 'EUR',
      email: 'ap@acme.example',
      phone: '+4930123456',
      address: 'Hauptstr. 1, 10115 Berlin',
      tags: ['key', 'net30'],
    });
    expect(byId.get('C-200')).toMatchObject({
      time_zones: ['America/New_York', 'America/Chicago'],
      currency: 'USD',
      phone: null,
      address: null,
      tags: [],
    });

    const again = await importCsv(org.ctx, fixture('customers.csv'), { format: 'customers-csv' });
    expect(again).toMatchObject({
      status: 'completed',
      counts: { rows: 3, created: 0, unchanged: 3, rejected: 0 },
    });
    expect((await listCustomers(org.ctx, { limit: 50 })).data).toHaveLength(3);

    // Only the cells a row gives are compared: fewer columns are still the same customer.
    const fewer = await importCsv(
      org.ctx,
      csvText('external_id,name,kind,country,email\nC-100,Acme GmbH,business,DE,ap@acme.example\n'),
      { format: 'customers-csv' },
    );
    expect(fewer.counts).toEqual({ rows: 1, created: 0, unchanged: 1, rejected: 0 });
  });

  it("fills in the organisation's defaults for cells left empty", async () => {
    const org = await createTestOrg(database, { timeZone: 'America/Toronto', baseCurrency: 'CAD' });
    await importCsv(org.ctx, csvText('external_id,name,kind,country\nD-1,Maple Ltd,business,CA\n'), {
      format: 'customers-csv',
    });
    const { data } = await listCustomers(org.ctx, { limit: 50 });
    expect(data[0]).toMatchObject({ time_zones: ['America/Toronto'], currency: 'CAD', language: 'en' });
  });

  it('refuses bad rows with the column at fault, and an existing customer with other content', async () => {
    const org = await createTestOrg(database);
    await importCsv(org.ctx, fixture('customers.csv'), { format: 'customers-csv' });
    const text =
      'external_id,name,kind,country,time_zones,email,tags\n' +
      'E-1,,business,DE,,,\n' +
      'E-2,Two,company,de,,,\n' +
      'E-3,Three,business,FR,Europe/Paris;Mars/Olympus,not-an-email,a; ;b\n' +
      'C-100,Acme AG,business,DE,Europe/Berlin,ap@acme.example,key;net30\n' +
      'E-5,Five,business,FR,,,\n' +
      'E-5,Five again,business,FR,,,\n';
    const result = await importCsv(org.ctx, csvText(text), { format: 'customers-csv' });
    expect(result.status).toBe('rejected');
    expect(result.errors).toEqual([
      { row: 2, field: 'name', message: 'is required' },
      { row: 3, field: 'kind', message: expect.stringContaining('business') },
      { row: 3, field: 'country', message: 'must be an ISO 3166-1 alpha-2 code such as DE' },
      { row: 4, field: 'time_zones', message: 'must be an IANA time zone such as Europe/Paris' },
      { row: 4, field: 'email', message: 'must be an email address' },
      {
        row: 5,
        field: 'external_id',
        message: 'customer C-100 already exists with other content (name "Acme GmbH")',
      },
      { row: 6, field: 'external_id', message: 'external_id E-5 is repeated on row 7' },
      { row: 7, field: 'external_id', message: 'external_id E-5 is already on row 6' },
    ]);
    expect(result.counts).toEqual({ rows: 6, created: 0, unchanged: 0, rejected: 6 });
    expect((await listCustomers(org.ctx, { limit: 50 })).data).toHaveLength(3);

    const partial = await importCsv(org.ctx, csvText(text), { format: 'customers-csv', partial: true });
    expect(partial).toMatchObject({ status: 'partial', counts: { created: 1, rejected: 5 } });
    expect((await listCustomers(org.ctx, { limit: 50 })).data.map((c) => c.external_id)).toContain('E-5');
  });
});
