/** A field-level problem: `path` names the parameter, field or `row.field` at fault. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * What kind of failure an error is; transports map it to a status (HTTP 400/404/409/422...).
 * - invalid: the input is malformed or breaks a rule about its own content
 * - rejected: well-formed input that the current state does not allow (over-allocation, etc.)
 */
export type ErrorKind = 'invalid' | 'rejected' | 'not_found' | 'conflict' | 'unauthorized' | 'forbidden';

/** The one error type use cases throw; `code` is stable and snake_case. */
export class RecoupError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'RecoupError';
  }
}

export function invalid(path: string, message: string, code = 'validation_failed'): RecoupError {
  return new RecoupError('invalid', code, `${path}: ${message}`, [{ path, message }]);
}

export function notFound(what: string, id: string): RecoupError {
  return new RecoupError('not_found', 'not_found', `${what} ${id} not found`);
}
