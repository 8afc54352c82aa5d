import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/database.js';
import type { OutboundMessage } from '../message.js';
import { outboundMessage } from '../test-support/fixtures.js';
import { pdfPages } from '../test-support/pdf-text.js';
import { batchLetters } from './batch.js';
import { letterFile } from './files.js';
import { createLettersAdapter } from './letters-adapter.js';
import { addressLines } from './pdf.js';

const db = {} as Db;
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function letter(overrides: Parameters<typeof outboundMessage>[0] = {}): OutboundMessage {
  return outboundMessage({ channel: 'letter', ...overrides });
}

function manyItems(count: number): OutboundMessage['data']['items'] {
  return Array.from({ length: count }, (_, index) => ({
    invoice_id: `i${index}`,
    number: `INV-2024-${String(index + 1).padStart(3, '0')}`,
    issue_date: '2024-03-01',
    due_date: '2024-04-01',
    days_past_due: 75,
    balance: { amount: `${index + 1}00.00`, currency: 'EUR' },
  }));
}

describe('letters adapter', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'recoup-letters-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const adapter = () =>
    createLettersAdapter({ dir, senderAddress: ['12 Harbour Road', 'Bristol BS1 4QA', 'United Kingdom'] });

  it('writes a PDF letter with letterhead, address, items and totals', async () => {
    const sender = adapter();
    expect(sender).toMatchObject({ channel: 'letter', name: 'letters', mode: 'external' });
    const message = letter({ data: { fee: { amount: '40.00', currency: 'EUR' } } });
    const outcome = await sender.send(message, db);
    expect(outcome).toMatchObject({
      status: 'sent',
      rendered: { subject: 'Overdue account: €1,234.56 and $300.00' },
    });
    if (outcome.status !== 'sent') return;
    const file = path.join(dir, outcome.provider_id!);
    expect(file).toBe(letterFile(dir, message));
    expect(outcome.provider_id).toMatch(
      /^0190f1c2-7a3b-7000-8000-0000000000e1\/2024-06-15\/letter-[0-9a-f]{32}\.pdf$/,
    );

    const [page, ...rest] = await pdfPages(await readFile(file));
    expect(rest).toEqual([]);
    for (const text of [
      'Northwind Supplies Ltd',
      '12 Harbour Road',
      'Acme GmbH',
      'Hauptstraße 5',
      '10115 Berlin',
      'GERMANY',
      'June 15, 2024',
      'ACME',
      'Overdue account: €1,234.56 and $300.00',
      'Dear Acme GmbH,',
      'INV-2024-001',
      'INV-2024-017',
      'May 1, 2024',
      '€1,234.56',
      '$300.00',
      'Total EUR',
      'Total USD',
      '€40.00',
      'Yours sincerely,',
      'Page 1 of 1',
    ]) {
      expect(page).toContain(text);
    }
  });

  it('overwrites the same file when a letter is sent again', async () => {
    const message = letter({ idempotency_key: 'resend-test' });
    const first = await adapter().send(message, db);
    const second = await adapter().send({ ...message, id: 'another-claim' }, db);
    expect(
      first.status === 'sent' && second.status === 'sent' && first.provider_id === second.provider_id,
    ).toBe(true);
    const folder = path.dirname(letterFile(dir, message));
    const names = (await readdir(folder)).filter((name) => name.endsWith('.pdf'));
    expect(names.filter((name) => name === path.basename(letterFile(dir, message)))).toHaveLength(1);
    expect(names.every((name) => !name.endsWith('.tmp'))).toBe(true);
  });

  it('formats figures in the customer language', async () => {
    const outcome = await adapter().send(letter({ language: 'de', idempotency_key: 'german' }), db);
    if (outcome.status !== 'sent') throw new Error(JSON.stringify(outcome));
    const [page] = await pdfPages(await readFile(path.join(dir, outcome.provider_id!)));
    expect(plain(page!)).toContain('1.234,56 €');
    expect(page).toContain('15. Juni 2024');
  });

  it('prints names and addresses beyond Western European letters', async () => {
    const customer = { ...outboundMessage().data.customer, name: 'Dvořák & Łukasiewicz sp. z o.o.' };
    const to = { lines: ['ООО «Ромашка»', 'ул. Ленина, 5', 'Москва 101000'], country: 'RU' };
    const outcome = await adapter().send(letter({ idempotency_key: 'unicode', to, data: { customer } }), db);
    if (outcome.status !== 'sent') throw new Error(JSON.stringify(outcome));
    const [page] = await pdfPages(await readFile(path.join(dir, outcome.provider_id!)));
    expect(page).toContain('Dear Dvořák & Łukasiewicz sp. z o.o.,');
    expect(page).toContain('ООО «Ромашка»');
    expect(page).toContain('Москва 101000');
    expect(page).toContain('RUSSIA');
  });

  it('continues the table on further pages, with page numbers', async () => {
    const items = manyItems(60);
    const outcome = await adapter().send(letter({ idempotency_key: 'long', data: { items } }), db);
    if (outcome.status !== 'sent') throw new Error(JSON.stringify(outcome));
    const pages = await pdfPages(await readFile(path.join(dir, outcome.provider_id!)));
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join('\n');
    for (const item of items) expect(all).toContain(item.number);
    expect(pages[1]).toContain('Invoice');
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it('refuses what is not a postal address, for good', async () => {
    expect(await adapter().send(letter({ to: 'ap@acme.example' }), db)).toMatchObject({
      status: 'failed',
      permanent: true,
    });
    const tooLong = { lines: ['1', '2', '3', '4', '5', '6'], country: 'FR' };
    expect(await adapter().send(letter({ to: tooLong }), db)).toMatchObject({
      status: 'failed',
      permanent: true,
      error: expect.stringMatching(/1 to 6 lines/),
    });
  });

  it('refuses a template without a letter version, for good', async () => {
    expect(await adapter().send(letter({ template: 'overdue_sms' }), db)).toEqual({
      status: 'failed',
      error: 'template "overdue_sms": has no letter version (in en)',
      permanent: true,
    });
  });
});

describe('addressLines', () => {
  it('adds the destination country in capitals only for another country', () => {
    expect(addressLines({ lines: ['Acme GmbH', ' ', '10115 Berlin'], country: 'DE' }, 'GB')).toEqual([
      'Acme GmbH',
      '10115 Berlin',
      'GERMANY',
    ]);
    expect(addressLines({ lines: ['Acme'], country: 'Atlantis' }, 'DE')).toEqual(['Acme', 'ATLANTIS']);
    expect(addressLines({ lines: ['Acme GmbH', '10115 Berlin'], country: 'DE' }, 'DE')).toEqual([
      'Acme GmbH',
      '10115 Berlin',
    ]);
  });
});

describe('batchLetters', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'recoup-batch-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('joins one day of letters into one print file, blank backs for duplex', async () => {
    const sender = createLettersAdapter({ dir });
    const tenant = 'tenant-a';
    await sender.send(letter({ tenant_id: tenant, idempotency_key: 'a' }), db);
    await sender.send(
      letter({ tenant_id: tenant, idempotency_key: 'b', data: { items: manyItems(60) } }),
      db,
    );
    await sender.send(letter({ tenant_id: tenant, idempotency_key: 'c' }), db);
    // Another day and another organisation stay out of this batch.
    await sender.send(letter({ tenant_id: tenant, idempotency_key: 'd', data: { as_of: '2024-06-16' } }), db);
    await sender.send(letter({ tenant_id: 'tenant-b', idempotency_key: 'e' }), db);

    const counts = await Promise.all(
      ['a', 'b', 'c'].map(async (key) => {
        const file = letterFile(dir, letter({ tenant_id: tenant, idempotency_key: key }));
        return (await PDFDocument.load(await readFile(file))).getPageCount();
      }),
    );
    expect(counts[1]).toBeGreaterThan(1);
    const sum = counts.reduce((total, count) => total + count, 0);

    const simplex = await batchLetters({ dir, tenantId: tenant, date: '2024-06-15' });
    expect(simplex).toMatchObject({ letters: 3, pages: sum });
    expect(simplex!.file).toBe(path.join(dir, tenant, 'print', '2024-06-15.pdf'));
    const pages = await pdfPages(await readFile(simplex!.file));
    expect(pages).toHaveLength(sum);
    expect(pages.filter((page) => page.includes('Dear Acme GmbH,'))).toHaveLength(3);

    const duplex = await batchLetters({ dir, tenantId: tenant, date: '2024-06-15', duplex: true });
    const even = counts.reduce((total, count) => total + count + (count % 2), 0);
    expect(duplex).toMatchObject({ letters: 3, pages: even });
    expect((await PDFDocument.load(await readFile(duplex!.file))).getPageCount()).toBe(even);
  });

  it('finds nothing to print on a day without letters', async () => {
    expect(await batchLetters({ dir, tenantId: 'tenant-a', date: '2024-01-01' })).toBeNull();
    await expect(batchLetters({ dir, tenantId: 'tenant-a', date: '2024-13-01' })).rejects.toThrow(
      /calendar date/,
    );
  });
});
