/**
 * The one error type of the service. Every failure a client may see is an AppError with a
 * stable code, an HTTP status and a message that is safe to show (never PHI); the error
 * handler maps it to application/problem+json in one place.
 */
import { isObject } from './guards.js';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `body.patient.dateOfBirth`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (message: string, fields: FieldProblem[] = []) =>
  new AppError(400, 'VALIDATION_FAILED', message, fields);
export const unauthenticated = (message = 'A valid bearer token is required') =>
  new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'Your role may not do this') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string, code = 'NOT_FOUND') => new AppError(404, code, `${what} not found`);
export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError(409, code, message, [], extra);
export const tooLarge = (message: string) => new AppError(413, 'PAYLOAD_TOO_LARGE', message);
export const unsupportedMedia = (message: string) => new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', message);
export const unprocessable = (
  code: string,
  message: string,
  fields: FieldProblem[] = [],
  extra: Record<string, unknown> = {},
) => new AppError(422, code, message, fields, extra);

/**
 * What was thrown, as an object whose fields (`code`, `name`, `syscall`…) can be read: libraries
 * throw Errors with extra fields and plain objects alike. Anything else has no fields.
 */
export function errorFields(err: unknown): Record<string, unknown> {
  return isObject(err) ? err : {};
}
