import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { customersCsv, invoicesCsv, toCsv } from './to-csv.js';
import { generateDemoData } from './generate.js';

describe('toCsv', () => {
  it('quotes what needs quoting, joins lists with ; and leaves empty cells for null', () => {
    const csv = toCsv(
      ['a', 'b', 'c', 'd'],
      [
        { a: 'Harbour Freight Ltd', b: 'Müller, "Söhne"', c: ['key_account', 'new'], d: null },
        { a: 'two\nlines', b: ' edge', c: [], d: 12 },
      ],
    );
    expect(csv).toBe(
      'a,b,c,d\nHarbour Freight Ltd,"Müller, ""Söhne""",key_account;new,\n"two\nlines"," edge",,12\n',
    );
  });

  it('writes the demo customers so a CSV reader gets every value back', () => {
    const { customers } = generateDemoData({ today: '2024-06-01', customers: 40 });
    const parsed = parse(customersCsv(customers), { columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(customers.length);
    parsed.forEach((row, index) => {
      const original = customers[index]!;
      expect(row.name).toBe(original.name);
      expect(row.address).toBe(original.address);
      expect(row.phone).toBe(original.phone ?? '');
      expect(row.region).toBe(original.region ?? '');
      expect(row.time_zones!.split(';')).toEqual(original.time_zones);
      expect(row.tags ? row.tags.split(';') : []).toEqual(original.tags);
    });
  });
});

describe('invoicesCsv', () => {
  it('spreads the terms into the flat term columns', () => {
    const csv = invoicesCsv([
      {
        customer_external_id: 'C00001',
        number: 'INV-2024-00001',
        issue_date: '2024-05-01',
        due_date: '2024-05-31',
        currency: 'EUR',
        total: '1000.00',
        terms: { net_days: 30, discount_percent: '2', discount_days: 10 },
      },
      {
        customer_external_id: 'C00002',
        number: 'INV-2024-00002',
        issue_date: '2024-05-02',
        due_date: '2024-06-30',
        currency: 'JPY',
        total: '120000',
        terms: { net_days: 30, end_of_month: true },
      },
    ]);
    expect(csv).toBe(
      'customer_external_id,number,issue_date,due_date,currency,total,net_days,end_of_month,discount_percent,discount_days\n' +
        'C00001,INV-2024-00001,2024-05-01,2024-05-31,EUR,1000.00,30,,2,10\n' +
        'C00002,INV-2024-00002,2024-05-02,2024-06-30,JPY,120000,30,true,,\n',
    );
  });
});
