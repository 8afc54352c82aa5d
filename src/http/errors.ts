import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { RecoupError, type ErrorDetail, type ErrorKind } from '../domain/errors.js';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  rejected: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
};

export function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

/** `['allocations', 0, 'amount']` → `allocations[0].amount` */
export function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

/** One error envelope for everything: `{"error":{"code","message","details":[{"path","message"}]}}`. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = (error.validation as ValidationIssue[]).map((issue) => ({
      path: issue.params?.issue?.path
        ? issuePath(issue.params.issue.path)
        : (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.'),
      message: issue.params?.issue?.message ?? issue.message ?? 'is invalid',
    }));
    const where = error.validationContext ?? 'request';
    const summary = details.map((d) => `${d.path || where}: ${d.message}`).join('; ');
    return reply.code(400).send(errorBody('validation_failed', `invalid ${where}: ${summary}`, details));
  }
  if (error instanceof RecoupError) {
    return reply.code(STATUS[error.kind]).send(errorBody(error.code, error.message, error.details));
  }
  const pgCode =
    (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if (pgCode === '23505') {
    return reply.code(409).send(errorBody('conflict', 'a record with the same unique key exists'));
  }
  if (error.statusCode && error.statusCode < 500) {
    const code =
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'unsupported_media_type'
        : error.statusCode === 413
          ? 'payload_too_large'
          : 'bad_request';
    return reply.code(error.statusCode).send(errorBody(code, error.message));
  }
  request.log.error({ err: error }, 'request failed');
  return reply
    .code(500)
    .send(
      errorBody('internal_error', 'something went wrong; the request changed nothing it could not finish'),
    );
}
