/**
 * `POST /worklist/assign`: gives the worklist's customers to collectors (`customers.assignee`),
 * by segment (a map segment → collector) or round-robin in score order, so each collector gets
 * a fair share of the best calls. Customers already assigned keep their collector unless
 * `reassign` is set; repeating the request changes nothing more.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from '../../domain/errors.js';
import type { Ctx } from '../context.js';
import { asOfDate } from '../as-of.js';
import { asOfField } from '../fields.js';
import { buildWorklist } from './worklist.js';

const collector = z.string().trim().min(1).max(200);

export const assignInput = z.object({
  method: z.enum(['round_robin', 'segment']),
  /** round_robin: the collectors, in turn. */
  assignees: z.array(collector).min(1).max(500).optional(),
  /** segment: segment name → collector; customers of other segments are left alone. */
  segments: z.record(z.string().min(1), collector).optional(),
  reassign: z.boolean().default(false),
  as_of: asOfField.optional(),
});

export async function assignWorklist(ctx: Ctx, input: z.infer<typeof assignInput>) {
  if (input.method === 'round_robin' && !input.assignees?.length)
    throw invalid('assignees', 'round_robin needs at least one collector');
  if (input.method === 'segment' && !input.segments)
    throw invalid('segments', 'segment needs a segment → collector map');
  const asOf = asOfDate(ctx, input.as_of);
  const entries = (await buildWorklist(ctx, asOf)).filter((e) => input.reassign || e.assignee === null);
  const assigned: { customer_id: string; assignee: string }[] = [];
  entries.forEach((entry, index) => {
    const to =
      input.method === 'round_robin'
        ? input.assignees![index % input.assignees!.length]!
        : input.segments![entry.segment];
    if (to && to !== entry.assignee) assigned.push({ customer_id: entry.customer_id, assignee: to });
  });
  await ctx.db.transaction(async (tx) => {
    for (const a of assigned)
      await tx.execute(
        sql`UPDATE customers SET assignee = ${a.assignee} WHERE tenant_id = ${ctx.tenantId} AND id = ${a.customer_id}`,
      );
  });
  return { as_of: asOf, method: input.method, count: assigned.length, assigned };
}
