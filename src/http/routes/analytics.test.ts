import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/support/server.js';

let api: TestApi;
let key: string;
let customerId: string;

beforeAll(async () => {
  api = await startTestApi();
  key = await api.newOrganisation();
  const customer = await api.call(key, 'POST', '/customers', {
    external_id: 'R1',
    name: 'Roll Ltd',
    kind: 'business',
    country: 'DE',
  });
  customerId = customer.body.id;
  for (const [number, due, total] of [
    ['R-1', '2024-03-15', '100.00'],
    ['R-2', '2024-04-10', '200.00'],
  ])
    await api.call(key, 'POST', '/invoices', {
      customer_id: customerId,
      number,
      issue_date: '2024-03-01',
      due_date: due,
      currency: 'EUR',
      total,
    });
  const r2 = await api.call(key, 'GET', '/invoices?number=R-2');
  await api.call(key, 'POST', '/payments', {
    customer_id: customerId,
    amount: '50.00',
    currency: 'EUR',
    received_on: '2024-04-20',
    allocations: [{ invoice_id: r2.body.data[0].id, amount: '50.00' }],
  });
});
afterAll(async () => api?.close());

describe('GET /reports/kpis', () => {
  it('answers the contract fields, ratios in percent and days as decimals', async () => {
    const response = await api.call(key, 'GET', '/reports/kpis?from=2024-03-01&to=2024-03-31&currency=EUR');
    expect(response.status).toBe(200);
    // 300 sold in March, all of it open on 31 March, 200 not yet due.
    expect(response.body).toMatchObject({
      dso: 31,
      dso_countback: 31,
      best_possible_dso: 20.67,
      average_days_delinquent: 10.33,
      cei: 0, // (0 + 300 − 300) / (0 + 300 − 200)
      average_days_to_pay: null,
      write_off_ratio: 0,
      promise_kept_rate: null,
      figures: { credit_sales: { amount: '300.00', currency: 'EUR' } },
    });
    for (const field of [
      'dso',
      'dso_countback',
      'best_possible_dso',
      'average_days_delinquent',
      'cei',
      'average_days_to_pay',
      'average_days_to_pay_weighted',
      'average_days_late',
      'percent_paid_late',
      'collection_rate',
      'write_off_ratio',
      'promise_kept_rate',
    ])
      expect(response.body).toHaveProperty(field);
  });

  it.each([
    ['from=2024-03-01&currency=EUR', 'to'],
    ['from=2024-3-1&to=2024-03-31', 'from'],
    ['from=2024-03-31&to=2024-03-01', 'to'],
    ['from=2024-03-01&to=2024-03-31&currency=EURO', 'currency'],
    ['from=2024-03-01&to=2024-03-31&period=week', 'period'],
  ])('refuses %s naming %s', async (query, parameter) => {
    const response = await api.call(key, 'GET', `/reports/kpis?${query}`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain(parameter);
  });
});

describe('GET /reports/roll-rates', () => {
  it('follows March-end buckets to April end', async () => {
    const response = await api.call(
      key,
      'GET',
      '/reports/roll-rates?from=2024-04-01&to=2024-04-30&currency=EUR',
    );
    expect(response.status).toBe(200);
    const [april] = response.body.months;
    expect(april).toMatchObject({ from: '2024-03-31', to: '2024-04-30' });
    // R-2 (current on 31 Mar, 200) is 20 days late on 30 Apr with 150 left: 75 %.
    // R-1 (16 days late, 100) is 46 days late, unpaid: 100 %.
    expect(april.rates.slice(0, 2)).toEqual([
      {
        from_bucket: 'current',
        to_bucket: '1-30',
        opening: { amount: '200.00', currency: 'EUR' },
        rolled: { amount: '150.00', currency: 'EUR' },
        rate: 75,
      },
      {
        from_bucket: '1-30',
        to_bucket: '31-60',
        opening: { amount: '100.00', currency: 'EUR' },
        rolled: { amount: '100.00', currency: 'EUR' },
        rate: 100,
      },
    ]);
  });

  it('refuses a bad date naming it', async () => {
    const response = await api.call(key, 'GET', '/reports/roll-rates?from=2024-04-01&to=yesterday');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain('to');
  });
});

describe('GET /reports/trends', () => {
  it('reads the snapshots (none yet) and refuses a reversed period', async () => {
    const empty = await api.call(key, 'GET', '/reports/trends?from=2024-04-01&to=2024-04-30');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ currency: 'EUR', data: [] });
    const reversed = await api.call(key, 'GET', '/reports/trends?from=2024-04-30&to=2024-04-01');
    expect(reversed.status).toBe(400);
  });
});

describe('behaviour, forecast and worklist over HTTP', () => {
  it('answers a customer behaviour, 404 for an unknown one', async () => {
    const response = await api.call(key, 'GET', `/customers/${customerId}/behaviour?as_of=2024-05-01`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ customer_id: customerId, invoices_paid: 0, alerts: [] });
    expect(response.body.predictions).toHaveLength(2);
    const unknown = await api.call(key, 'GET', '/customers/00000000-0000-4000-8000-000000000000/behaviour');
    expect(unknown.status).toBe(404);
    const other = await api.newOrganisation('Other');
    expect((await api.call(other, 'GET', `/customers/${customerId}/behaviour`)).status).toBe(404);
  });

  it('forecasts by week, refusing weeks=0', async () => {
    const response = await api.call(key, 'GET', '/reports/forecast?weeks=4&as_of=2024-05-01&currency=EUR');
    expect(response.status).toBe(200);
    expect(response.body.weeks).toHaveLength(4);
    expect(response.body.open).toEqual({ amount: '250.00', currency: 'EUR' });
    const bad = await api.call(key, 'GET', '/reports/forecast?weeks=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('weeks');
  });

  it('lists and assigns the worklist', async () => {
    const list = await api.call(key, 'GET', '/worklist?as_of=2024-05-01');
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ customer_id: customerId, reasons: expect.any(Array) });
    expect(list.body.data[0].score).toBeGreaterThan(0);
    const assigned = await api.call(key, 'POST', '/worklist/assign', {
      method: 'round_robin',
      assignees: ['ann'],
      as_of: '2024-05-01',
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.count).toBe(1);
    const mine = await api.call(key, 'GET', '/worklist?as_of=2024-05-01&assignee=ann');
    expect(mine.body.data).toHaveLength(1);
    const bad = await api.call(key, 'POST', '/worklist/assign', { method: 'by_luck' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('method');
    const badDate = await api.call(key, 'GET', '/worklist?as_of=tomorrow');
    expect(badDate.status).toBe(400);
  });
});

describe('GET /reports/strategy-outcomes', () => {
  it('answers an empty period and refuses a bad cure window', async () => {
    const response = await api.call(key, 'GET', '/reports/strategy-outcomes?from=2024-04-01&to=2024-04-30');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ cure_days: 14, data: [], experiments: [] });
    const bad = await api.call(
      key,
      'GET',
      '/reports/strategy-outcomes?from=2024-04-01&to=2024-04-30&cure_days=0',
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('cure_days');
  });
});
