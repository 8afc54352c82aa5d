import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, notFound } from '../domain/errors.js';
import { strategyDocument, type StrategyDocument } from '../domain/strategies/document.js';
import { strategies, strategyVersions } from '../store/schema.js';
import type { Db } from '../store/database.js';
import { newId, type Ctx } from './context.js';
import { cursorField, limitField } from './fields.js';
import { decodeCursor, toPage } from './pagination.js';

export { strategyDocument as strategyInput };

type VersionRow = typeof strategyVersions.$inferSelect;

/** A new strategy at version 1. Names are unique per organisation. */
export async function createStrategy(ctx: Ctx, document: StrategyDocument) {
  return ctx.db.transaction(async (tx) => {
    const id = newId();
    const inserted = await tx
      .insert(strategies)
      .values({ tenantId: ctx.tenantId, id, name: document.name, latestVersion: 1 })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0)
      throw new RecoupError('conflict', 'duplicate_name', `a strategy named ${document.name} exists`, [
        { path: 'name', message: 'is already used by another strategy' },
      ]);
    const [version] = await tx
      .insert(strategyVersions)
      .values({ tenantId: ctx.tenantId, id: newId(), strategyId: id, version: 1, document })
      .returning();
    await reviewEveryone(tx, ctx.tenantId);
    return strategyView(version!);
  });
}

/**
 * A changed document becomes the next version; runs that used the old one keep pointing at it.
 * An unchanged document returns the latest version as it is.
 */
export async function updateStrategy(ctx: Ctx, id: string, document: StrategyDocument) {
  return ctx.db.transaction(async (tx) => {
    const [strategy] = await tx
      .select()
      .from(strategies)
      .where(and(eq(strategies.tenantId, ctx.tenantId), eq(strategies.id, id)))
      .for('update');
    if (!strategy) throw notFound('strategy', id);
    const latest = await loadVersion(tx, ctx.tenantId, id, strategy.latestVersion);
    if (JSON.stringify(latest.document) === JSON.stringify(document)) return strategyView(latest);
    const version = strategy.latestVersion + 1;
    await tx
      .update(strategies)
      .set({ latestVersion: version, name: document.name })
      .where(and(eq(strategies.tenantId, ctx.tenantId), eq(strategies.id, id)));
    const [row] = await tx
      .insert(strategyVersions)
      .values({ tenantId: ctx.tenantId, id: newId(), strategyId: id, version, document })
      .returning();
    await reviewEveryone(tx, ctx.tenantId);
    return strategyView(row!);
  });
}

export async function getStrategy(ctx: Ctx, id: string, version?: number) {
  const [strategy] = await ctx.db
    .select()
    .from(strategies)
    .where(and(eq(strategies.tenantId, ctx.tenantId), eq(strategies.id, id)));
  if (!strategy) throw notFound('strategy', id);
  return strategyView(await loadVersion(ctx.db, ctx.tenantId, id, version ?? strategy.latestVersion));
}

/** Joins each strategy to its latest version. */
const isLatestVersion = and(
  eq(strategyVersions.tenantId, strategies.tenantId),
  eq(strategyVersions.strategyId, strategies.id),
  eq(strategyVersions.version, strategies.latestVersion),
);

export const listStrategiesQuery = z.object({ limit: limitField, cursor: cursorField });

export async function listStrategies(ctx: Ctx, query: z.infer<typeof listStrategiesQuery>) {
  const after = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select({ version: strategyVersions })
    .from(strategies)
    .innerJoin(strategyVersions, isLatestVersion)
    .where(and(eq(strategies.tenantId, ctx.tenantId), after ? gt(strategies.id, after) : undefined))
    .orderBy(asc(strategies.id))
    .limit(query.limit + 1);
  return toPage(
    rows.map((r) => ({ ...r.version, id: r.version.strategyId, row: r.version })),
    query.limit,
    (r) => strategyView(r.row),
  );
}

async function loadVersion(db: Db, tenantId: string, strategyId: string, version: number) {
  const [row] = await db
    .select()
    .from(strategyVersions)
    .where(
      and(
        eq(strategyVersions.tenantId, tenantId),
        eq(strategyVersions.strategyId, strategyId),
        eq(strategyVersions.version, version),
      ),
    );
  if (!row) throw notFound('strategy version', `${strategyId} v${version}`);
  return row;
}

/** Every strategy's latest version, for runs: each customer is matched to one of them. */
export async function latestStrategyVersions(db: Db, tenantId: string) {
  const rows = await db
    .select({ version: strategyVersions })
    .from(strategies)
    .innerJoin(strategyVersions, isLatestVersion)
    .where(eq(strategies.tenantId, tenantId))
    .orderBy(asc(strategies.createdAt), desc(strategies.id));
  return rows.map(({ version }) => ({
    versionId: version.id,
    strategyId: version.strategyId,
    version: version.version,
    document: strategyDocument.parse(version.document),
  }));
}
export type LoadedStrategy = Awaited<ReturnType<typeof latestStrategyVersions>>[number];

/** A new or changed strategy may say something new about anyone: the next run looks at all. */
export async function reviewEveryone(tx: Db, tenantId: string): Promise<void> {
  await tx.execute(sql`UPDATE collection_states SET next_action_at = 'epoch' WHERE tenant_id = ${tenantId}`);
}

function strategyView(row: VersionRow) {
  return {
    id: row.strategyId,
    version: row.version,
    version_id: row.id,
    ...(row.document as StrategyDocument),
    created_at: row.createdAt.toISOString(),
  };
}
