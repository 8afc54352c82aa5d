import type { MessageData } from '../message.js';

/**
 * Made-up data to check and preview a template with: every optional part present (a fee, a
 * promise, a plan, a payment), so a template that uses any of them can be rendered.
 */
export const SAMPLE_DATA: MessageData = {
  organisation: { name: 'Northwind Supplies Ltd', country: 'GB', time_zone: 'Europe/London' },
  customer: {
    id: '00000000-0000-7000-8000-000000000001',
    external_id: 'SAMPLE-001',
    name: 'Acme Trading GmbH',
    kind: 'business',
    language: 'en',
    country: 'DE',
  },
  items: [
    {
      invoice_id: '00000000-0000-7000-8000-0000000000a1',
      number: 'INV-1001',
      issue_date: '2024-04-01',
      due_date: '2024-05-01',
      days_past_due: 45,
      balance: { amount: '1234.56', currency: 'EUR' },
    },
    {
      invoice_id: '00000000-0000-7000-8000-0000000000a2',
      number: 'INV-1017',
      issue_date: '2024-05-02',
      due_date: '2024-06-01',
      days_past_due: 14,
      balance: { amount: '300.00', currency: 'EUR' },
    },
  ],
  totals: [{ amount: '1534.56', currency: 'EUR' }],
  fee: { amount: '40.00', currency: 'EUR' },
  promise: { amount: { amount: '500.00', currency: 'EUR' }, date: '2024-06-30' },
  plan: {
    instalments: [
      { due_date: '2024-07-01', amount: { amount: '767.28', currency: 'EUR' } },
      { due_date: '2024-08-01', amount: { amount: '767.28', currency: 'EUR' } },
    ],
  },
  payment: { amount: { amount: '300.00', currency: 'EUR' }, received_on: '2024-06-10' },
  as_of: '2024-06-15',
  step: { strategy: 'Standard', key: 'due_14', offset_days: 14, event: null },
};
