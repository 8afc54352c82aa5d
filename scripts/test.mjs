// `npm test`: the whole suite on the embedded PGlite, then again on PostgreSQL when DATABASE_URL
// is set (each test file gets its own fresh database on that server). Exits non-zero if either fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const extraArgs = process.argv.slice(2);
const runs = [{ name: 'PGlite', env: { RECOUP_TEST_DB: 'pglite' } }];
if (process.env.DATABASE_URL) {
  runs.push({ name: 'PostgreSQL', env: { RECOUP_TEST_DB: 'postgres' } });
} else {
  console.log('DATABASE_URL is not set: the suite runs on PGlite only (set it to run on PostgreSQL too).');
}

ensureChromium();

const outDir = mkdtempSync(path.join(tmpdir(), 'recoup-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRuns = 0;
for (const run of runs) {
  console.log(`\n=== Test suite on ${run.name} ===\n`);
  const report = path.join(outDir, `${run.env.RECOUP_TEST_DB}.json`);
  const result = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
    { stdio: 'inherit', env: { ...process.env, ...run.env } },
  );
  if (result.status !== 0) failedRuns++;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
    if (json.numTotalTests === 0) failedRuns++;
  } catch {
    failedRuns++;
    console.log(`no test report from the ${run.name} run`);
  }
}
rmSync(outDir, { recursive: true, force: true });
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRuns > 0 ? 1 : 0);
