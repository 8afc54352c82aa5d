/**
 * Snapshot: everything the run needs to decide about a batch of customers, read in a handful
 * of queries (never one per customer). Values only; deciding happens elsewhere.
 */
import { sql } from 'drizzle-orm';
import { addDays, localDate, type CalendarDate } from '../../domain/dates.js';
import { promiseDeadline, promiseStatus } from '../../domain/promises.js';
import type { PastContact } from '../../domain/compliance/index.js';
import type { SnapshotEvent, SnapshotItem } from '../../domain/strategies/evaluate.js';
import { queryRows, type Db } from '../../store/database.js';
import { pgArray, toBigInt } from '../../store/sql-values.js';
import { activeHolds, CUSTOMER_WIDE_STOPS, type ActiveHold } from '../holds.js';
import { promiseFacts } from '../promises.js';
import { loadComplianceFacts, NO_COMPLIANCE_FACTS, type ComplianceFacts } from '../compliance/facts.js';
import { loadEngagementFacts } from '../engagement/facts.js';

export interface CustomerRecord {
  id: string;
  externalId: string;
  name: string;
  kind: 'business' | 'consumer';
  country: string;
  region: string | null;
  timeZones: string[];
  language: string;
  currency: string;
  tags: string[];
  strategyId: string | null;
  address: unknown;
  state: { cycle: number; active: boolean; fired: string[]; placed: boolean } | null;
}

export interface ContactRecord {
  channel: string;
  value: string;
  smsConsent: boolean;
  optedOut: boolean;
  isPrimary: boolean;
}

export interface CustomerBatchSnapshot {
  customer: CustomerRecord;
  today: CalendarDate;
  items: SnapshotItem[];
  events: SnapshotEvent[];
  contacts: ContactRecord[];
  holds: ActiveHold[];
  /** Messages sent in the last eight days (compliance counts contacts per debt and week). */
  history: PastContact[];
  /** Days on which something will change by itself (a promise falls due, a hold ends). */
  wakeUps: CalendarDate[];
  latePayments?: number;
  /** Opt-outs, consents, interactions, validation state, invalid addresses. */
  compliance: ComplianceFacts;
}

const CUSTOMER_COLUMNS = sql`c.id, c.external_id, c.name, c.kind, c.country, c.region,
  c.time_zones::text[] AS time_zones, c.language, c.currency, c.tags::text[] AS tags, c.strategy_id, c.address,
  s.customer_id AS state_of, s.cycle, s.cycle_active, s.fired::text[] AS fired, s.placed_at`;

/** Customers the run must look at, after `after` in id order: never seen, or due by `asOf`. */
export async function dueCustomers(
  db: Db,
  tenantId: string,
  asOf: Date,
  after: string | null,
  limit: number,
): Promise<CustomerRecord[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    // The cursor is repeated on the states: without it a merge join reads every state before
    // the cursor again on each batch, so a run's reads grew with the square of its customers.
    sql`SELECT ${CUSTOMER_COLUMNS}
        FROM customers c
        LEFT JOIN collection_states s ON s.customer_id = c.id AND s.tenant_id = c.tenant_id
          ${after ? sql`AND s.customer_id > ${after}` : sql``}
        WHERE c.tenant_id = ${tenantId} ${after ? sql`AND c.id > ${after}` : sql``}
          AND (s.customer_id IS NULL OR s.next_action_at <= ${asOf.toISOString()})
        ORDER BY c.id
        LIMIT ${limit}`,
  );
  return rows.map(toCustomerRecord);
}

/** The same records for given customers (the dispatcher's check before sending). */
export async function customerRecords(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<CustomerRecord[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${CUSTOMER_COLUMNS}
        FROM customers c
        LEFT JOIN collection_states s ON s.customer_id = c.id AND s.tenant_id = c.tenant_id
        WHERE c.tenant_id = ${tenantId} AND c.id = ANY(${pgArray(ids)}::uuid[])`,
  );
  return rows.map(toCustomerRecord);
}

function toCustomerRecord(r: Record<string, unknown>): CustomerRecord {
  return {
    id: r.id as string,
    externalId: r.external_id as string,
    name: r.name as string,
    kind: r.kind as 'business' | 'consumer',
    country: r.country as string,
    region: r.region as string | null,
    timeZones: r.time_zones as string[],
    language: r.language as string,
    currency: r.currency as string,
    tags: r.tags as string[],
    strategyId: r.strategy_id as string | null,
    address: r.address,
    state: r.state_of
      ? {
          cycle: Number(r.cycle),
          active: r.cycle_active as boolean,
          fired: r.fired as string[],
          placed: r.placed_at !== null,
        }
      : null,
  };
}

export interface SnapshotOptions {
  asOf: Date;
  /** Load payments received lately (only when a strategy thanks for payments). */
  paymentEvents: boolean;
  /** Months of history for "paid late N times" segments (0: none asked for). */
  historyMonths: number;
}

export async function loadSnapshots(
  db: Db,
  tenantId: string,
  customers: CustomerRecord[],
  options: SnapshotOptions,
): Promise<CustomerBatchSnapshot[]> {
  if (customers.length === 0) return [];
  const ids = customers.map((c) => c.id);
  const idList = pgArray(ids);
  const todayIn = new Map<string, CalendarDate>();
  const todayOf = new Map(
    customers.map((c) => {
      const zone = c.timeZones[0] ?? 'UTC';
      let today = todayIn.get(zone);
      if (today === undefined) todayIn.set(zone, (today = localDate(options.asOf, zone)));
      return [c.id, today];
    }),
  );
  const latest = [...todayOf.values()].sort().at(-1)!;
  // One after another: the batch may run inside a transaction, whose single connection takes
  // one query at a time anyway.
  const items = await queryRows<{
    id: string;
    customer_id: string;
    number: string;
    currency: string;
    issue_date: string;
    due_date: string;
    balance: string;
  }>(
    db,
    // A join on the unnested ids: one index probe per customer, where `= ANY(...)` made
    // PostgreSQL scan a bitmap of the batch's heap pages several times slower.
    sql`SELECT i.id, i.customer_id, i.number, i.currency, i.issue_date::text AS issue_date,
          i.due_date::text AS due_date, i.balance::text AS balance
        FROM unnest(${idList}::uuid[]) AS b(id)
        JOIN invoices i ON i.tenant_id = ${tenantId} AND i.customer_id = b.id
        WHERE i.balance > 0 AND i.issue_date <= ${latest}
        ORDER BY i.customer_id, i.due_date, i.issue_date, i.number`,
  );
  const contactRows = await queryRows<{ customer_id: string } & ContactRecord>(
    db,
    // Joined on the unnested ids too: with `= ANY(...)` a batch of 2,000 made PostgreSQL scan
    // every contact (150 ms at 300k contacts, against 5 ms by index).
    sql`SELECT c.customer_id, c.channel, c.value, c.sms_consent AS "smsConsent", c.opted_out AS "optedOut",
          c.is_primary AS "isPrimary"
        FROM unnest(${idList}::uuid[]) AS b(id)
        JOIN contacts c ON c.tenant_id = ${tenantId} AND c.customer_id = b.id
        ORDER BY c.customer_id, c.is_primary DESC, c.id`,
  );
  const holdRows = await activeHolds(db, tenantId, ids, options.asOf);
  const promiseRows = await promiseFacts(
    db,
    tenantId,
    sql`p.customer_id = ANY(${idList}::uuid[]) AND p.due_on + p.grace_days >= ${addDays(latest, -30)}::date`,
    latest,
  );
  const payments = options.paymentEvents
    ? await queryRows<{ id: string; customer_id: string; received_on: string }>(
        db,
        sql`SELECT id, customer_id, received_on::text AS received_on FROM payments
            WHERE tenant_id = ${tenantId} AND customer_id = ANY(${idList}::uuid[])
              AND received_on BETWEEN ${addDays(latest, -7)}::date AND ${latest}::date`,
      )
    : [];
  const late =
    options.historyMonths > 0 ? await latePayments(db, tenantId, idList, latest, options.historyMonths) : [];
  const contacted = await recentContacts(db, tenantId, idList, options.asOf);
  const complianceOf = await loadComplianceFacts(db, tenantId, ids, options.asOf);
  const engagementOf = await loadEngagementFacts(db, tenantId, todayOf, options.asOf);

  const byCustomer = <T extends { customer_id?: string; customerId?: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const id = (row.customer_id ?? row.customerId)!;
      const list = map.get(id);
      if (list) list.push(row);
      else map.set(id, [row]);
    }
    return map;
  };
  const itemsOf = byCustomer(items);
  const contactsOf = byCustomer(contactRows);
  const holdsOf = byCustomer(holdRows);
  const promisesOf = byCustomer(promiseRows);
  const historyOf = byCustomer(contacted);
  const paymentsOf = byCustomer(payments);
  const lateOf = new Map(late.map((r) => [r.customer_id, r.count]));

  return customers.map((customer) => {
    const today = todayOf.get(customer.id)!;
    const engagement = engagementOf.get(customer.id);
    const holds = [...(holdsOf.get(customer.id) ?? []), ...(engagement?.holds ?? [])];
    // Arrangements (a plan in good standing, a pending promise) pause the strategy on their
    // items but do not stop contact: their confirmations and notices must still go out.
    const paused = [...(engagement?.paused ?? [])];
    const events: SnapshotEvent[] = [...(engagement?.events ?? [])];
    const wakeUps: CalendarDate[] = [...(engagement?.wakeUps ?? [])];
    for (const promise of promisesOf.get(customer.id) ?? []) {
      const status = promiseStatus(promise, promise.paid, today);
      const deadline = promiseDeadline(promise);
      if (status === 'pending') {
        paused.push({
          startsAt: options.asOf,
          id: promise.id,
          customerId: customer.id,
          reason: 'promise',
          invoiceIds: promise.invoiceIds.length ? promise.invoiceIds : null,
          endsAt: null,
        });
        wakeUps.push(addDays(deadline, 1));
      } else if (status === 'broken') {
        events.push({
          kind: 'promise_broken',
          id: promise.id,
          on: addDays(deadline, 1),
          invoiceIds: promise.invoiceIds,
        });
      }
    }
    for (const payment of paymentsOf.get(customer.id) ?? [])
      events.push({ kind: 'payment_received', id: payment.id, on: payment.received_on, invoiceIds: [] });
    for (const hold of holds)
      if (hold.endsAt) wakeUps.push(localDate(hold.endsAt, customer.timeZones[0] ?? 'UTC'));
    // Cease communication stops contact (compliance), not the items: fees may still be due.
    const wholeCustomerHeld = [...holds, ...paused].some(
      (h) =>
        h.reason !== 'cease_communication' &&
        (CUSTOMER_WIDE_STOPS.includes(h.reason) || h.invoiceIds === null),
    );
    const heldItems = new Set([...holds, ...paused].flatMap((h) => h.invoiceIds ?? []));
    return {
      customer,
      today,
      items: (itemsOf.get(customer.id) ?? [])
        .filter((row) => row.issue_date <= today)
        .map((row) => ({
          invoiceId: row.id,
          number: row.number,
          currency: row.currency,
          issueDate: row.issue_date,
          dueDate: row.due_date,
          balance: toBigInt(row.balance),
          held: wholeCustomerHeld || heldItems.has(row.id),
        })),
      events,
      contacts: contactsOf.get(customer.id) ?? [],
      holds,
      history: (historyOf.get(customer.id) ?? []).map((c) => ({
        channel: c.channel,
        direction: 'outbound' as const,
        at: new Date(c.sent_at).getTime(),
        invoiceIds: c.invoice_ids,
      })),
      wakeUps,
      ...(options.historyMonths > 0 && { latePayments: lateOf.get(customer.id) ?? 0 }),
      compliance: complianceOf.get(customer.id) ?? NO_COMPLIANCE_FACTS,
    };
  });
}

/** Messages sent to these customers in the eight days before `asOf`. */
async function recentContacts(db: Db, tenantId: string, idList: string, asOf: Date) {
  return queryRows<{
    customer_id: string;
    channel: 'email' | 'sms' | 'letter';
    sent_at: string | Date;
    invoice_ids: string[];
  }>(
    db,
    sql`SELECT customer_id, channel, sent_at, invoice_ids::text[] AS invoice_ids FROM actions
        WHERE tenant_id = ${tenantId} AND customer_id = ANY(${idList}::uuid[]) AND status = 'sent'
          AND sent_at > ${new Date(asOf.getTime() - 8 * 86_400_000).toISOString()}
          AND sent_at <= ${asOf.toISOString()}`,
  );
}

/** Invoices paid in full after their due date, within the last `months` months. */
async function latePayments(db: Db, tenantId: string, idList: string, today: CalendarDate, months: number) {
  const rows = await queryRows<{ customer_id: string; count: string }>(
    db,
    sql`SELECT i.customer_id, COUNT(*)::text AS count
        FROM invoices i
        JOIN LATERAL (SELECT MAX(e.effective_on) AS paid_on FROM ledger_entries e
                      WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.kind = 'allocation') p ON true
        WHERE i.tenant_id = ${tenantId} AND i.customer_id = ANY(${idList}::uuid[]) AND i.balance = 0
          AND p.paid_on > i.due_date AND p.paid_on > (${today}::date - make_interval(months => ${months}))::date
        GROUP BY i.customer_id`,
  );
  return rows.map((r) => ({ customer_id: r.customer_id, count: Number(r.count) }));
}
