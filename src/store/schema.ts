/**
 * The one schema, for PGlite and PostgreSQL alike. Every table carries `tenant_id` (the
 * organisation) and every query filters on it; this also lets a distributed PostgreSQL (Citus)
 * shard by that column. Money is bigint minor units beside a char(3) currency. The ledger is
 * append-only: documents (invoices, payments, credit notes, charges, write-offs) and the
 * entries that move money between them are inserted, never updated; `invoices.balance` is a
 * cache of the entries, kept in the same transaction, so reports need not sum the history.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const money = (name: string) => bigint(name, { mode: 'bigint' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });

export const organisations = pgTable('organisations', {
  tenantId: uuid('tenant_id').primaryKey(),
  name: text('name').notNull(),
  country: char('country', { length: 2 }).notNull(),
  timeZone: text('time_zone').notNull(),
  baseCurrency: char('base_currency', { length: 3 }).notNull(),
  rulePacks: text('rule_packs')
    .array()
    .notNull()
    .default(sql`'{}'`),
  settings: jsonb('settings').notNull().default({}),
  /** Signs the debtor portal's magic links and unsubscribe links; set on first use. */
  signingSecret: text('signing_secret'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email').on(t.tenantId, t.email)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    userId: uuid('user_id'),
    /** SHA-256 of the key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    /** The operator key may create organisations (one Recoup, many creditors). */
    isOperator: boolean('is_operator').notNull().default(false),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.keyHash)],
);

export const customers = pgTable(
  'customers',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    country: char('country', { length: 2 }).notNull(),
    region: text('region'),
    timeZones: text('time_zones').array().notNull(),
    language: text('language').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    address: jsonb('address'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'`),
    strategyId: uuid('strategy_id'),
    /** The collector who works this customer's calls (worklist); null: assigned by rule. */
    assignee: text('assignee'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('customers_external_id').on(t.tenantId, t.externalId),
    index('customers_name').on(t.tenantId, t.name),
  ],
);

/** Ways to reach a customer, each with its own consent flags. */
export const contacts = pgTable(
  'contacts',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel').notNull(),
    value: text('value').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    smsConsent: boolean('sms_consent').notNull().default(false),
    automatedCallConsent: boolean('automated_call_consent').notNull().default(false),
    optedOut: boolean('opted_out').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('contacts_customer').on(t.tenantId, t.customerId)],
);

export const invoices = pgTable(
  'invoices',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    number: text('number').notNull(),
    issueDate: day('issue_date').notNull(),
    dueDate: day('due_date').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    total: money('total').notNull(),
    /** Cache of total + entries; checked against them by `verifyLedger`. */
    balance: money('balance').notNull(),
    terms: jsonb('terms'),
    lines: jsonb('lines'),
    createdAt: createdAt(),
  },
  (t) => [
    check('invoices_balance_not_negative', sql`balance >= 0`),
    uniqueIndex('invoices_number').on(t.tenantId, t.number),
    index('invoices_customer_due').on(t.tenantId, t.customerId, t.dueDate),
    index('invoices_open_due')
      .on(t.tenantId, t.dueDate)
      .where(sql`balance > 0`),
    // KPIs: credit sales of a period and of the months before it (count-back DSO).
    index('invoices_issued').on(t.tenantId, t.currency, t.issueDate),
  ],
);

export const payments = pgTable(
  'payments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    amount: money('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    receivedOn: day('received_on').notNull(),
    method: text('method'),
    reference: text('reference'),
    createdAt: createdAt(),
  },
  (t) => [index('payments_customer').on(t.tenantId, t.customerId, t.receivedOn)],
);

export const creditNotes = pgTable(
  'credit_notes',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    amount: money('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    issuedOn: day('issued_on').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('credit_notes_invoice').on(t.tenantId, t.invoiceId)],
);

/** Fee and interest items charged on an invoice. */
export const charges = pgTable(
  'charges',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    kind: text('kind').notNull(),
    amount: money('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    chargedOn: day('charged_on').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('charges_invoice').on(t.tenantId, t.invoiceId)],
);

export const writeOffs = pgTable(
  'write_offs',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    amount: money('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    writtenOffOn: day('written_off_on').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('write_offs_invoice').on(t.tenantId, t.invoiceId)],
);

/**
 * Every movement of money after an invoice is issued. `amount` is always positive; `kind`
 * says which way it moves:
 * - charge:     receivable of (invoice, component) goes up
 * - allocation: money from a source (payment, credit note) pays (invoice, component)
 * - discount, write_off, void: receivable of (invoice, component) goes down, no money moves
 * - receipt:    a source gains unapplied money (a payment received, a credit note's value)
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    kind: text('kind').notNull(),
    amount: money('amount').notNull(),
    effectiveOn: day('effective_on').notNull(),
    invoiceId: uuid('invoice_id'),
    component: text('component'),
    sourceKind: text('source_kind'),
    sourceId: uuid('source_id'),
    /** The document that caused the entry (charge, write-off, payment, credit note). */
    documentId: uuid('document_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('entries_amount_positive', sql`amount > 0`),
    index('entries_invoice').on(t.tenantId, t.invoiceId),
    index('entries_source').on(t.tenantId, t.sourceId),
    index('entries_customer').on(t.tenantId, t.customerId),
    index('entries_effective').on(t.tenantId, t.effectiveOn),
  ],
);

/**
 * Open receivables summed per (currency, due date, issue date), kept in step with every invoice
 * and entry, so the aging report reads a few thousand rows instead of every invoice. Balances
 * are never negative, so `balance` is the sum over all invoices and `open_count` counts those
 * above zero. Checked against the invoices by `verifyLedger`.
 */
export const receivableTotals = pgTable(
  'receivable_totals',
  {
    tenantId: uuid('tenant_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    dueDate: day('due_date').notNull(),
    issueDate: day('issue_date').notNull(),
    openCount: integer('open_count').notNull(),
    balance: money('balance').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.currency, t.dueDate, t.issueDate] })],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    route: text('route').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.route, t.key] })],
);

export const imports = pgTable(
  'imports',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    format: text('format').notNull(),
    status: text('status').notNull(),
    fileName: text('file_name'),
    counts: jsonb('counts').notNull(),
    errors: jsonb('errors').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('imports_created').on(t.tenantId, t.createdAt)],
);

/** A saved mapping from a file's own header names to Recoup's column names. */
export const columnMappings = pgTable(
  'column_mappings',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    format: text('format').notNull(),
    columns: jsonb('columns').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('column_mappings_name').on(t.tenantId, t.name)],
);

const instant = (name: string) => timestamp(name, { withTimezone: true });

/** A named collection strategy; its steps live in versions, so old runs keep what they used. */
export const strategies = pgTable(
  'strategies',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    latestVersion: integer('latest_version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('strategies_name').on(t.tenantId, t.name)],
);

export const strategyVersions = pgTable(
  'strategy_versions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    strategyId: uuid('strategy_id').notNull(),
    version: integer('version').notNull(),
    document: jsonb('document').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('strategy_versions_number').on(t.tenantId, t.strategyId, t.version)],
);

/** Named rules over customer facts that pick a strategy; the first matching `position` wins. */
export const segments = pgTable(
  'segments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    rule: jsonb('rule').notNull(),
    strategyId: uuid('strategy_id').notNull(),
    /** Champion/challenger: this share (0–100) of the segment runs the challenger strategy. */
    challengerStrategyId: uuid('challenger_strategy_id'),
    challengerPercent: integer('challenger_percent').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('segments_name').on(t.tenantId, t.name)],
);

/**
 * Where each customer stands in collection. `next_action_at` is when a run must look at the
 * customer again (null: only a change will bring them back); the epoch means "now". `fired`
 * holds the step markers of the current cycle, so each step fires once per item and cycle.
 */
export const collectionStates = pgTable(
  'collection_states',
  {
    tenantId: uuid('tenant_id').notNull(),
    customerId: uuid('customer_id').primaryKey(),
    nextActionAt: instant('next_action_at'),
    cycle: integer('cycle').notNull().default(0),
    cycleActive: boolean('cycle_active').notNull().default(false),
    overdueSeen: boolean('overdue_seen').notNull().default(false),
    fired: text('fired')
      .array()
      .notNull()
      .default(sql`'{}'`),
    strategyVersionId: uuid('strategy_version_id'),
    segment: text('segment'),
    variant: text('variant'),
    placedAt: instant('placed_at'),
    evaluatedAt: instant('evaluated_at'),
  },
  (t) => [index('collection_states_next').on(t.tenantId, t.nextActionAt)],
);

/** A run: one pass of snapshot → decide → comply → act over the customers that are due. */
export const runs = pgTable(
  'runs',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    asOf: instant('as_of').notNull(),
    trigger: text('trigger').notNull(),
    /** The daily schedule's local date; unique, so two workers cannot both start the day's run. */
    scheduleKey: text('schedule_key'),
    status: text('status').notNull(),
    /** The last customer id done: a run that was interrupted resumes after it. */
    cursor: uuid('cursor'),
    claimedUntil: instant('claimed_until'),
    totals: jsonb('totals').notNull(),
    error: text('error'),
    startedAt: createdAt(),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    uniqueIndex('runs_schedule').on(t.tenantId, t.scheduleKey),
    index('runs_status').on(t.status, t.claimedUntil),
  ],
);

/**
 * Every action a run decided, and the outbox: message actions wait here as `planned` until the
 * dispatcher sends them. The idempotency key (customer, strategy version, step, cycle, and the
 * item for per-invoice steps) is unique, so a step cannot fire twice whatever crashes.
 */
export const actions = pgTable(
  'actions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    runId: uuid('run_id'),
    customerId: uuid('customer_id').notNull(),
    invoiceIds: uuid('invoice_ids').array().notNull(),
    strategyId: uuid('strategy_id'),
    strategyVersion: integer('strategy_version'),
    stepKey: text('step_key').notNull(),
    cycle: integer('cycle').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel'),
    template: text('template'),
    variant: text('variant'),
    status: text('status').notNull(),
    reasonCode: text('reason_code'),
    reason: text('reason'),
    scheduledFor: instant('scheduled_for').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    payload: jsonb('payload').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at'),
    claimedUntil: instant('claimed_until'),
    lastError: text('last_error'),
    sentAt: instant('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('actions_idempotency').on(t.tenantId, t.idempotencyKey),
    index('actions_customer').on(t.tenantId, t.customerId, t.createdAt),
    // The run reads each customer's last week of sent messages (compliance frequency rules).
    index('actions_sent')
      .on(t.tenantId, t.customerId, t.sentAt)
      .where(sql`status = 'sent'`),
    index('actions_outbox')
      .on(t.nextAttemptAt)
      .where(sql`status IN ('planned', 'deferred', 'sending')`),
  ],
);

/** Messages as sent, with their rendered content: the customer's timeline and the sandbox mailbox. */
export const messages = pgTable(
  'messages',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    actionId: uuid('action_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel').notNull(),
    adapter: text('adapter').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    providerId: text('provider_id'),
    status: text('status').notNull(),
    /** Names and sizes of the PDFs that went with it (statement, invoice copies). */
    attachments: jsonb('attachments').notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_customer').on(t.tenantId, t.customerId, t.createdAt),
    index('messages_action').on(t.tenantId, t.actionId),
  ],
);

/** Work for people: call tasks for collectors, escalations for managers, placements, write-off reviews. */
export const tasks = pgTable(
  'tasks',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    actionId: uuid('action_id'),
    queue: text('queue').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    invoiceIds: uuid('invoice_ids').array().notNull(),
    dueOn: day('due_on').notNull(),
    note: text('note'),
    assignee: text('assignee'),
    createdAt: createdAt(),
    completedAt: instant('completed_at'),
  },
  (t) => [index('tasks_queue').on(t.tenantId, t.queue, t.status, t.dueOn)],
);

/** Reasons not to chase a customer or some of their items (null `invoice_ids`: all of them). */
export const holds = pgTable(
  'holds',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    reason: text('reason').notNull(),
    invoiceIds: uuid('invoice_ids').array(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('holds_customer').on(t.tenantId, t.customerId)],
);

/** A debtor's promise to pay; its status (pending, kept, broken) is derived on the date asked. */
export const promises = pgTable(
  'promises',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    amount: money('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    dueOn: day('due_on').notNull(),
    invoiceIds: uuid('invoice_ids').array().notNull(),
    agreedAt: instant('agreed_at').notNull(),
    channel: text('channel'),
    graceDays: integer('grace_days').notNull(),
    /** Withdrawn by the collector: no longer pending, kept or broken. */
    cancelledAt: instant('cancelled_at'),
    createdAt: createdAt(),
  },
  (t) => [index('promises_customer').on(t.tenantId, t.customerId, t.dueOn)],
);

/**
 * What a customer asked about being contacted: `opt_out` (a channel, or one address of it),
 * `consent` (prior express consent for automated texts or calls to one number). Rows are
 * never edited but to close them (`ended_at`), so a check can be judged as of any instant.
 */
export const contactPreferences = pgTable(
  'contact_preferences',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    /** Normalised email address or E.164 number; null: the whole channel. */
    address: text('address'),
    effectiveAt: instant('effective_at').notNull(),
    endedAt: instant('ended_at'),
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('contact_preferences_customer').on(t.tenantId, t.customerId)],
);

/**
 * Contacts with the debtor that happened (calls placed by a collector, letters sent from
 * elsewhere, inbound calls, portal visits). Messages Recoup sends are actions; both feed the
 * compliance history. `kind` `validation_notice` records a notice sent for `invoice_ids`.
 */
export const interactions = pgTable(
  'interactions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel').notNull(),
    direction: text('direction').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    outcome: text('outcome'),
    kind: text('kind'),
    invoiceIds: uuid('invoice_ids').array().notNull(),
    notes: text('notes'),
    /** Extra facts by kind, e.g. a validation notice's `validation_period_end`. */
    details: jsonb('details').notNull().default({}),
    actor: text('actor'),
    createdAt: createdAt(),
  },
  (t) => [index('interactions_customer').on(t.tenantId, t.customerId, t.occurredAt)],
);

/**
 * The audit log: append-only and hash-chained per organisation. Each entry's `hash` is
 * SHA-256 over its content and the previous entry's hash, so editing or deleting any entry
 * breaks every hash after it. `audit_heads` holds the last sequence number and hash, and its
 * row lock serialises appends within an organisation.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: uuid('tenant_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: instant('at').notNull(),
    actor: text('actor').notNull(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    customerId: uuid('customer_id'),
    data: jsonb('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index('audit_log_customer').on(t.tenantId, t.customerId, t.seq),
  ],
);

export const auditHeads = pgTable('audit_heads', {
  tenantId: uuid('tenant_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** An organisation's own version of a message template; the highest version is in use. */
export const templates = pgTable(
  'templates',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    key: text('key').notNull(),
    channel: text('channel').notNull(),
    language: text('language').notNull(),
    version: integer('version').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    html: text('html'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('templates_version').on(t.tenantId, t.key, t.channel, t.language, t.version)],
);

/** Where an organisation wants events posted, signed with its own secret. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    /** Event types, or `*`. */
    events: text('events').array().notNull(),
    active: boolean('active').notNull().default(true),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_endpoints_tenant').on(t.tenantId)],
);

/** One event for one endpoint: the webhook outbox and its delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    endpointId: uuid('endpoint_id').notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at'),
    claimedUntil: instant('claimed_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: instant('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event').on(t.tenantId, t.endpointId, t.eventId),
    index('webhook_deliveries_outbox')
      .on(t.nextAttemptAt)
      .where(sql`status IN ('pending', 'retrying')`),
  ],
);

/** What happened to a message after it left: delivered, bounced (hard or soft), failed, complained. */
export const messageEvents = pgTable(
  'message_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    messageId: uuid('message_id').notNull(),
    kind: text('kind').notNull(),
    detail: text('detail'),
    occurredAt: instant('occurred_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('message_events_message').on(t.tenantId, t.messageId)],
);

/** An address that bounced hard: no message goes to it until it is replaced or cleared. */
export const invalidAddresses = pgTable(
  'invalid_addresses',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    reason: text('reason').notNull(),
    markedAt: instant('marked_at').notNull(),
    clearedAt: instant('cleared_at'),
  },
  (t) => [index('invalid_addresses_customer').on(t.tenantId, t.customerId)],
);

/** A payment plan over some invoices; instalments are in `plan_instalments`, status is derived. */
export const paymentPlans = pgTable(
  'payment_plans',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    invoiceIds: uuid('invoice_ids').array().notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    total: money('total').notNull(),
    agreedAt: instant('agreed_at').notNull(),
    graceDays: integer('grace_days').notNull(),
    defaultAfter: integer('default_after').notNull(),
    /** `active` or `pending_review` (a portal proposal outside the rules); cancelled when set. */
    approval: text('approval').notNull(),
    source: text('source').notNull(),
    cancelledAt: instant('cancelled_at'),
    createdAt: createdAt(),
  },
  (t) => [index('payment_plans_customer').on(t.tenantId, t.customerId)],
);

export const planInstalments = pgTable(
  'plan_instalments',
  {
    tenantId: uuid('tenant_id').notNull(),
    planId: uuid('plan_id').notNull(),
    position: integer('position').notNull(),
    dueOn: day('due_on').notNull(),
    amount: money('amount').notNull(),
    isDownPayment: boolean('is_down_payment').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.planId, t.position] })],
);

/** A debtor's dispute of one invoice; collection on it pauses while `resolved_at` is null. */
export const disputes = pgTable(
  'disputes',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    reasonCode: text('reason_code').notNull(),
    note: text('note'),
    source: text('source').notNull(),
    openedAt: instant('opened_at').notNull(),
    resolvedAt: instant('resolved_at'),
    outcome: text('outcome'),
    resolutionNote: text('resolution_note'),
    creditNoteId: uuid('credit_note_id'),
    /** Verification sent to the debtor (FDCPA §809(b)); the pause ends for consumer debts then. */
    verificationSentAt: instant('verification_sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('disputes_customer').on(t.tenantId, t.customerId),
    index('disputes_invoice').on(t.tenantId, t.invoiceId),
  ],
);

/** Files the debtor or a collector attached (dispute evidence). */
export const attachments = pgTable(
  'attachments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: text('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_owner').on(t.tenantId, t.ownerType, t.ownerId)],
);

/** Why a customer says they have not paid (cash flow, lost invoice, dispute...). */
export const nonPaymentReasons = pgTable(
  'non_payment_reasons',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    invoiceIds: uuid('invoice_ids').array().notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    source: text('source').notNull(),
    recordedAt: instant('recorded_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('non_payment_reasons_customer').on(t.tenantId, t.customerId)],
);

/** A payment started in the portal with a card provider; it becomes a payment when it succeeds. */
export const portalPayments = pgTable(
  'portal_payments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    invoiceIds: uuid('invoice_ids').array().notNull(),
    amount: money('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    provider: text('provider').notNull(),
    providerId: text('provider_id'),
    status: text('status').notNull(),
    paymentId: uuid('payment_id'),
    createdAt: createdAt(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    index('portal_payments_customer').on(t.tenantId, t.customerId),
    uniqueIndex('portal_payments_provider').on(t.provider, t.providerId),
  ],
);

/** Each day's aging and open balances per currency, written by the daily run, for cheap trends. */
export const arSnapshots = pgTable(
  'ar_snapshots',
  {
    tenantId: uuid('tenant_id').notNull(),
    asOf: day('as_of').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    data: jsonb('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.asOf, t.currency] })],
);

/**
 * The KPI report's sums over a period's ledger entries (`entriesIn`), per currency and period,
 * for the whole organisation. Valid while no `ledger.posted` event after `audit_seq` (the audit
 * head when they were computed) has an entry in the currency effective by `period_to`: the
 * ledger is append-only and every posting records that event, in commit order.
 */
export const kpiEntryFacts = pgTable(
  'kpi_entry_facts',
  {
    tenantId: uuid('tenant_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    periodFrom: day('period_from').notNull(),
    periodTo: day('period_to').notNull(),
    facts: jsonb('facts').notNull(),
    auditSeq: bigint('audit_seq', { mode: 'number' }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.currency, t.periodFrom, t.periodTo] })],
);

/**
 * Invoices issued per currency and month (or the part of it up to a period's end), for the KPI
 * report's credit sales. Valid while the month's invoice count is unchanged (invoices are never
 * updated in these columns nor deleted, so the same count is the same invoices) and no
 * `ledger.posted` event after `audit_seq` voids something in the range.
 */
export const kpiIssuedMonths = pgTable(
  'kpi_issued_months',
  {
    tenantId: uuid('tenant_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    periodFrom: day('period_from').notNull(),
    periodTo: day('period_to').notNull(),
    gross: money('gross').notNull(),
    sales: money('sales').notNull(),
    /** Issued less voided in the range. */
    count: integer('count').notNull(),
    /** Every invoice issued in the range: the freshness check. */
    invoices: integer('invoices').notNull(),
    auditSeq: bigint('audit_seq', { mode: 'number' }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.currency, t.periodFrom, t.periodTo] })],
);
