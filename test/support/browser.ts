import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless; `npm test` installs it when it can (scripts/ensure-chromium.mjs). */
export const chromiumAvailable = existsSync(CHROMIUM);

/** In CI a missing browser is a failure, elsewhere a skip with a reason. */
export const skipBrowserTests = !chromiumAvailable && process.env.CI !== 'true';
if (skipBrowserTests) console.warn(`browser tests skipped: ${CHROMIUM} is not installed`);

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine has no network beyond the registries: keep Chromium from calling home.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
