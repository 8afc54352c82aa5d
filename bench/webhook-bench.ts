/**
 * Webhook deliveries per second: events queued for one endpoint, then posted, signed, by the
 * webhook dispatcher to a local HTTP server (node:http, in a child process, as a receiver would
 * be) that answers 200. `npx tsx bench/webhook-bench.ts [pglite|postgres] [count]` (default
 * pglite, 2000); postgres uses DATABASE_URL (default postgres://root@127.0.0.1:5432/test) and a
 * database of its own, dropped afterwards. WEBHOOK_BENCH_CONCURRENCY: posts in flight (default 10).
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { fixedClock } from '../src/app/context.js';
import { recordEvents, type DomainEvent } from '../src/app/events/record.js';
import { createOrganisation, loadOrganisation } from '../src/app/organisations.js';
import { createWebhook } from '../src/app/webhooks/endpoints.js';
import { deliverWebhooksUntilIdle } from '../src/jobs/webhooks.js';
import { openDatabase, type Database } from '../src/store/database.js';

const kind = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const count = Number(process.argv[3] ?? 2000);
const concurrency = Number(process.env.WEBHOOK_BENCH_CONCURRENCY ?? 10);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { database: await openDatabase({}), drop: async () => {} };
  const name = `recoup_bench_webhooks_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ url: url.toString() }),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

// The receiver: reads each body and answers 200.
const RECEIVER = `
const http = require('node:http');
let received = 0;
const server = http.createServer((request, response) => {
  request.on('data', () => {});
  request.on('end', () => { received++; response.writeHead(200); response.end('ok'); });
});
server.keepAliveTimeout = 10000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', () => process.send({ received }, () => process.exit(0)));
`;
const receiver = spawn(process.execPath, ['-e', RECEIVER], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const reply = <T>(key: string) =>
  new Promise<T>((resolve) =>
    receiver.once('message', (message) => resolve((message as Record<string, T>)[key]!)),
  );
const port = await reply<number>('port');

const { database, drop } = await open();
try {
  const clock = fixedClock(new Date());
  const org = await createOrganisation(database.db, {
    name: 'Bench',
    country: 'GB',
    time_zone: 'Europe/London',
    base_currency: 'EUR',
    rule_packs: [],
  });
  const loaded = await loadOrganisation(database.db, org.id);
  const ctx = {
    db: database.db,
    tenantId: org.id,
    timeZone: loaded.timeZone,
    settings: loaded.settings,
    clock,
  };
  await createWebhook(ctx, { url: `http://127.0.0.1:${port}/hook`, events: ['*'] });
  const event = (index: number): DomainEvent => ({
    type: 'payment.received',
    at: clock.now(),
    actor: 'bench',
    subjectType: 'payment',
    subjectId: String(index),
    customerId: null,
    data: { payment_id: String(index), amount: { amount: '120.00', currency: 'EUR' } },
  });
  for (let from = 0; from < count; from += 500)
    await database.db.transaction((tx) =>
      recordEvents(
        tx,
        org.id,
        Array.from({ length: Math.min(500, count - from) }, (_, i) => event(from + i)),
      ),
    );
  const started = performance.now();
  const result = await deliverWebhooksUntilIdle(database.db, { clock, concurrency, batchSize: 100 });
  const seconds = (performance.now() - started) / 1000;
  receiver.send('close');
  const received = await reply<number>('received');
  console.log(
    `webhooks (${kind}): ${result.delivered} of ${count} delivered in ${seconds.toFixed(2)} s = ` +
      `${Math.round(result.delivered / seconds)} deliveries/s (${concurrency} in flight, ${result.failed} failed, ` +
      `${received} received)`,
  );
  if (result.delivered !== count) process.exitCode = 1;
} finally {
  await database.close();
  await drop();
  receiver.kill();
}
