import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestCustomer, createTestOrg, openTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../store/database.js';
import type { Ctx } from '../context.js';
import { recordEvents, type DomainEvent } from '../events/record.js';
import { createInvoice } from '../invoices.js';
import { verifyLedger } from '../ledger/verify.js';
import { recordPayment } from '../payments.js';
import { canonicalJson } from './canonical.js';
import { listAudit } from './list.js';
import { verifyAudit } from './verify.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

const event = (n: number): DomainEvent => ({
  type: 'test.happened',
  at: new Date(Date.UTC(2024, 5, 1, 12, 0, n % 60)),
  actor: 'test',
  subjectType: 'thing',
  subjectId: `t${n}`,
  customerId: null,
  data: { n, nested: { b: [1, 'two', null], a: true }, big: 12345678901234567890n },
});

async function orgWithEvents(count: number): Promise<Ctx> {
  const { ctx } = await createTestOrg(database, { name: `Audit ${Math.random()}` });
  await ctx.db.transaction((tx) =>
    recordEvents(
      tx,
      ctx.tenantId,
      Array.from({ length: count }, (_, i) => event(i + 1)),
    ),
  );
  return ctx;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members and writes bigints and dates as strings', () => {
    expect(
      canonicalJson({
        b: 1,
        a: { d: [2, { z: 1, y: undefined }], c: new Date('2024-01-01T00:00:00Z') },
        e: 5n,
      }),
    ).toBe('{"a":{"c":"2024-01-01T00:00:00.000Z","d":[2,{"z":1}]},"b":1,"e":"5"}');
  });
});

describe('the audit log', () => {
  it('chains thousands of events from one call and verifies them', async () => {
    const ctx = await orgWithEvents(3000);
    await ctx.db.transaction((tx) => recordEvents(tx, ctx.tenantId, [event(3001)]));
    const result = await verifyAudit(ctx.db, ctx.tenantId);
    expect(result).toMatchObject({ ok: true, entries: 3001, last_seq: 3001, broken: null });
    const page = await listAudit(ctx, { limit: 2 });
    expect(page.data.map((e) => e.seq)).toEqual([3001, 3000]);
    const next = await listAudit(ctx, { limit: 2, cursor: page.next_cursor! });
    expect(next.data.map((e) => e.seq)).toEqual([2999, 2998]);
  });

  it('names the entry that was edited', async () => {
    const ctx = await orgWithEvents(20);
    await ctx.db.execute(
      sql`UPDATE audit_log SET data = jsonb_set(data, '{n}', '99') WHERE tenant_id = ${ctx.tenantId} AND seq = 7`,
    );
    expect((await verifyAudit(ctx.db, ctx.tenantId)).broken).toMatchObject({
      seq: 7,
      problem: 'hash_mismatch',
    });
  });

  it('names an edit of the actor or the instant too', async () => {
    const ctx = await orgWithEvents(5);
    await ctx.db.execute(
      sql`UPDATE audit_log SET actor = 'someone' WHERE tenant_id = ${ctx.tenantId} AND seq = 2`,
    );
    expect((await verifyAudit(ctx.db, ctx.tenantId)).broken).toMatchObject({
      seq: 2,
      problem: 'hash_mismatch',
    });
  });

  it('names the entry that was deleted, in the middle or at the end', async () => {
    const ctx = await orgWithEvents(10);
    await ctx.db.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${ctx.tenantId} AND seq = 4`);
    expect((await verifyAudit(ctx.db, ctx.tenantId)).broken).toMatchObject({ seq: 4, problem: 'gap' });
    const tail = await orgWithEvents(10);
    await tail.db.execute(sql`DELETE FROM audit_log WHERE tenant_id = ${tail.tenantId} AND seq >= 9`);
    expect((await verifyAudit(tail.db, tail.tenantId)).broken).toMatchObject({
      seq: 9,
      problem: 'head_mismatch',
    });
  });

  it('names the first of two entries that were swapped', async () => {
    const ctx = await orgWithEvents(10);
    await ctx.db.execute(sql`UPDATE audit_log SET seq = -5 WHERE tenant_id = ${ctx.tenantId} AND seq = 5`);
    await ctx.db.execute(sql`UPDATE audit_log SET seq = 5 WHERE tenant_id = ${ctx.tenantId} AND seq = 6`);
    await ctx.db.execute(sql`UPDATE audit_log SET seq = 6 WHERE tenant_id = ${ctx.tenantId} AND seq = -5`);
    expect((await verifyAudit(ctx.db, ctx.tenantId)).broken).toMatchObject({
      seq: 5,
      problem: 'prev_hash_mismatch',
    });
  });

  it('keeps organisations apart: tampering with one leaves the other verified', async () => {
    const a = await orgWithEvents(3);
    const b = await orgWithEvents(3);
    await a.db.execute(sql`UPDATE audit_log SET kind = 'x' WHERE tenant_id = ${a.tenantId} AND seq = 1`);
    expect((await verifyAudit(a.db, a.tenantId)).ok).toBe(false);
    expect((await verifyAudit(b.db, b.tenantId)).ok).toBe(true);
  });

  it('records a payment with its allocations, and each ledger posting with its actor', async () => {
    const { ctx: base } = await createTestOrg(database, { name: 'Payments' });
    const ctx = { ...base, actor: 'api_key:k1' };
    const customer = await createTestCustomer(ctx, { external_id: 'P1' });
    const invoice = await createInvoice(ctx, {
      customer_id: customer.id,
      number: 'INV-P1',
      issue_date: '2024-05-01',
      due_date: '2024-05-31',
      currency: 'EUR',
      total: '100.00',
    });
    const payment = await recordPayment(ctx, {
      customer_id: customer.id,
      amount: '150.00',
      currency: 'EUR',
      received_on: '2024-06-01',
    });
    const { data } = await listAudit(ctx, { limit: 10, customer_id: customer.id });
    const received = data.find((e) => e.kind === 'payment.received')!;
    expect(received).toMatchObject({ actor: 'api_key:k1', subject_id: payment.id });
    expect(received.data).toMatchObject({
      payment_id: payment.id,
      customer_id: customer.id,
      amount: '150.00',
      currency: 'EUR',
      received_on: '2024-06-01',
      allocations: [{ invoice_id: invoice.id, amount: '100.00', currency: 'EUR' }],
      unapplied: '50.00',
    });
    const posted = data.find((e) => e.kind === 'ledger.posted')!;
    expect(posted.actor).toBe('api_key:k1');
    expect(posted.data.entries).toContainEqual(
      expect.objectContaining({ kind: 'receipt', amount: '150.00' }),
    );
    expect((await verifyLedger(ctx.db, ctx.tenantId)).problems).toEqual([]);
    expect((await verifyAudit(ctx.db, ctx.tenantId)).ok).toBe(true);
  });
});

describe('concurrent appends', () => {
  it('serialise on the head: twenty transactions at once leave one unbroken chain', async () => {
    const { ctx } = await createTestOrg(database, { name: 'Concurrent' });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.db.transaction((tx) => recordEvents(tx, ctx.tenantId, [event(i * 2), event(i * 2 + 1)])),
      ),
    );
    expect(await verifyAudit(ctx.db, ctx.tenantId)).toMatchObject({ ok: true, entries: 40 });
  });

  it('append 5,000 events in one call in a handful of statements', async () => {
    const { ctx } = await createTestOrg(database, { name: 'Bulk' });
    const started = performance.now();
    await ctx.db.transaction((tx) =>
      recordEvents(
        tx,
        ctx.tenantId,
        Array.from({ length: 5000 }, (_, i) => event(i)),
      ),
    );
    const ms = performance.now() - started;
    console.log(`audit: 5,000 events appended in ${ms.toFixed(0)} ms`);
    expect((await verifyAudit(ctx.db, ctx.tenantId)).entries).toBe(5000);
  });
});
