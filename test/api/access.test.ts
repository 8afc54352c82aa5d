import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/app/organisations.js';
import { startTestApi, type TestApi } from '../support/server.js';

let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.newOrganisation('Access Ltd');
});
afterAll(async () => api?.close());

async function keyWithRole(role: string) {
  const created = await api.call(admin, 'POST', '/api-keys', { name: `${role} key`, role });
  expect(created.status).toBe(201);
  return created.body.api_key as string;
}

const customer = { external_id: 'R1', name: 'Role test', kind: 'consumer', country: 'US', region: 'MA' };

describe('roles and keys', () => {
  it('lets a viewer read but not write', async () => {
    const viewer = await keyWithRole('viewer');
    expect((await api.call(viewer, 'GET', '/customers')).status).toBe(200);
    const refused = await api.call(viewer, 'POST', '/customers', customer);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await api.call(admin, 'GET', '/customers?external_id=R1')).body.data).toEqual([]);
  });

  it('lets a collector take payments but not create invoices or manage keys', async () => {
    const collector = await keyWithRole('collector');
    const created = await api.call(admin, 'POST', '/customers', customer);
    const payment = await api.call(collector, 'POST', '/payments', {
      customer_id: created.body.id,
      amount: '10.00',
      currency: 'USD',
      received_on: '2024-05-01',
    });
    expect(payment.status).toBe(201);
    const invoice = await api.call(collector, 'POST', '/invoices', {
      customer_id: created.body.id,
      number: 'R-1',
      issue_date: '2024-05-01',
      due_date: '2024-05-31',
      total: '10.00',
    });
    expect(invoice.status).toBe(403);
    expect((await api.call(admin, 'GET', '/ledger/verify')).body.problems).toEqual([]);
    expect((await api.call(collector, 'GET', '/api-keys')).status).toBe(403);
  });

  it('stores keys hashed and stops a revoked key', async () => {
    const manager = await keyWithRole('manager');
    const keys = await api.call(admin, 'GET', '/api-keys');
    expect(JSON.stringify(keys.body)).not.toContain(manager);
    const stored = await api.database.db.query.apiKeys.findMany();
    expect(stored.some((row) => row.keyHash === manager || row.keyHash.includes(manager))).toBe(false);
    const mine = keys.body.data.find((k: { name: string }) => k.name === 'manager key');
    expect((await api.call(admin, 'DELETE', `/api-keys/${mine.id}`)).status).toBe(200);
    expect((await api.call(manager, 'GET', '/customers')).status).toBe(401);
  });

  it('lets only the operator key create organisations', async () => {
    const body = { name: 'Creditor 2', country: 'DE', time_zone: 'Europe/Berlin', base_currency: 'EUR' };
    expect((await api.call(admin, 'POST', '/organisations', body)).status).toBe(403);
    const operator = await createOrganisation(
      api.database.db,
      { name: 'Agency', country: 'GB', time_zone: 'Europe/London', base_currency: 'GBP', rule_packs: [] },
      { operator: true },
    );
    const created = await api.call(operator.api_key, 'POST', '/organisations', body);
    expect(created.status).toBe(201);
    expect(created.body.api_key).toMatch(/^rk_/);
    const own = await api.call(created.body.api_key, 'GET', '/organisation');
    expect(own.body).toMatchObject({ name: 'Creditor 2', base_currency: 'EUR' });
  });
});
