/** An organisation's webhook endpoints and their delivery log. */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { notFound } from '../../domain/errors.js';
import { webhookDeliveries, webhookEndpoints } from '../../store/schema.js';
import { newId, type Ctx } from '../context.js';
import { cursorField, limitField } from '../fields.js';
import { decodeCursor, toPage } from '../pagination.js';

export const webhookInput = z.object({
  url: z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }).max(2000),
  events: z
    .array(
      z.string().regex(/^(\*|[a-z_]+(\.[a-z_]+)+)$/, {
        message: 'must be an event type such as payment.received, or *',
      }),
    )
    .min(1)
    .max(100),
  description: z.string().max(500).nullish(),
});
export type WebhookInput = z.infer<typeof webhookInput>;

export const deliveriesQuery = z.object({ limit: limitField, cursor: cursorField });

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

function endpointView(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    active: row.active,
    created_at: row.createdAt.toISOString(),
  };
}

/** The endpoint with its signing secret, shown this once. */
export async function createWebhook(ctx: Ctx, input: WebhookInput) {
  const [row] = await ctx.db
    .insert(webhookEndpoints)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      url: input.url,
      secret: `whsec_${randomBytes(32).toString('base64url')}`,
      events: [...new Set(input.events)],
      description: input.description ?? null,
    })
    .returning();
  return { ...endpointView(row!), secret: row!.secret };
}

export async function listWebhooks(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenantId), eq(webhookEndpoints.active, true)))
    .orderBy(webhookEndpoints.id);
  return { data: rows.map(endpointView), next_cursor: null };
}

async function loadEndpoint(ctx: Ctx, id: string): Promise<EndpointRow> {
  const [row] = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenantId), eq(webhookEndpoints.id, id)));
  if (!row) throw notFound('webhook', id);
  return row;
}

/**
 * Stops an endpoint: it gets no new events and what was waiting for it is cancelled. The row
 * stays (inactive), so its delivery log can still be read.
 */
export async function deleteWebhook(ctx: Ctx, id: string) {
  const row = await loadEndpoint(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({ active: false })
      .where(and(eq(webhookEndpoints.tenantId, ctx.tenantId), eq(webhookEndpoints.id, id)));
    await tx
      .update(webhookDeliveries)
      .set({ status: 'cancelled', nextAttemptAt: null })
      .where(
        and(
          eq(webhookDeliveries.tenantId, ctx.tenantId),
          eq(webhookDeliveries.endpointId, id),
          inArray(webhookDeliveries.status, ['pending', 'retrying']),
        ),
      );
  });
  return { ...endpointView(row), active: false };
}

function deliveryView(row: DeliveryRow) {
  return {
    id: row.id,
    event_id: row.eventId,
    event_type: row.eventType,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at:
      row.nextAttemptAt && row.nextAttemptAt.getTime() > 0 ? row.nextAttemptAt.toISOString() : null,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    delivered_at: row.deliveredAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    payload: row.payload as Record<string, unknown>,
  };
}

/** The delivery log of one endpoint, newest first. */
export async function listDeliveries(ctx: Ctx, id: string, query: z.infer<typeof deliveriesQuery>) {
  await loadEndpoint(ctx, id);
  const after = decodeCursor(query.cursor);
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, ctx.tenantId),
        eq(webhookDeliveries.endpointId, id),
        after ? lt(webhookDeliveries.id, after) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, deliveryView);
}
