import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RecoupError } from '../domain/errors.js';
import type { Clock, Ctx, Role } from '../app/context.js';
import { authenticate, loadOrganisation, type Principal } from '../app/organisations.js';
import type { Db } from '../store/database.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    ctx: Ctx;
  }
}

const RANK: Record<Role, number> = { viewer: 0, collector: 1, manager: 2, admin: 3 };

/**
 * Every /api/v1 request carries `Authorization: Bearer <key>`. The key names the organisation,
 * so each use case gets a context scoped to it: no route can reach another organisation's data.
 */
export function registerAuth(app: FastifyInstance, db: Db, clock: Clock, publicPaths: ReadonlySet<string>) {
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const path = request.url.split('?')[0]!;
    if (publicPaths.has(path) || !path.startsWith('/api/')) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new RecoupError(
        'unauthorized',
        'unauthorized',
        'send an API key as "Authorization: Bearer <key>"',
      );
    }
    const principal = await authenticate(db, match[1]!);
    if (!principal)
      throw new RecoupError('unauthorized', 'unauthorized', 'the API key is unknown or revoked');
    const org = await loadOrganisation(db, principal.tenantId);
    request.principal = principal;
    request.ctx = {
      db,
      tenantId: principal.tenantId,
      timeZone: org.timeZone,
      settings: org.settings,
      clock,
      actor: `api_key:${principal.keyId}`,
    };
  });
}

/** A preHandler that lets through only callers with at least `role`. */
export function requireRole(role: Role) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (RANK[request.principal.role] < RANK[role]) {
      throw new RecoupError(
        'forbidden',
        'forbidden',
        `this needs the ${role} role; your key has ${request.principal.role}`,
      );
    }
  };
}

export async function requireOperator(request: FastifyRequest) {
  if (!request.principal.isOperator) {
    throw new RecoupError(
      'forbidden',
      'forbidden',
      'only the operator key (RECOUP_API_KEY) may create organisations',
    );
  }
}
