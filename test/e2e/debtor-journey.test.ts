/**
 * Issue 7's promise, end to end on the demo data: debtors follow the portal link in a reminder
 * they received; one agrees a payment plan and the next runs leave those invoices alone, one
 * disputes an invoice and reminders about it stop, one pays by card and the ledger, the
 * customer's timeline and a signed webhook to a real HTTP endpoint all show the payment.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../support/database.js';
import { startTestApi, type TestApi } from '../support/server.js';
import { addDays } from '../../src/domain/dates.js';
import { today, type Clock, type Ctx } from '../../src/app/context.js';
import { verifyLedger } from '../../src/app/ledger/verify.js';
import { runInput, startRun } from '../../src/app/runs/run.js';
import { seedDemoData } from '../../src/app/seed/index.js';
import { verifySignatureHeader } from '../../src/app/webhooks/signature.js';
import { createAdapters, type ChannelAdapters } from '../../src/channels/index.js';
import { dispatchUntilIdle } from '../../src/jobs/dispatch.js';
import { deliverWebhooksUntilIdle } from '../../src/jobs/webhooks.js';
import { queryRows } from '../../src/store/database.js';

const PUBLIC_URL = 'https://recoup.test';
let now = new Date('2025-03-12T08:00:00Z');
const clock: Clock = { now: () => now };
let api: TestApi;
let ctx: Ctx;
let apiKey: string;
let adapters: ChannelAdapters;
let receiver: Server;
const received: { type: string; data: Record<string, unknown>; verified: boolean }[] = [];
let secret = '';

async function runAndDispatch() {
  await startRun(ctx, runInput.parse({}), 'schedule');
  await dispatchUntilIdle(ctx.db, { adapters, clock, publicUrl: PUBLIC_URL });
}

async function nextDay(days = 1) {
  now = new Date(now.getTime() + days * 86_400_000);
  await runAndDispatch();
}

/** The portal link of each customer who got an email with one, newest message first. */
async function linksFromReminders() {
  const rows = await queryRows<{ customer_id: string; body_text: string }>(
    ctx.db,
    sql`SELECT customer_id, body_text FROM messages
        WHERE tenant_id = ${ctx.tenantId} AND channel = 'email' ORDER BY created_at DESC`,
  );
  const links = new Map<string, string>();
  for (const row of rows) {
    const link = /https:\/\/recoup\.test(\/portal\?token=[A-Za-z0-9_.-]+)/.exec(row.body_text)?.[1];
    if (link && !links.has(row.customer_id)) links.set(row.customer_id, link);
  }
  return links;
}

const page = (url: string) => api.app.inject({ method: 'GET', url });
const post = (url: string, form: Record<string, string | string[]>) =>
  api.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(
      Object.entries(form).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]),
      ),
    ).toString(),
  });
const invoiceIdsOn = (html: string) =>
  [...html.matchAll(/name="invoice_ids"\s+value="([^"]+)"\s+aria-label/g)].map((m) => m[1]!);
const tokenOf = (link: string) => new URL(`https://x${link}`).searchParams.get('token')!;

/** Message actions the runs queued for a customer after `since` (test clock), with their invoices. */
async function remindersSince(customerId: string, since: Date) {
  return queryRows<{ template: string; invoice_ids: string[]; status: string }>(
    ctx.db,
    sql`SELECT template, invoice_ids::text[] AS invoice_ids, status FROM actions
        WHERE tenant_id = ${ctx.tenantId} AND customer_id = ${customerId} AND run_id IS NOT NULL
          AND channel IS NOT NULL AND scheduled_for > ${since.toISOString()}`,
  );
}

beforeAll(async () => {
  api = await startTestApi(clock);
  ({ ctx, apiKey } = await createTestOrg(api.database, { clock, name: 'Northwind Supplies' }));
  await seedDemoData(ctx, { customers: 60, today: today(ctx) });
  adapters = createAdapters({ publicUrl: PUBLIC_URL });
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const event = JSON.parse(body) as { type: string; data: Record<string, unknown> };
    const verified = verifySignatureHeader(secret, body, String(request.headers['recoup-signature']), now);
    received.push({ ...event, verified });
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const endpoint = await api.call(apiKey, 'POST', '/webhooks', {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/recoup`,
    events: ['payment.received', 'dispute.opened'],
  });
  expect(endpoint.status).toBe(201);
  secret = endpoint.body.secret;
  await runAndDispatch();
}, 300_000);

afterAll(async () => {
  receiver?.close();
  await api?.close();
});

describe('a debtor from the demo data, from the link in a reminder', () => {
  let links: Map<string, string>;
  const chosen: Record<
    'plan' | 'dispute' | 'pay',
    { customerId: string; link: string; invoiceIds: string[] }
  > = {} as never;

  it('opens the portal from the reminder and sees what they owe', async () => {
    links = await linksFromReminders();
    expect(links.size).toBeGreaterThanOrEqual(3);
    const candidates = [];
    for (const [customerId, link] of links) {
      const view = await page(link);
      expect(view.statusCode).toBe(200);
      expect(view.body).toContain('What you owe');
      const invoiceIds = invoiceIdsOn(view.body);
      if (invoiceIds.length > 0 && !view.body.includes('in dispute') && !view.body.includes('instalments:'))
        candidates.push({ customerId, link, invoiceIds });
    }
    expect(candidates.length).toBeGreaterThanOrEqual(3);
    [chosen.plan, chosen.dispute, chosen.pay] = candidates as [never, never, never];
  });

  it('sets up a plan that the next runs respect', async () => {
    const { link, invoiceIds, customerId } = chosen.plan;
    const startOn = addDays(today(ctx), 14);
    const agreed = await post('/portal/plan', {
      token: tokenOf(link),
      invoice_ids: invoiceIds,
      count: '3',
      frequency: 'monthly',
      start_on: startOn,
    });
    expect(agreed.headers.location).toContain('done=plan');
    const since = now;
    for (let day = 0; day < 10; day++) await nextDay();
    const reminders = await remindersSince(customerId, since);
    expect(reminders.filter((r) => r.invoice_ids.some((id) => invoiceIds.includes(id)))).toEqual([]);
    // The runs were not idle meanwhile: others were reminded.
    const others = await queryRows<{ n: number }>(
      ctx.db,
      sql`SELECT COUNT(*)::int AS n FROM actions WHERE tenant_id = ${ctx.tenantId} AND run_id IS NOT NULL
            AND channel IS NOT NULL AND status = 'sent' AND scheduled_for > ${since.toISOString()}`,
    );
    expect(others[0]!.n).toBeGreaterThan(0);
    const confirmation = await queryRows<{ status: string }>(
      ctx.db,
      sql`SELECT status FROM actions WHERE customer_id = ${customerId} AND template = 'payment_plan_confirmation'`,
    );
    expect(confirmation).toEqual([{ status: 'sent' }]);
  });

  it('disputes an invoice and the reminders about it stop', async () => {
    const { link, invoiceIds, customerId } = chosen.dispute;
    const disputed = invoiceIds[0]!;
    const form = new FormData();
    form.append('token', tokenOf(link));
    form.append('invoice_id', disputed);
    form.append('reason_code', 'quality');
    form.append('note', 'Half the pallets arrived damaged.');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const opened = await api.app.inject({
      method: 'POST',
      url: '/portal/dispute',
      headers: { 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(opened.headers.location).toContain('done=dispute');
    const since = now;
    for (let day = 0; day < 10; day++) await nextDay();
    const reminders = await remindersSince(customerId, since);
    expect(reminders.filter((r) => r.invoice_ids.includes(disputed))).toEqual([]);
    expect((await api.call(apiKey, 'GET', `/invoices/${disputed}`)).body.status).toBe('disputed');
  });

  it('pays, and the ledger, the timeline and a signed webhook show it', async () => {
    const { link, customerId } = chosen.pay;
    const token = tokenOf(link);
    const fresh = await page(link);
    const open = invoiceIdsOn(fresh.body);
    const started = await post('/portal/pay', { token, invoice_ids: open });
    expect(started.statusCode).toBe(303);
    const paymentId = new URL(started.headers.location as string).searchParams.get('payment')!;
    const paid = await post('/portal/sandbox-pay', { token, payment: paymentId });
    expect(paid.headers.location).toContain('done=paid');

    for (const id of open)
      expect((await api.call(apiKey, 'GET', `/invoices/${id}`)).body.status).toBe('paid');
    expect((await verifyLedger(ctx.db, ctx.tenantId)).ok).toBe(true);
    const timeline = await api.call(apiKey, 'GET', `/customers/${customerId}/timeline`);
    const payment = timeline.body.data.find((e: { kind: string }) => e.kind === 'payment.received');
    expect(payment).toMatchObject({ channel: 'card' });

    await deliverWebhooksUntilIdle(ctx.db, { clock });
    const hook = received.find((e) => e.type === 'payment.received' && e.data.customer_id === customerId);
    expect(hook).toMatchObject({
      verified: true,
      data: { method: 'card', currency: payment.amount.currency },
    });
    expect(hook!.data.amount).toBe(payment.amount.amount);
    expect(received.some((e) => e.type === 'dispute.opened' && e.verified)).toBe(true);
    await nextDay();
    const thanks = await queryRows<{ status: string }>(
      ctx.db,
      sql`SELECT status FROM actions WHERE customer_id = ${customerId} AND template = 'thank_you'`,
    );
    expect(thanks.map((t) => t.status)).toContain('sent');
  });
});
