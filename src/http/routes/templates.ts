import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import {
  createTemplateVersion,
  getTemplate,
  listOrganisationTemplates,
  templateInput,
  templateQuery,
} from '../../app/templates/store.js';
import { previewInput, previewTemplate } from '../../app/templates/preview.js';

const channel = z.enum(['email', 'sms', 'letter']);
const templateSchema = z.object({
  key: z.string(),
  channel,
  language: z.string(),
  source: z.enum(['default', 'organisation']),
  version: z.number().int().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  html: z.string().nullable(),
  /** A default letter's text after the table (an organisation's letter has none). */
  closing: z.string().nullable().optional(),
  created_at: z.string().nullable(),
});
const templateListSchema = z.object({
  data: z.array(
    z.object({
      key: z.string(),
      channel,
      language: z.string(),
      source: z.enum(['default', 'organisation']),
      version: z.number().int().nullable(),
      updated_at: z.string().nullable(),
    }),
  ),
  next_cursor: z.string().nullable(),
});
const previewSchema = z.object({
  key: z.string(),
  channel,
  language: z.string(),
  source: z.enum(['default', 'organisation', 'draft']),
  version: z.number().int().nullable(),
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
});

/** Message templates: the defaults and the organisation's own versions, and previews. */
export function templateRoutes(app: ZodApp) {
  app.post(
    '/templates',
    {
      schema: {
        tags: ['templates'],
        description:
          'Saves the next version of key + channel + language (Liquid). It must parse and render against sample data, else 422 naming the field and line.',
        body: templateInput,
        response: { 201: templateSchema, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request, reply) => reply.code(201).send(await createTemplateVersion(request.ctx, request.body)),
  );
  app.get(
    '/templates',
    { schema: { tags: ['templates'], response: { 200: templateListSchema, ...errorResponses } } },
    async (request) => listOrganisationTemplates(request.ctx),
  );
  app.post(
    '/templates/preview',
    {
      schema: {
        tags: ['templates'],
        description:
          'Renders a saved template (key) or a draft (body, subject, html) with sample data, or with the open items of customer_id.',
        body: previewInput,
        response: { 200: previewSchema, ...errorResponses },
      },
    },
    async (request) => previewTemplate(request.ctx, request.body),
  );
  app.get(
    '/templates/:key',
    {
      schema: {
        tags: ['templates'],
        params: z.object({ key: z.string().min(1).max(63) }),
        querystring: templateQuery,
        response: { 200: templateSchema, ...errorResponses },
      },
    },
    async (request) => getTemplate(request.ctx, request.params.key, request.query),
  );
}
