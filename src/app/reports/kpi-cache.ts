/**
 * A period's entry sums (`entriesIn`, the KPI report's long pole) kept in `kpi_entry_facts`.
 *
 * They are a pure function of the entries effective by the period's end (invoice dates and
 * totals never change; `invoices.balance` moves only with entries). The ledger is append-only
 * and every posting records a `ledger.posted` event listing its entries in the audit log, whose
 * sequence is handed out under the audit head's row lock held to commit: seq order is commit
 * order. So a cached row stays exact until an event after its `audit_seq` posts an entry in its
 * currency effective by `period_to` — a backdated one included. Checking costs a walk over the
 * events since `audit_seq`, which each fresh read moves up to the head.
 *
 * Segments are not cached: they follow `collection_states`, which moves without ledger events.
 */
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import { queryRows } from '../../store/database.js';
import type { Ctx } from '../context.js';
import { entriesIn, type Scope } from './kpi-facts.js';

export type EntryFacts = Awaited<ReturnType<typeof entriesIn>>;

export async function cachedEntriesIn(
  ctx: Ctx,
  scope: Scope,
  from: CalendarDate,
  to: CalendarDate,
): Promise<EntryFacts> {
  if (scope.segment) return entriesIn(ctx, scope, from, to);
  const key = sql`tenant_id = ${ctx.tenantId} AND currency = ${scope.currency} AND period_from = ${from} AND period_to = ${to}`;
  // One statement, one snapshot: the head and every event up to it are committed and visible.
  const [state] = await queryRows<{
    facts: StoredFacts | null;
    audit_seq: string | null;
    head: string;
    stale: boolean;
  }>(
    ctx.db,
    sql`SELECT c.facts, c.audit_seq::text AS audit_seq, COALESCE(h.seq, 0)::text AS head,
          EXISTS (
            SELECT 1 FROM audit_log a
            WHERE a.tenant_id = ${ctx.tenantId} AND a.seq > c.audit_seq AND a.seq <= COALESCE(h.seq, 0)
              AND a.kind = 'ledger.posted'
              AND EXISTS (SELECT 1 FROM jsonb_array_elements(a.data -> 'entries') e
                          WHERE e ->> 'currency' = ${scope.currency} AND (e ->> 'effective_on')::date <= ${to}::date)
          ) AS stale
        FROM (SELECT 1) one
        LEFT JOIN kpi_entry_facts c ON c.tenant_id = ${ctx.tenantId} AND c.currency = ${scope.currency}
          AND c.period_from = ${from} AND c.period_to = ${to}
        LEFT JOIN audit_heads h ON h.tenant_id = ${ctx.tenantId}`,
  );
  const head = Number(state!.head);
  if (state?.facts && !state.stale) {
    // Nothing relevant up to the head: the next check starts there.
    if (Number(state.audit_seq) < head)
      await ctx.db.execute(
        sql`UPDATE kpi_entry_facts SET audit_seq = ${head} WHERE ${key} AND audit_seq < ${head}`,
      );
    return fromStored(state.facts);
  }
  // Computed after reading the head, so it holds at least every posting up to it.
  const facts = await entriesIn(ctx, scope, from, to);
  await ctx.db.execute(
    sql`INSERT INTO kpi_entry_facts (tenant_id, currency, period_from, period_to, facts, audit_seq)
        VALUES (${ctx.tenantId}, ${scope.currency}, ${from}, ${to}, ${JSON.stringify(toStored(facts))}::jsonb, ${head})
        ON CONFLICT (tenant_id, currency, period_from, period_to) DO UPDATE
          SET facts = excluded.facts, audit_seq = excluded.audit_seq, computed_at = now()
          WHERE kpi_entry_facts.audit_seq <= excluded.audit_seq`,
  );
  return facts;
}

/** JSON has no bigint: money goes as decimal strings. */
type StoredFacts = Omit<EntryFacts, 'net' | 'collected' | 'reducedDue' | 'writtenOff'> &
  Record<'net' | 'collected' | 'reducedDue' | 'writtenOff', string>;

function toStored(f: EntryFacts): StoredFacts {
  return {
    ...f,
    net: f.net.toString(),
    collected: f.collected.toString(),
    reducedDue: f.reducedDue.toString(),
    writtenOff: f.writtenOff.toString(),
  };
}

function fromStored(f: StoredFacts): EntryFacts {
  return {
    net: BigInt(f.net),
    collected: BigInt(f.collected),
    reducedDue: BigInt(f.reducedDue),
    writtenOff: BigInt(f.writtenOff),
    paid: { ...f.paid },
  };
}
