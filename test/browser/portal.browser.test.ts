/**
 * The portal in a real browser at phone size: the debtor opens the magic link, sees every
 * open item without scrolling sideways, pays by (sandbox) card, and comes back to a thank-you.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { buildServer, type ZodApp } from '../../src/http/server.js';
import { systemClock } from '../../src/app/context.js';
import { createOrganisation } from '../../src/app/organisations.js';
import { verifyLedger } from '../../src/app/ledger/verify.js';
import type { Database } from '../../src/store/database.js';
import { openTestDatabase } from '../support/database.js';
import { launchChromium, skipBrowserTests } from '../support/browser.js';

describe.skipIf(skipBrowserTests)('portal in Chromium on a phone', () => {
  let database: Database;
  let app: ZodApp;
  let browser: Browser;
  let base: string;
  let link: string;
  let tenantId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    const org = await createOrganisation(database.db, {
      name: 'Nordlicht Logistik GmbH',
      country: 'DE',
      time_zone: 'Europe/Berlin',
      base_currency: 'EUR',
      rule_packs: [],
    });
    tenantId = org.id;
    // The sandbox checkout redirects to the public URL, so it must name the port we listen on.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await buildServer({ database, clock: systemClock, publicUrl: base });
    await app.listen({ port, host: '127.0.0.1' });
    const call = async (path: string, body: object) => {
      const response = await fetch(`${base}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.api_key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { id: string; url: string };
    };
    const customer = await call('/customers', {
      external_id: 'K-10442',
      name: 'Bäckerei Sonnenschein OHG',
      kind: 'business',
      country: 'DE',
      currency: 'EUR',
    });
    for (const [number, total] of [
      ['RE-2025-0815', '1840.50'],
      ['RE-2025-0977', '612.00'],
    ])
      await call('/invoices', {
        customer_id: customer.id,
        number,
        issue_date: '2025-09-01',
        due_date: '2025-10-01',
        currency: 'EUR',
        total,
      });
    link = new URL((await call(`/customers/${customer.id}/portal-link`, {})).url).search;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('shows the items at 390 px wide and takes a sandbox card payment', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/portal${link}`);
    expect(await page.getByRole('heading', { name: /Bäckerei Sonnenschein/ }).isVisible()).toBe(true);
    expect(await page.getByText('€2,452.50').first().isVisible()).toBe(true);
    for (const number of ['RE-2025-0815', 'RE-2025-0977'])
      expect(await page.locator('table').first().getByText(number).isVisible()).toBe(true);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Pay selected by card' }).click();
    await page.getByRole('button', { name: 'Pay (sandbox)' }).click();
    await page.waitForURL(/done=paid/);
    expect(await page.getByText('Thank you: your payment is received').isVisible()).toBe(true);
    expect(await page.getByText('Nothing is open').isVisible()).toBe(true);
    expect((await verifyLedger(database.db, tenantId)).ok).toBe(true);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
