/**
 * Emails per second through the SMTP adapter (rendering included) over the pooled transport to a
 * local SMTP server (smtp-server, in a child process, as a mail server would be). Also prints the
 * sender's CPU time per message, which gives its capacity on a free core whatever else the
 * machine is doing. `npx tsx bench/email-bench.ts`; EMAIL_BENCH_COUNT (default 5000),
 * EMAIL_BENCH_CONNECTIONS (pooled connections, default 5), EMAIL_BENCH_CONCURRENCY (sends in
 * flight, default 20), EMAIL_BENCH_TEMPLATE (default friendly_reminder: two items, text + HTML;
 * `overdue_notice` or `final_notice` add the PDF statement of open items to each email).
 */
import { spawn } from 'node:child_process';
import { createSmtpAdapter } from '../src/channels/email/smtp-adapter.js';
import { outboundMessage } from '../src/channels/test-support/fixtures.js';
import type { Db } from '../src/store/database.js';

const count = Number(process.env.EMAIL_BENCH_COUNT ?? 5000);
const connections = Number(process.env.EMAIL_BENCH_CONNECTIONS ?? 5);
const concurrency = Number(process.env.EMAIL_BENCH_CONCURRENCY ?? 20);
const template = process.env.EMAIL_BENCH_TEMPLATE ?? 'friendly_reminder';

// The mail server: accepts every message and counts it.
const SERVER = `
const { SMTPServer } = require('smtp-server');
let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => { accepted++; callback(); });
  },
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
process.on('message', () => server.close(() => process.send({ accepted }, () => process.exit(0))));
`;

const mailServer = spawn(process.execPath, ['-e', SERVER], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const reply = <T>(key: string) =>
  new Promise<T>((resolve) =>
    mailServer.once('message', (message) => resolve((message as Record<string, T>)[key]!)),
  );
const port = await reply<number>('port');
const adapter = createSmtpAdapter({ url: `smtp://127.0.0.1:${port}`, maxConnections: connections });
const db = {} as Db;

async function sendRange(first: number): Promise<number> {
  let failures = 0;
  for (let index = first; index < count; index += concurrency) {
    const outcome = await adapter.send(
      outboundMessage({ template, idempotency_key: `bench-${index}`, to: `customer${index}@bench.example` }),
      db,
    );
    if (outcome.status !== 'sent') failures++;
  }
  return failures;
}

// Warm-up: open the pool's connections and parse the templates once.
await Promise.all(
  Array.from({ length: connections }, (_, index) =>
    adapter.send(
      outboundMessage({ template, idempotency_key: `warm-up-${index}`, to: `warm${index}@bench.example` }),
      db,
    ),
  ),
);
const started = performance.now();
const loopBefore = performance.eventLoopUtilization();
const cpuBefore = process.cpuUsage();
const failures = (
  await Promise.all(Array.from({ length: concurrency }, (_, first) => sendRange(first)))
).reduce((sum, value) => sum + value, 0);
const seconds = (performance.now() - started) / 1000;
const busy = performance.eventLoopUtilization(loopBefore).utilization;
const cpu = process.cpuUsage(cpuBefore);
const cpuPerMessage = (cpu.user + cpu.system) / 1000 / count;
await adapter.close();
const closed = reply<number>('accepted');
mailServer.send('close');
const accepted = await closed;

console.log(
  `email (${template}): ${count} messages in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} emails/s ` +
    `(${connections} pooled connections, ${concurrency} in flight, ${failures} failed, ` +
    `${accepted} accepted by the server including ${connections} warm-up)`,
);
console.log(
  `sender: ${cpuPerMessage.toFixed(2)} ms CPU per email (render + MIME + SMTP), busy ${Math.round(busy * 100)}% ` +
    `of the time: about ${Math.round(1000 / cpuPerMessage)} emails/s on one free core`,
);
if (failures > 0) process.exitCode = 1;
