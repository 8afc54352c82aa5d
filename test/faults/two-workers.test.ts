/**
 * Two dispatchers on one PostgreSQL, each on a connection pool of its own, work through a few
 * thousand planned messages at the same time. `FOR UPDATE SKIP LOCKED` must give every row to
 * exactly one of them: no message twice, none lost, and both of them doing part of the work.
 * (PGlite is one connection in one process: there is nothing to race there.)
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, type Ctx } from '../../src/app/context.js';
import { importCsv } from '../../src/app/imports/index.js';
import { verifyLedger } from '../../src/app/ledger/verify.js';
import { runInput, startRun } from '../../src/app/runs/run.js';
import { createStrategy } from '../../src/app/strategies.js';
import { createRecordingAdapter, type RecordingAdapter } from '../../src/channels/recording.js';
import { addDays } from '../../src/domain/dates.js';
import { strategyDocument } from '../../src/domain/strategies/document.js';
import { dispatchBatch, type Adapters } from '../../src/jobs/dispatch.js';
import { openDatabase, queryRows, type Database } from '../../src/store/database.js';
import { createTestOrg } from '../support/database.js';

const onPostgres = process.env.RECOUP_TEST_DB === 'postgres';
const CUSTOMERS = 1500;
/** Two invoices each, and a per-invoice strategy: one email per invoice. */
const PLANNED = CUSTOMERS * 2;
const AS_OF = '2025-03-03T12:00:00.000Z';

const serverUrl = process.env.DATABASE_URL ?? '';
const name = `recoup_faults_${randomBytes(4).toString('hex')}_workers`;
let url = '';
let first: Database | undefined;
let second: Database | undefined;
let ctx: Ctx;

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.skipIf(!onPostgres)(
  'two dispatchers on one PostgreSQL (PostgreSQL only: skipped unless RECOUP_TEST_DB=postgres and DATABASE_URL are set)',
  () => {
    beforeAll(async () => {
      await admin(`CREATE DATABASE ${name}`);
      const target = new URL(serverUrl);
      target.pathname = `/${name}`;
      url = target.toString();
      first = await openDatabase({ url });
      second = await openDatabase({ url, migrate: false });
      ctx = (await createTestOrg(first, { baseCurrency: 'GBP', now: AS_OF })).ctx;
      await createStrategy(
        ctx,
        strategyDocument.parse({
          name: 'One email per invoice',
          scope: 'invoice',
          steps: [{ key: 'due_7', offset_days: 7, action: 'email', template: 'overdue_notice' }],
        }),
      );
      const customers = ['external_id,name,kind,country,email'];
      const invoices = ['customer_external_id,number,issue_date,due_date,total'];
      for (let n = 1; n <= CUSTOMERS; n++) {
        customers.push(`W${n},Worker test ${n},business,GB,ap${n}@example.test`);
        for (const i of [1, 2])
          invoices.push(
            `W${n},W${n}-${i},${addDays('2025-01-01', i)},${addDays('2025-02-01', i)},${100 + n}.00`,
          );
      }
      for (const [format, rows] of [
        ['customers-csv', customers],
        ['invoices-csv', invoices],
      ] as const) {
        const result = await importCsv(ctx, Readable.from([rows.join('\n') + '\n']), { format });
        expect(result.status).toBe('completed');
      }
      const run = await startRun(ctx, runInput.parse({ as_of: AS_OF, list_limit: 0 }));
      expect(run.totals.actions).toBe(PLANNED);
    }, 300_000);

    afterAll(async () => {
      await first?.close();
      await second?.close();
      if (url) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }, 60_000);

    it(`share ${PLANNED} planned messages without sending any twice`, async () => {
      const planned = await queryRows<{ n: number }>(
        first!.db,
        sql`SELECT count(*)::int AS n FROM actions WHERE status = 'planned'`,
      );
      expect(planned[0]!.n).toBe(PLANNED);

      const clock = fixedClock('2025-03-03T13:00:00Z');
      const workers = [first!, second!].map((database) => {
        const recording = createRecordingAdapter('email');
        const adapters: Adapters = {
          email: recording,
          sms: createRecordingAdapter('sms'),
          letter: createRecordingAdapter('letter'),
        };
        return { database, recording, adapters, batches: 0 };
      });
      // Each loop claims small batches until nothing is left for it; both run at once, each on its
      // own pool, so their claiming transactions overlap in the database.
      await Promise.all(
        workers.map(async (worker) => {
          for (;;) {
            const result = await dispatchBatch(worker.database.db, {
              adapters: worker.adapters,
              clock,
              batchSize: 20,
            });
            if (result.claimed === 0) return;
            worker.batches++;
            expect(result.sent).toBe(result.claimed);
          }
        }),
      );

      const ids = (recording: RecordingAdapter) => recording.sent.map((message) => message.id);
      const [a, b] = workers.map((worker) => ids(worker.recording)) as [string[], string[]];
      console.log(
        `[faults postgres] two dispatchers: ${a.length} and ${b.length} messages, ` +
          `${workers[0]!.batches} and ${workers[1]!.batches} batches`,
      );
      // Neither sent anything twice, nor anything the other sent.
      expect(new Set(a).size).toBe(a.length);
      expect(new Set(b).size).toBe(b.length);
      const inBoth = a.filter((id) => new Set(b).has(id));
      expect(inBoth).toEqual([]);
      // Together they sent everything, and each did a fair part of it.
      expect(a.length + b.length).toBe(PLANNED);
      expect(Math.min(a.length, b.length)).toBeGreaterThan(PLANNED / 10);

      const [stored] = await queryRows<{
        messages: number;
        actions: number;
        duplicated: number;
        left: number;
      }>(
        first!.db,
        sql`SELECT (SELECT count(*)::int FROM messages) AS messages,
                   (SELECT count(DISTINCT action_id)::int FROM messages) AS actions,
                   (SELECT count(*)::int FROM (SELECT action_id FROM messages GROUP BY action_id HAVING count(*) > 1) d) AS duplicated,
                   (SELECT count(*)::int FROM actions WHERE status <> 'sent') AS left`,
      );
      expect(stored).toEqual({ messages: PLANNED, actions: PLANNED, duplicated: 0, left: 0 });
      expect((await verifyLedger(first!.db, ctx.tenantId)).problems).toEqual([]);
    }, 300_000);
  },
);
