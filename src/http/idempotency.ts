import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RecoupError } from '../domain/errors.js';
import { idempotencyKeys } from '../store/schema.js';
import type { Db } from '../store/database.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { route: string; key: string } | null;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Keys are kept at least this long (the contract says 24 h). */
const KEEP_HOURS = 48;

/**
 * `Idempotency-Key` on writes: the first request with a key runs and its answer is stored; a
 * repeat with the same body gets the same answer; the same key with another body is refused.
 * The key row is claimed before the handler runs, so two concurrent repeats cannot both run.
 * Server errors free the key so the client can retry.
 */
export function registerIdempotency(app: FastifyInstance, db: Db) {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !WRITE_METHODS.has(request.method) || !request.ctx) return;
    // A streamed file (an import) cannot be hashed before it is read; re-importing is harmless anyway.
    if (typeof (request.body as { pipe?: unknown } | undefined)?.pipe === 'function') return;
    if (key.length === 0 || key.length > 255) {
      throw new RecoupError('invalid', 'validation_failed', 'Idempotency-Key must be 1 to 255 characters', [
        { path: 'Idempotency-Key', message: 'must be 1 to 255 characters' },
      ]);
    }
    const route = `${request.method} ${request.url.split('?')[0]}`;
    const requestHash = createHash('sha256')
      .update(request.url)
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const tenantId = request.ctx.tenantId;
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ tenantId, route, key, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length > 0) {
      request.idempotency = { route, key };
      return;
    }
    const [stored] = await db
      .select()
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.tenantId, tenantId),
          eq(idempotencyKeys.route, route),
          eq(idempotencyKeys.key, key),
        ),
      );
    if (!stored) return;
    if (stored.requestHash !== requestHash) {
      throw new RecoupError(
        'conflict',
        'idempotency_key_reused',
        'this Idempotency-Key was used with another request body',
      );
    }
    if (stored.statusCode === null) {
      throw new RecoupError(
        'conflict',
        'idempotency_key_in_progress',
        'a request with this Idempotency-Key is still running',
      );
    }
    reply.header('idempotent-replayed', 'true');
    return reply.code(stored.statusCode).send(stored.response);
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    const where = and(
      eq(idempotencyKeys.tenantId, request.ctx.tenantId),
      eq(idempotencyKeys.route, claim.route),
      eq(idempotencyKeys.key, claim.key),
    );
    if (reply.statusCode >= 500) {
      await db.delete(idempotencyKeys).where(where);
    } else {
      const body = typeof payload === 'string' && payload.length > 0 ? JSON.parse(payload) : null;
      await db.update(idempotencyKeys).set({ statusCode: reply.statusCode, response: body }).where(where);
    }
    return payload;
  });
}

export async function sweepIdempotencyKeys(db: Db): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${KEEP_HOURS})`));
}
