/**
 * End to end on the demo data: the daily run decides, the dispatcher sends over SMTP to a real
 * local SMTP server, and what arrived is read back as a mail client would: readable HTML with
 * the right items and amounts, a PDF statement listing them, and a List-Unsubscribe link that,
 * posted to, opts the customer out, so later runs no longer email that address.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../support/database.js';
import { startTestApi, type TestApi } from '../support/server.js';
import type { Clock, Ctx } from '../../src/app/context.js';
import { runInput, startRun } from '../../src/app/runs/run.js';
import { seedDemoData } from '../../src/app/seed/index.js';
import { today } from '../../src/app/context.js';
import { closeAdapters, createAdapters, type ChannelAdapters } from '../../src/channels/index.js';
import type { MessageData } from '../../src/channels/message.js';
import { formatMoney } from '../../src/channels/format/money.js';
import { resolveLocale } from '../../src/channels/format/locale.js';
import { pdfPages } from '../../src/channels/test-support/pdf-text.js';
import { startSmtpServer, type LocalSmtpServer } from '../../src/channels/test-support/smtp-server.js';
import { dispatchUntilIdle } from '../../src/jobs/dispatch.js';
import { actions, contacts, organisations } from '../../src/store/schema.js';

const PUBLIC_URL = 'https://recoup.test';
let now = new Date('2025-03-12T08:00:00Z');
const clock: Clock = { now: () => now };
let api: TestApi;
let ctx: Ctx;
let smtp: LocalSmtpServer;
let adapters: ChannelAdapters;
let lettersDir: string;

async function runAndDispatch() {
  await startRun(ctx, runInput.parse({}), 'schedule');
  return dispatchUntilIdle(ctx.db, { adapters, clock, publicUrl: PUBLIC_URL });
}

const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
const actionIdOf = (mail: ParsedMail) => header(mail, 'x-recoup-action').split(': ')[1] ?? '';
const recipient = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '');

beforeAll(async () => {
  api = await startTestApi(clock);
  ({ ctx } = await createTestOrg(api.database, { clock, name: 'Northwind Supplies' }));
  // The demo data set as `recoup start` loads it (seedIfEmpty), smaller to keep the test quick.
  await seedDemoData(ctx, { customers: 60, today: today(ctx) });
  // The organisation's own sender wins over the deployment's.
  await ctx.db
    .update(organisations)
    .set({
      settings: { ...ctx.settings, email_from: 'Northwind Credit <credit@northwind-supplies.example>' },
    })
    .where(eq(organisations.tenantId, ctx.tenantId));
  smtp = await startSmtpServer({ parse: true });
  lettersDir = await mkdtemp(path.join(tmpdir(), 'recoup-e2e-letters-'));
  adapters = createAdapters({
    smtp: { url: smtp.url, from: 'Northwind <credit@northwind.example>' },
    publicUrl: PUBLIC_URL,
    letters: { dir: lettersDir },
  });
}, 300_000);

afterAll(async () => {
  if (adapters) await closeAdapters(adapters);
  await smtp?.close();
  await api?.close();
  if (lettersDir) await rm(lettersDir, { recursive: true, force: true });
});

describe('the demo data through SMTP', () => {
  let notice: ParsedMail;
  let data: MessageData;

  it('sends the daily run over SMTP', async () => {
    const result = await runAndDispatch();
    expect(result.sent).toBeGreaterThan(0);
    expect(result.failed).toBe(0);
    expect(smtp.received.length).toBeGreaterThan(0);
    // Any overdue notice with a statement: the one to read closely.
    notice = smtp.received.find((mail) => mail.attachments.length > 0)!;
    expect(notice).toBeDefined();
    expect(notice.from?.text).toBe('"Northwind Credit" <credit@northwind-supplies.example>');
    const [action] = await ctx.db
      .select()
      .from(actions)
      .where(and(eq(actions.tenantId, ctx.tenantId), eq(actions.id, actionIdOf(notice))));
    expect(action).toMatchObject({ status: 'sent', channel: 'email' });
    data = (action!.payload as { data: MessageData }).data;
  });

  it('arrives as readable HTML and text with the right items and amounts', () => {
    const locale = resolveLocale(data.customer.language);
    expect(notice.html).toMatch(/^<!DOCTYPE html>/);
    expect(notice.html).toContain(data.customer.name.replace(/&/g, '&amp;'));
    expect(data.items.length).toBeGreaterThan(0);
    for (const item of data.items) {
      for (const part of [notice.html as string, notice.text ?? '']) {
        expect(part).toContain(item.number);
        expect(part).toContain(formatMoney(item.balance, locale));
      }
    }
    for (const total of data.totals) expect(notice.text).toContain(formatMoney(total, locale));
  });

  it('carries a PDF statement that lists the items', async () => {
    const [statement] = notice.attachments;
    expect(statement!.contentType).toBe('application/pdf');
    expect(statement!.filename).toBe(`statement-${data.customer.external_id}-${data.as_of}.pdf`);
    // pdf.js reads a no-break space (1.234,56 €) back as a plain one.
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    const text = plain((await pdfPages(statement!.content)).join('\n'));
    const locale = resolveLocale(data.customer.language);
    for (const item of data.items) {
      expect(text).toContain(item.number);
      expect(text).toContain(plain(formatMoney(item.balance, locale)));
    }
  });

  it('unsubscribes with one click, and later runs no longer email that address', async () => {
    // A customer reminded before the due date: the run's next step for them would be an email.
    const reminders = await ctx.db
      .select()
      .from(actions)
      .where(
        and(eq(actions.tenantId, ctx.tenantId), eq(actions.stepKey, 'pre_due'), eq(actions.status, 'sent')),
      );
    const reminderIds = new Set(reminders.map((a) => a.id));
    const reminder = smtp.received.find((mail) => reminderIds.has(actionIdOf(mail)))!;
    expect(reminder).toBeDefined();
    const customerId = reminders.find((a) => a.id === actionIdOf(reminder))!.customerId;
    expect(header(reminder, 'list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const link = /<(https:\/\/recoup\.test\/unsubscribe\?token=[^>]+)>/.exec(
      header(reminder, 'list-unsubscribe'),
    )?.[1];
    expect(link).toBeDefined();
    const address = recipient(reminder)!;
    const response = await api.app.inject({
      method: 'POST',
      url: link!.slice(PUBLIC_URL.length),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(200);
    const [contact] = await ctx.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.customerId, customerId), eq(contacts.value, address)));
    expect(contact?.optedOut).toBe(true);

    // Two weeks of daily runs: the customer's next steps come, but never as email to that address.
    const before = smtp.received.length;
    const unsubscribedAt = now;
    for (let day = 1; day <= 14; day++) {
      now = new Date(now.getTime() + 86_400_000);
      await runAndDispatch();
    }
    const later = smtp.received.slice(before);
    expect(later.length).toBeGreaterThan(0);
    expect(later.map(recipient)).not.toContain(address);
    const next = await ctx.db
      .select()
      .from(actions)
      .where(and(eq(actions.customerId, customerId), inArray(actions.kind, ['email', 'sms', 'letter'])));
    const afterUnsubscribe = next.filter((a) => a.scheduledFor.getTime() > unsubscribedAt.getTime());
    // The overdue step came (as a letter, or blocked when the strategy has no other channel).
    expect(afterUnsubscribe.length).toBeGreaterThan(0);
    for (const action of afterUnsubscribe)
      expect([action.channel, (action.payload as { to?: unknown }).to, action.status]).not.toEqual([
        'email',
        address,
        'sent',
      ]);
  }, 300_000);
});
