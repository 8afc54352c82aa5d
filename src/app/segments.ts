import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, invalid } from '../domain/errors.js';
import { segmentRule, type SegmentDefinition } from '../domain/strategies/segments.js';
import { segments, strategies } from '../store/schema.js';
import type { Db } from '../store/database.js';
import { newId, type Ctx } from './context.js';
import { reviewEveryone } from './strategies.js';
import { idField } from './fields.js';

export const segmentInput = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/, { message: 'must be lower-case letters, digits, _ or -' })
    .refine((name) => name !== 'default', { message: '"default" is where customers no segment matches go' }),
  /** Segments are tried in this order; the first that matches wins. */
  position: z.number().int().min(0).default(100),
  rule: segmentRule,
  strategy_id: idField,
  challenger: z.object({ strategy_id: idField, percent: z.number().int().min(1).max(99) }).optional(),
});

export async function createSegment(ctx: Ctx, input: z.infer<typeof segmentInput>) {
  await checkStrategy(ctx.db, ctx.tenantId, input.strategy_id, 'strategy_id');
  if (input.challenger)
    await checkStrategy(ctx.db, ctx.tenantId, input.challenger.strategy_id, 'challenger.strategy_id');
  const inserted = await ctx.db
    .insert(segments)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      name: input.name,
      position: input.position,
      rule: input.rule,
      strategyId: input.strategy_id,
      challengerStrategyId: input.challenger?.strategy_id ?? null,
      challengerPercent: input.challenger?.percent ?? 0,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0)
    throw new RecoupError('conflict', 'duplicate_name', `a segment named ${input.name} exists`, [
      { path: 'name', message: 'is already used by another segment' },
    ]);
  await reviewEveryone(ctx.db, ctx.tenantId);
  return segmentView(inserted[0]!);
}

export async function listSegments(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(segments)
    .where(eq(segments.tenantId, ctx.tenantId))
    .orderBy(asc(segments.position), asc(segments.id));
  return { data: rows.map(segmentView), next_cursor: null };
}

/** The organisation's segments in the order they are tried. */
export async function loadSegments(db: Db, tenantId: string): Promise<SegmentDefinition[]> {
  const rows = await db
    .select()
    .from(segments)
    .where(eq(segments.tenantId, tenantId))
    .orderBy(asc(segments.position), asc(segments.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    rule: segmentRule.parse(row.rule),
    strategyId: row.strategyId,
    challengerStrategyId: row.challengerStrategyId,
    challengerPercent: row.challengerPercent,
  }));
}

async function checkStrategy(db: Db, tenantId: string, id: string, path: string) {
  const [row] = await db
    .select({ id: strategies.id })
    .from(strategies)
    .where(and(eq(strategies.tenantId, tenantId), eq(strategies.id, id)));
  if (!row) throw invalid(path, `no strategy ${id}`, 'unknown_strategy');
}

function segmentView(row: typeof segments.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    rule: row.rule,
    strategy_id: row.strategyId,
    challenger: row.challengerStrategyId
      ? { strategy_id: row.challengerStrategyId, percent: row.challengerPercent }
      : null,
    created_at: row.createdAt.toISOString(),
  };
}
