/**
 * Letters per second: render, lay out as PDF and write, through the letters adapter, then join
 * the day's letters into one print file. `npx tsx bench/letters-bench.ts`; LETTERS_BENCH_COUNT
 * (default 500), LETTERS_BENCH_ITEMS (invoices per letter, default 5). Files go to a temporary
 * folder that is removed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { batchLetters } from '../src/channels/letters/batch.js';
import { createLettersAdapter } from '../src/channels/letters/letters-adapter.js';
import { outboundMessage } from '../src/channels/test-support/fixtures.js';
import type { Db } from '../src/store/database.js';

const count = Number(process.env.LETTERS_BENCH_COUNT ?? 500);
const itemsPerLetter = Number(process.env.LETTERS_BENCH_ITEMS ?? 5);
const dir = await mkdtemp(path.join(tmpdir(), 'recoup-letters-bench-'));
const adapter = createLettersAdapter({
  dir,
  senderAddress: ['12 Harbour Road', 'Bristol BS1 4QA', 'United Kingdom'],
});
const db = {} as Db;
const tenant = 'bench';

const items = Array.from({ length: itemsPerLetter }, (_, index) => ({
  invoice_id: `i${index}`,
  number: `INV-2024-${String(index + 1).padStart(4, '0')}`,
  issue_date: '2024-03-01',
  due_date: '2024-04-01',
  days_past_due: 75,
  balance: { amount: `${index + 1}23.45`, currency: 'EUR' },
}));
// Whole cents, never a float: 123.45 + 223.45 + …
const cents = items.reduce((sum, _item, index) => sum + BigInt(index + 1) * 10_000n + 2_345n, 0n);
const totals = [{ amount: `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`, currency: 'EUR' }];
const letter = (index: number) =>
  outboundMessage({
    channel: 'letter',
    tenant_id: tenant,
    idempotency_key: `bench-${index}`,
    data: { items, totals },
  });

try {
  await adapter.send(letter(-1), db); // warm-up: fonts, templates
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const outcome = await adapter.send(letter(index), db);
    if (outcome.status !== 'sent') throw new Error(JSON.stringify(outcome));
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `letters: ${count} letters (${itemsPerLetter} invoices each) in ${seconds.toFixed(2)} s = ` +
      `${Math.round(count / seconds)} letters/s, ${((seconds * 1000) / count).toFixed(1)} ms each`,
  );
  const batchStarted = performance.now();
  const batch = await batchLetters({ dir, tenantId: tenant, date: '2024-06-15' });
  const batchSeconds = (performance.now() - batchStarted) / 1000;
  console.log(
    `print file: ${batch?.letters} letters, ${batch?.pages} pages joined in ${batchSeconds.toFixed(2)} s`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
