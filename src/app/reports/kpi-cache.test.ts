import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.js';
import { queryRows } from '../../store/database.js';
import { createTestOrg, openTestDatabase, type TestOrg } from '../../../test/support/database.js';
import { createInvoice } from '../invoices.js';
import { addCharge, voidInvoice, writeOff } from '../invoice-adjustments.js';
import { kpiReport } from './kpis.js';
import { handWorkedMarch } from './test-support/hand-worked-march.js';

/** The hand-worked March 2024 of `kpis.test.ts`, read through `kpi_entry_facts` and `kpi_issued_months`. */
let database: Database;
let org: TestOrg;
let customerId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  org = await createTestOrg(database, { now: '2024-04-30T12:00:00Z' });
  const march = await handWorkedMarch(org.ctx);
  customerId = march.customerId;
  Object.assign(ids, march.ids);
});
afterAll(async () => database?.close());

const queries = {
  march: { from: '2024-03-01', to: '2024-03-31', currency: 'EUR' },
  february: { from: '2024-02-01', to: '2024-02-29', currency: 'EUR' },
  byMonth: { from: '2024-02-01', to: '2024-03-31', currency: 'EUR', period: 'month' as const },
  partial: { from: '2024-03-10', to: '2024-03-24', currency: 'EUR' },
  segment: { from: '2024-03-01', to: '2024-03-31', currency: 'EUR', segment: 'default' },
};

const clearCache = async () => {
  await org.ctx.db.execute(sql`DELETE FROM kpi_entry_facts`);
  await org.ctx.db.execute(sql`DELETE FROM kpi_issued_months`);
};
const cachedRows = async () =>
  (
    await queryRows<{ n: number }>(
      org.ctx.db,
      sql`SELECT ((SELECT COUNT(*) FROM kpi_entry_facts) + (SELECT COUNT(*) FROM kpi_issued_months))::int AS n`,
    )
  )[0]!.n;

/** Every query answered with an empty cache, then again from the rows that filled it. */
async function uncachedThenCached() {
  const answers = [];
  for (const query of Object.values(queries)) {
    await clearCache();
    const uncached = await kpiReport(org.ctx, query);
    const cached = await kpiReport(org.ctx, query);
    answers.push({ uncached, cached });
  }
  return answers;
}

describe('KPI entry facts cache', () => {
  it('answers exactly as without it, and reads the stored rows', async () => {
    for (const { uncached, cached } of await uncachedThenCached()) expect(cached).toEqual(uncached);
    await clearCache();
    const march = await kpiReport(org.ctx, queries.march);
    expect(march).toMatchObject({ dso: 17.05, cei: 91.67, average_days_to_pay: 36, write_off_ratio: 5 });
    // Tampering with the stored row shows in the answer: the second read came from the cache.
    await org.ctx.db.execute(
      sql`UPDATE kpi_entry_facts SET facts = jsonb_set(facts, '{writtenOff}', '"10000"')
          WHERE period_from = '2024-03-01' AND period_to = '2024-03-31'`,
    );
    expect((await kpiReport(org.ctx, queries.march)).figures.written_off.amount).toBe('100.00');
    await clearCache();
  });

  it('does not cache a segment: it follows collection states, not the ledger', async () => {
    await clearCache();
    await kpiReport(org.ctx, queries.segment);
    expect(await cachedRows()).toBe(0);
  });

  it('keeps a month through postings after it or in another currency', async () => {
    await clearCache();
    await kpiReport(org.ctx, queries.march);
    await addCharge(org.ctx, ids.I3!, {
      kind: 'fee',
      amount: '5.00',
      charged_on: '2024-04-15',
      reason: 'late',
    });
    const [row] = await queryRows<{ audit_seq: string; head: string }>(
      org.ctx.db,
      sql`SELECT c.audit_seq::text, h.seq::text AS head FROM kpi_entry_facts c, audit_heads h
          WHERE h.tenant_id = c.tenant_id AND c.period_to = '2024-03-31'`,
    );
    expect(Number(row!.audit_seq)).toBeLessThan(Number(row!.head));
    await kpiReport(org.ctx, queries.march);
    const [after] = await queryRows<{ audit_seq: string; head: string }>(
      org.ctx.db,
      sql`SELECT c.audit_seq::text, h.seq::text AS head FROM kpi_entry_facts c, audit_heads h
          WHERE h.tenant_id = c.tenant_id AND c.period_to = '2024-03-31'`,
    );
    // Still valid: the check moved its watermark up to the head instead of recomputing.
    expect(after!.audit_seq).toBe(after!.head);
  });

  it('recomputes a month when a backdated posting lands in it or before it', async () => {
    await clearCache();
    const before = await kpiReport(org.ctx, queries.byMonth);
    expect(before.periods?.[1]?.figures.written_off.amount).toBe('50.00');
    // Posted today (30 Apr), effective in March: the write-off ratio and write-offs move.
    await writeOff(org.ctx, ids.I3!, { amount: '100.00', reason: 'goodwill', written_off_on: '2024-03-30' });
    const afterWriteOff = await kpiReport(org.ctx, queries.byMonth);
    expect(afterWriteOff.periods?.[1]?.figures).toMatchObject({
      written_off: { amount: '150.00' },
      beginning_receivables: { amount: '1200.00' },
      ending_receivables: { amount: '450.00' },
    });
    expect(afterWriteOff.periods?.[1]?.write_off_ratio).toBe(15);
    // Effective in February, before March: I1 is no longer paid in full at the end of March.
    await addCharge(org.ctx, ids.I1!, {
      kind: 'fee',
      amount: '10.00',
      charged_on: '2024-02-15',
      reason: 'late',
    });
    const afterCharge = await kpiReport(org.ctx, queries.byMonth);
    expect(afterCharge.periods?.[1]?.figures.invoices_paid).toBe(1);
    expect(afterCharge.periods?.[1]?.average_days_to_pay).toBe(24);
    // An invoice created today, issued in March: March's credit sales move.
    const late = await createInvoice(org.ctx, {
      customer_id: customerId,
      number: 'I5',
      issue_date: '2024-03-15',
      due_date: '2024-04-14',
      currency: 'EUR',
      total: '300.00',
    });
    const afterInvoice = await kpiReport(org.ctx, queries.byMonth);
    expect(afterInvoice.periods?.[1]?.figures).toMatchObject({
      credit_sales: { amount: '1300.00' },
      invoices_issued: 3,
    });
    // Voided in March, posted today: it comes out of March's sales again.
    await voidInvoice(org.ctx, late.id, { reason: 'duplicate', voided_on: '2024-03-31' });
    const afterVoid = await kpiReport(org.ctx, queries.byMonth);
    expect(afterVoid.periods?.[1]?.figures).toMatchObject({
      credit_sales: { amount: '1000.00' },
      invoices_issued: 2,
    });
    // And every answer still equals the uncached one.
    for (const { uncached, cached } of await uncachedThenCached()) expect(cached).toEqual(uncached);
    await clearCache();
    expect(await kpiReport(org.ctx, queries.byMonth)).toEqual(afterVoid);
  });
});
