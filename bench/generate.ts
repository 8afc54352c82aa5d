/**
 * Writes the benchmark files: N customers and M invoices as the CSV formats of docs/imports.md.
 * Deterministic (a seeded PRNG), streamed to disk, so generating a million rows is cheap.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface BenchFiles {
  customers: string;
  invoices: string;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same data. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes a CSV file line by line, in chunks, waiting for the disk when it falls behind. */
export async function writeLines(path: string, header: string, count: number, line: (i: number) => string) {
  const out = createWriteStream(path);
  out.write(header + '\n');
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    chunk.push(line(i));
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(chunk.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

const CURRENCIES = ['EUR', 'EUR', 'EUR', 'GBP', 'USD'];

export async function generateBenchFiles(
  dir: string,
  customers: number,
  invoices: number,
): Promise<BenchFiles> {
  const random = prng(7);
  const currencyOf = (c: number) => CURRENCIES[c % CURRENCIES.length]!;
  const files = {
    customers: `${dir}/customers-${customers}.csv`,
    invoices: `${dir}/invoices-${invoices}.csv`,
  };
  await writeLines(files.customers, 'external_id,name,kind,country,currency,email', customers, (i) =>
    [
      `C${i}`,
      `Customer ${i}`,
      i % 4 === 0 ? 'consumer' : 'business',
      'DE',
      currencyOf(i),
      `ap${i}@example.com`,
    ].join(','),
  );
  const start = Date.UTC(2023, 0, 1);
  await writeLines(
    files.invoices,
    'customer_external_id,number,issue_date,due_date,currency,total',
    invoices,
    (i) => {
      const customer = Math.floor(random() * customers);
      const issue = new Date(start + Math.floor(random() * 700) * 86_400_000);
      const due = new Date(issue.getTime() + 30 * 86_400_000);
      const cents = 1_000 + Math.floor(random() * 500_000);
      return [
        `C${customer}`,
        `INV${String(i).padStart(8, '0')}`,
        issue.toISOString().slice(0, 10),
        due.toISOString().slice(0, 10),
        currencyOf(customer),
        `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      ].join(',');
    },
  );
  return files;
}
