import { sql } from 'drizzle-orm';
import { notFound } from '../../domain/errors.js';
import type { z } from 'zod';
import type { Ctx } from '../context.js';
import { asOfDate } from '../as-of.js';
import { decodeCursor, toPage } from '../pagination.js';
import type { listPlansQuery } from './input.js';
import { loadPlans, stateOf } from './load.js';
import { planView } from './view.js';

export async function getPlan(ctx: Ctx, id: string, asOfInput?: string) {
  const asOf = asOfDate(ctx, asOfInput);
  const [record] = await loadPlans(ctx.db, ctx.tenantId, sql`p.id = ${id}`);
  if (!record) throw notFound('payment plan', id);
  return planView(record, stateOf(record, asOf), asOf);
}

/** Plans in creation order; `status` is derived as of `as_of`, so candidates are read and filtered. */
export async function listPlans(ctx: Ctx, query: z.infer<typeof listPlansQuery>) {
  const asOf = asOfDate(ctx, query.as_of);
  const after = decodeCursor(query.cursor);
  const found = [];
  let cursor = after;
  const batch = Math.max(query.limit + 1, 200);
  while (found.length <= query.limit) {
    const records = await loadPlans(
      ctx.db,
      ctx.tenantId,
      sql`${query.customer_id ? sql`p.customer_id = ${query.customer_id}` : sql`true`}
          ${cursor ? sql`AND p.id > ${cursor}` : sql``}
          AND p.id IN (SELECT id FROM payment_plans WHERE tenant_id = ${ctx.tenantId}
                         ${query.customer_id ? sql`AND customer_id = ${query.customer_id}` : sql``}
                         ${cursor ? sql`AND id > ${cursor}` : sql``} ORDER BY id LIMIT ${batch})`,
    );
    for (const record of records) {
      const state = stateOf(record, asOf);
      if (!query.status || state.status === query.status) found.push({ id: record.id, record, state });
    }
    if (records.length < batch) break;
    cursor = records.at(-1)!.id;
  }
  return toPage(found, query.limit, ({ record, state }) => planView(record, state, asOf));
}
