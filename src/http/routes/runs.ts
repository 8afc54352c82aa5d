import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import {
  actionListSchema,
  messageListSchema,
  runSchema,
  taskListSchema,
  taskSchema,
} from '../collection-responses.js';
import { idField } from '../../app/fields.js';
import {
  completeTask,
  completeTaskInput,
  listActions,
  listActionsQuery,
  listMessages,
  listMessagesQuery,
  listTasks,
  listTasksQuery,
} from '../../app/actions.js';
import { getRun, runInput, startRun } from '../../app/runs/run.js';

const params = z.object({ id: idField });

export function runRoutes(app: ZodApp) {
  app.post(
    '/runs',
    {
      schema: {
        tags: ['runs'],
        description:
          'Runs the strategies now (or at as_of). With dry_run, answers what would happen and why, changing nothing.',
        body: runInput,
        response: { 200: runSchema, 201: runSchema, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request, reply) => {
      const run = await startRun(request.ctx, request.body);
      return reply.code(request.body.dry_run ? 200 : 201).send(run);
    },
  );
  app.get(
    '/runs/:id',
    { schema: { tags: ['runs'], params, response: { 200: runSchema, ...errorResponses } } },
    async (request) => getRun(request.ctx, request.params.id),
  );
  app.get(
    '/actions',
    {
      schema: {
        tags: ['runs'],
        querystring: listActionsQuery,
        response: { 200: actionListSchema, ...errorResponses },
      },
    },
    async (request) => listActions(request.ctx, request.query),
  );
  app.get(
    '/tasks',
    {
      schema: {
        tags: ['runs'],
        querystring: listTasksQuery,
        response: { 200: taskListSchema, ...errorResponses },
      },
    },
    async (request) => listTasks(request.ctx, request.query),
  );
  app.post(
    '/tasks/:id/complete',
    {
      schema: {
        tags: ['runs'],
        params,
        body: completeTaskInput,
        response: { 200: taskSchema, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request) => completeTask(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/sandbox/messages',
    {
      schema: {
        tags: ['messages'],
        description:
          'Messages as sent (the sandbox mailbox when no provider is configured), with their content.',
        querystring: listMessagesQuery,
        response: { 200: messageListSchema, ...errorResponses },
      },
    },
    async (request) => listMessages(request.ctx, request.query),
  );
}
