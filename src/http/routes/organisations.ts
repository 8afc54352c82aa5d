import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireOperator, requireRole } from '../auth.js';
import {
  apiKeyInput,
  createApiKey,
  createOrganisation,
  createUser,
  listApiKeys,
  listUsers,
  loadOrganisation,
  organisationInput,
  organisationView,
  revokeApiKey,
  userInput,
} from '../../app/organisations.js';
import { idField } from '../../app/fields.js';

export function organisationRoutes(app: ZodApp) {
  app.post(
    '/organisations',
    { schema: { tags: ['organisations'], body: organisationInput }, preHandler: requireOperator },
    async (request, reply) => reply.code(201).send(await createOrganisation(request.ctx.db, request.body)),
  );
  app.get('/organisation', { schema: { tags: ['organisations'] } }, async (request) =>
    organisationView((await loadOrganisation(request.ctx.db, request.ctx.tenantId)).row),
  );
  app.post(
    '/api-keys',
    { schema: { tags: ['organisations'], body: apiKeyInput }, preHandler: requireRole('admin') },
    async (request, reply) => reply.code(201).send(await createApiKey(request.ctx, request.body)),
  );
  app.get(
    '/api-keys',
    { schema: { tags: ['organisations'] }, preHandler: requireRole('admin') },
    async (request) => listApiKeys(request.ctx),
  );
  app.delete(
    '/api-keys/:id',
    {
      schema: { tags: ['organisations'], params: z.object({ id: idField }) },
      preHandler: requireRole('admin'),
    },
    async (request) => revokeApiKey(request.ctx, request.params.id),
  );
  app.post(
    '/users',
    { schema: { tags: ['organisations'], body: userInput }, preHandler: requireRole('admin') },
    async (request, reply) => reply.code(201).send(await createUser(request.ctx, request.body)),
  );
  app.get(
    '/users',
    { schema: { tags: ['organisations'] }, preHandler: requireRole('admin') },
    async (request) => listUsers(request.ctx),
  );
}
