/**
 * `npm run bench`: generates the data set (default 250k customers, 1M invoices; override with
 * BENCH_CUSTOMERS / BENCH_INVOICES), then runs bench/import-bench.ts in a fresh process on PGlite
 * and, when one answers, on PostgreSQL (DATABASE_URL or postgres://root@127.0.0.1:5432/test).
 * Results are printed and written to bench/out/results.json. Then bench/run-bench.ts times the
 * daily run on each database over its own data set of the same size (BENCH_RUN=0 skips it;
 * results in bench/out/run-results-<db>.json).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { generateBenchFiles } from './generate.js';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 250_000);
const invoices = Number(process.env.BENCH_INVOICES ?? 1_000_000);
const only = process.env.BENCH_DB; // pglite | postgres
const outDir = 'bench/out';
mkdirSync(outDir, { recursive: true });

const files = {
  customers: `${outDir}/customers-${customers}.csv`,
  invoices: `${outDir}/invoices-${invoices}.csv`,
};
if (!existsSync(files.customers) || !existsSync(files.invoices)) {
  console.log(`generating ${customers} customers and ${invoices} invoices in ${outDir}/`);
  await generateBenchFiles(outDir, customers, invoices);
}

const postgresAnswers = await new Promise<boolean>((resolve) => {
  const socket = net.connect(5432, '127.0.0.1');
  socket.on('connect', () => (socket.destroy(), resolve(true)));
  socket.on('error', () => resolve(false));
});
const kinds = (['pglite', 'postgres'] as const).filter(
  (kind) => (!only || only === kind) && (kind === 'pglite' || postgresAnswers || process.env.DATABASE_URL),
);
if (!kinds.includes('postgres') && !only) console.log('no PostgreSQL answers on 127.0.0.1:5432: PGlite only');

const results = [];
for (const kind of kinds) {
  console.log(`\n--- ${kind}: importing ${invoices} invoices for ${customers} customers ---`);
  const run = spawnSync(
    'npx',
    ['tsx', '--expose-gc', 'bench/import-bench.ts', kind, files.customers, files.invoices],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    console.log(run.stdout);
    throw new Error(`${kind} benchmark failed`);
  }
  const result = JSON.parse(line);
  results.push(result);
  console.table(result);
}
writeFileSync(`${outDir}/results.json`, JSON.stringify(results, null, 2));
console.log(`\nGoals: import ≤ 2× COPY; aging warm ≤ 300 ms on PostgreSQL; import RSS growth ≤ 150 MB.`);
for (const r of results) {
  console.log(
    `${r.database}: import ${r.import_rows_per_s} rows/s (${r.import_to_copy_ratio}× COPY at ${r.copy_rows_per_s} rows/s), ` +
      `aging warm ${r.aging_warm_median_ms} ms, RSS idle ${r.idle_rss_mb} MB → peak ${r.peak_rss_mb} MB (+${r.rss_growth_mb} MB)`,
  );
}
spawnSync('npx', ['tsx', 'bench/compliance-bench.ts'], { stdio: 'inherit' }); // pure compliance checks/s, no database
// Channels: emails to a local SMTP server, PDF letters, the outbox dispatcher, webhook deliveries.
for (const [script, ...args] of [
  ['email-bench.ts'],
  ['letters-bench.ts'],
  ['dispatch-bench.ts', 'pglite', '2000'],
  ['webhook-bench.ts', 'pglite', '2000'],
])
  spawnSync('npx', ['tsx', `bench/${script}`, ...args], { stdio: 'inherit', env: process.env });
if (process.env.BENCH_RUN !== '0')
  for (const kind of kinds) {
    // The daily run: a dry run, then a first and a second real run the same day (docs/benchmarks.md).
    const run = spawnSync('npx', ['tsx', 'bench/run-bench.ts', kind], { stdio: 'inherit', env: process.env });
    if (run.status !== 0) throw new Error(`${kind} run benchmark failed`);
  }
if (kinds.includes('postgres'))
  spawnSync('npx', ['tsx', 'bench/kpi-bench.ts'], { stdio: 'inherit', env: process.env }); // KPI dashboard, 1M invoices
