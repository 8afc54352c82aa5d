import { and, asc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { notFound } from '../../domain/errors.js';
import { attachments, disputes } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import type { Ctx } from '../context.js';
import { decodeCursor, toPage } from '../pagination.js';
import type { listDisputesQuery } from './input.js';
import { attachmentView, disputeView } from './view.js';

const META = {
  id: attachments.id,
  ownerId: attachments.ownerId,
  fileName: attachments.fileName,
  contentType: attachments.contentType,
  size: attachments.size,
  sha256: attachments.sha256,
  createdAt: attachments.createdAt,
};

export async function findDispute(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(disputes)
    .where(and(eq(disputes.tenantId, tenantId), eq(disputes.id, id)));
  if (!row) throw notFound('dispute', id);
  return row;
}

async function filesOf(db: Db, tenantId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select(META)
    .from(attachments)
    .where(
      and(
        eq(attachments.tenantId, tenantId),
        eq(attachments.ownerType, 'dispute'),
        inArray(attachments.ownerId, ids),
      ),
    )
    .orderBy(asc(attachments.id));
}

export async function getDispute(ctx: Ctx, id: string) {
  const row = await findDispute(ctx.db, ctx.tenantId, id);
  return disputeView(row, await filesOf(ctx.db, ctx.tenantId, [id]));
}

export async function listDisputes(ctx: Ctx, query: z.infer<typeof listDisputesQuery>) {
  const after = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(disputes)
    .where(
      and(
        eq(disputes.tenantId, ctx.tenantId),
        query.customer_id ? eq(disputes.customerId, query.customer_id) : undefined,
        query.invoice_id ? eq(disputes.invoiceId, query.invoice_id) : undefined,
        query.status === 'open' ? isNull(disputes.resolvedAt) : undefined,
        query.status === 'resolved' ? isNotNull(disputes.resolvedAt) : undefined,
        after ? gt(disputes.id, after) : undefined,
      ),
    )
    .orderBy(asc(disputes.id))
    .limit(query.limit + 1);
  const files = await filesOf(
    ctx.db,
    ctx.tenantId,
    rows.slice(0, query.limit).map((r) => r.id),
  );
  return toPage(rows, query.limit, (row) =>
    disputeView(
      row,
      files.filter((f) => f.ownerId === row.id),
    ),
  );
}

/** One attachment (dispute evidence), with its content (base64). */
export async function getAttachment(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.tenantId, ctx.tenantId), eq(attachments.id, id)));
  if (!row) throw notFound('attachment', id);
  return {
    ...attachmentView(row),
    owner_type: row.ownerType,
    owner_id: row.ownerId,
    content_base64: row.content,
  };
}
