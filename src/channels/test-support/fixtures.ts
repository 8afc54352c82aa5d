import type { MessageChannel, MessageData, OutboundMessage, PostalAddress } from '../message.js';

/** Test fixtures: outbound messages built by hand, as the dispatcher would hand them over. */
export const ACME_ADDRESS: PostalAddress = {
  lines: ['Acme GmbH', 'Buchhaltung', 'Hauptstraße 5', '10115 Berlin'],
  country: 'DE',
};

export function messageData(overrides: Partial<MessageData> = {}): MessageData {
  return {
    organisation: { name: 'Northwind Supplies Ltd', country: 'GB', time_zone: 'Europe/London' },
    customer: {
      id: '0190f1c2-7a3b-7000-8000-000000000001',
      external_id: 'ACME',
      name: 'Acme GmbH',
      kind: 'business',
      language: 'en',
      country: 'DE',
    },
    items: [
      {
        invoice_id: '0190f1c2-7a3b-7000-8000-0000000000a1',
        number: 'INV-2024-001',
        issue_date: '2024-04-01',
        due_date: '2024-05-01',
        days_past_due: 45,
        balance: { amount: '1234.56', currency: 'EUR' },
      },
      {
        invoice_id: '0190f1c2-7a3b-7000-8000-0000000000a2',
        number: 'INV-2024-017',
        issue_date: '2024-05-02',
        due_date: '2024-06-01',
        days_past_due: 14,
        balance: { amount: '300.00', currency: 'USD' },
      },
    ],
    totals: [
      { amount: '1234.56', currency: 'EUR' },
      { amount: '300.00', currency: 'USD' },
    ],
    as_of: '2024-06-15',
    step: { strategy: 'standard', key: 'overdue-14', offset_days: 14, event: null },
    ...overrides,
  };
}

const DEFAULT_TO: Record<MessageChannel, OutboundMessage['to']> = {
  email: 'ap@acme.example',
  sms: '+4915112345678',
  letter: ACME_ADDRESS,
};

export function outboundMessage(
  overrides: Partial<Omit<OutboundMessage, 'data'>> & { data?: Partial<MessageData> } = {},
): OutboundMessage {
  const channel = overrides.channel ?? 'email';
  const { data, ...rest } = overrides;
  return {
    id: '0190f1c2-7a3b-7000-8000-0000000000f1',
    idempotency_key: 'customer:0190f1c2-7a3b-7000-8000-000000000001/standard@3/overdue-14/2024-05',
    tenant_id: '0190f1c2-7a3b-7000-8000-0000000000e1',
    customer_id: '0190f1c2-7a3b-7000-8000-000000000001',
    channel,
    to: DEFAULT_TO[channel],
    template: 'overdue_notice',
    language: 'en',
    ...rest,
    data: messageData(data),
  };
}
