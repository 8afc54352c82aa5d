// Browser tests drive Debian's Chromium (never a downloaded browser). When it is missing and we
// may install packages (root with apt-get), install it; otherwise say so, and those tests skip
// outside CI. Prints the path of the browser, or nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt) {
    console.log(
      `Chromium is not installed (${CHROMIUM}) and cannot be installed here: browser tests will skip.`,
    );
    return null;
  }
  console.log('Installing Debian chromium for the browser tests (once)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'ignore',
      env,
    }).status === 0;
  if (!install()) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    install();
  }
  return existsSync(CHROMIUM) ? CHROMIUM : null;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
