/** Posted portal forms, url-encoded or multipart, read the same way. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortalSession } from '../../app/portal/session.js';

/** Field name → text, a list of texts (repeated names), or an uploaded file. */
export type PortalForm = Record<string, unknown>;

export interface UploadedFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface PortalRouteTools {
  session(request: FastifyRequest): Promise<PortalSession>;
  back(reply: FastifyReply, session: PortalSession, done: string): FastifyReply;
}

export function textField(value: unknown): string {
  if (Array.isArray(value)) return textField(value[0]);
  return typeof value === 'string' ? value.trim() : '';
}

export function listField(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter(
    (v) => typeof v === 'string' && v !== '',
  ) as string[];
}

export function fileField(value: unknown): UploadedFile | null {
  const file = value as UploadedFile | undefined;
  return file && Buffer.isBuffer(file.content) && file.content.length > 0 ? file : null;
}

/** Url-encoded fields: a name given twice becomes a list. */
export function urlEncodedFields(params: URLSearchParams): PortalForm {
  const fields: PortalForm = {};
  for (const [key, value] of params) {
    const existing = fields[key];
    fields[key] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return fields;
}

interface MultipartPart {
  type: 'field' | 'file';
  value?: unknown;
  filename?: string;
  mimetype?: string;
  toBuffer?: () => Promise<Buffer>;
}

/** Multipart parts (attached to the body by @fastify/multipart) as plain fields and files. */
export async function multipartFields(
  body: Record<string, MultipartPart | MultipartPart[]>,
): Promise<PortalForm> {
  const fields: PortalForm = {};
  for (const [key, entry] of Object.entries(body)) {
    const parts = Array.isArray(entry) ? entry : [entry];
    const values = await Promise.all(
      parts.map(async (part) =>
        part.type === 'file'
          ? ({
              fileName: part.filename ?? 'upload',
              contentType: part.mimetype ?? 'application/octet-stream',
              content: await part.toBuffer!(),
            } satisfies UploadedFile)
          : part.value,
      ),
    );
    fields[key] = values.length === 1 ? values[0] : values;
  }
  return fields;
}
