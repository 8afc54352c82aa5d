import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The real `recoup` process on a PGlite data directory: it serves, keeps a second process out of
 * its directory with a clear message, shuts down cleanly on SIGTERM and keeps the data.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'recoup-cli-'));
const port = 3900 + Math.floor(Math.random() * 90);
const env = {
  ...process.env,
  // This test is about the embedded database, whichever database the suite runs on.
  DATABASE_URL: '',
  RECOUP_DATA_DIR: dataDir,
  PORT: String(port),
  LOG_LEVEL: 'silent',
  RECOUP_API_KEY: 'cli-test-key',
};
const cli = path.resolve('src/cli/main.ts');
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not answer /healthz');
}

function runCli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('recoup serve', () => {
  it('serves, refuses a second process on its data directory, stops on SIGTERM and keeps the data', async () => {
    server = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], { env, stdio: 'pipe' });
    const exited = new Promise<number | null>((resolve) => server!.on('exit', (code) => resolve(code)));
    await waitForHealth();
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: 'Bearer cli-test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ external_id: 'KEEP', name: 'Kept', kind: 'business', country: 'GB' }),
    });
    expect(created.status).toBe(201);

    const second = runCli('report', 'aging');
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('is in use by process');

    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'recoup.lock'))).toBe(false);

    const after = runCli('verify');
    expect(after.stderr).toBe('');
    expect(after.stdout).toContain('ledger balances');
    const key = runCli('key', 'create', '--role', 'viewer');
    const viewerKey = /rk_\S+/.exec(key.stdout)?.[0];
    expect(viewerKey).toBeDefined();

    server = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], { env, stdio: 'pipe' });
    await waitForHealth();
    const list = await fetch(`http://127.0.0.1:${port}/api/v1/customers?external_id=KEEP`, {
      headers: { authorization: `Bearer ${viewerKey}` },
    });
    expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(1);
    server.kill('SIGTERM');
  });
});
