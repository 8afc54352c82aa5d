/**
 * The data a message template reads, for messages outside the run's strategy steps (a
 * collector's ad-hoc message, a confirmation, a template preview): the organisation, the
 * customer, the items listed with their days past due, and totals per currency.
 */
import type { MessageData } from '../channels/message.js';
import { daysBetween, type CalendarDate } from '../domain/dates.js';
import { totalsByCurrency } from '../domain/money.js';
import { moneyView } from './views.js';

export interface MessageItemFacts {
  id: string;
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  balance: bigint;
  currency: string;
}

export interface MessageDataInput {
  organisation: { name: string; country: string; timeZone: string };
  customer: { id: string; externalId: string; name: string; kind: string; language: string; country: string };
  items: readonly MessageItemFacts[];
  today: CalendarDate;
  step: MessageData['step'];
}

export function customerMessageData(input: MessageDataInput): MessageData {
  const { organisation, customer, items, today } = input;
  return {
    organisation: {
      name: organisation.name,
      country: organisation.country,
      time_zone: organisation.timeZone,
    },
    customer: {
      id: customer.id,
      external_id: customer.externalId,
      name: customer.name,
      kind: customer.kind as 'business' | 'consumer',
      language: customer.language,
      country: customer.country,
    },
    items: items.map((i) => ({
      invoice_id: i.id,
      number: i.number,
      issue_date: i.issueDate,
      due_date: i.dueDate,
      days_past_due: Math.max(0, daysBetween(i.dueDate, today)),
      balance: moneyView(i.balance, i.currency),
    })),
    totals: totalsByCurrency(items.map((i) => ({ amount: i.balance, currency: i.currency }))).map((t) =>
      moneyView(t.amount, t.currency),
    ),
    as_of: today,
    step: input.step,
  };
}
