import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses, importSchema } from '../responses.js';
import { getImport, importCsv } from '../../app/imports/index.js';
import {
  IMPORT_FORMATS,
  findImportMapping,
  importMappingInput,
  listImportMappings,
  saveImportMapping,
} from '../../app/import-mappings.js';
import { idField } from '../../app/fields.js';
import { RecoupError } from '../../domain/errors.js';

const FILE_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

const importQuery = z.object({
  format: z.enum([...IMPORT_FORMATS, 'ubl', 'cii', 'camt053', 'camt054', 'mt940', 'bai2']),
  partial: z.stringbool().default(false),
  dry_run: z.stringbool().default(false),
  mapping: z.string().optional().describe('name of a saved column mapping'),
  file_name: z.string().max(255).optional(),
});

export function importRoutes(app: ZodApp) {
  // The file is streamed to the importer as it arrives, never buffered whole.
  app.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));

  app.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        description: 'The body is the file itself (content-type text/csv). A refused file answers 422.',
        querystring: importQuery,
        response: { 201: importSchema, ...errorResponses, 422: importSchema.or(errorResponses[422]) },
      },
      preHandler: requireRole('manager'),
    },
    async (request, reply) => {
      const query = request.query;
      if (!(IMPORT_FORMATS as readonly string[]).includes(query.format)) {
        throw new RecoupError(
          'invalid',
          'format_not_supported_yet',
          `format ${query.format} arrives with a later release`,
          [{ path: 'format', message: 'is not supported yet' }],
        );
      }
      const format = query.format as (typeof IMPORT_FORMATS)[number];
      const body = request.body as Readable | undefined;
      if (!body || typeof body.pipe !== 'function') {
        throw new RecoupError(
          'invalid',
          'validation_failed',
          'send the file as the body with content-type text/csv',
          [{ path: 'body', message: 'must be a CSV file (content-type text/csv)' }],
        );
      }
      const mapping = query.mapping ? await findImportMapping(request.ctx, query.mapping, format) : undefined;
      const result = await importCsv(request.ctx, body, {
        format,
        partial: query.partial,
        dryRun: query.dry_run,
        mapping,
        fileName: query.file_name,
      });
      return reply.code(result.status === 'rejected' ? 422 : 201).send(result);
    },
  );
  app.get(
    '/imports/:id',
    {
      schema: {
        tags: ['imports'],
        params: z.object({ id: idField }),
        response: { 200: importSchema, ...errorResponses },
      },
    },
    async (request) => getImport(request.ctx, request.params.id),
  );
  app.post(
    '/import-mappings',
    { schema: { tags: ['imports'], body: importMappingInput }, preHandler: requireRole('manager') },
    async (request, reply) => reply.code(201).send(await saveImportMapping(request.ctx, request.body)),
  );
  app.get('/import-mappings', { schema: { tags: ['imports'] } }, async (request) =>
    listImportMappings(request.ctx),
  );
}
