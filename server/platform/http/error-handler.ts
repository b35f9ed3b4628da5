import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { AppError, errorFields, invalid, notFound, tooLarge, conflict } from '../errors.js';
import { currentRequest, noteProblem } from '../request-context.js';
import { faultForLog, type Logger } from '../logging.js';
import { isDuplicateKey } from '../db/versioned-write.js';

/**
 * Maps every error to an AppError, in one table, before anything is sent. Unknown errors
 * become a generic 500 whose stack is logged with the request id; the client sees no internals.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = errorFields(err);
  // body-parser
  if (e.type === 'entity.too.large') return tooLarge('The request body is larger than the service accepts');
  if (e.type === 'entity.parse.failed') return invalid('The request body is not valid JSON');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding');
  // multer
  if (e.name === 'MulterError') {
    if (
      e.code === 'LIMIT_FILE_SIZE' ||
      e.code === 'LIMIT_FIELD_VALUE' ||
      e.code === 'LIMIT_FILE_COUNT' ||
      e.code === 'LIMIT_PART_COUNT'
    )
      return tooLarge('The upload exceeds the size or count limit');
    return invalid(
      `Upload refused: ${e.code ?? 'bad multipart request'}`,
      e.field ? [{ field: String(e.field), message: String(e.code) }] : [],
    );
  }
  // mongoose
  if (err instanceof mongoose.Error.ValidationError) {
    return invalid(
      'The record is invalid',
      Object.values(err.errors).map((v) => ({ field: v.path, message: v.kind })),
    );
  }
  if (err instanceof mongoose.Error.CastError)
    return invalid(`'${err.path}' has the wrong type`, [{ field: err.path, message: `expected ${err.kind}` }]);
  if (err instanceof mongoose.Error.VersionError)
    return conflict('STALE_VERSION', 'The record was changed by someone else; reload and try again');
  if (err instanceof mongoose.Error.DocumentNotFoundError) return notFound('Record');
  if (isDuplicateKey(err)) return conflict('DUPLICATE', 'A record with the same unique value already exists');
  if (databaseUnreachable(err))
    return new AppError(503, 'DATABASE_UNAVAILABLE', 'The database cannot be reached right now; try again shortly');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return new AppError(e.status, 'BAD_REQUEST', 'The request could not be processed');
  return new AppError(500, 'INTERNAL', 'Something went wrong on our side; the request id identifies it in the logs');
}

/**
 * The database did not answer: no server could be selected within the bounded wait (connect.ts),
 * the connection broke, or the client was closed (a shutdown under way). The client may retry.
 */
function databaseUnreachable(err: unknown): boolean {
  const { mongo } = mongoose;
  return (
    err instanceof mongo.MongoNetworkError ||
    err instanceof mongo.MongoServerSelectionError ||
    err instanceof mongo.MongoTopologyClosedError ||
    err instanceof mongo.MongoNotConnectedError ||
    err instanceof mongoose.Error.MongooseServerSelectionError
  );
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** RFC 9457 problem details. */
export function problemBody(error: AppError, instance: string) {
  return {
    type: `https://overturn.dev/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    detail: error.message,
    instance,
    requestId: currentRequest()?.requestId,
    ...(error.fields.length ? { errors: error.fields } : {}),
    ...error.extra,
  };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const error = toAppError(err);
    noteProblem(error.code);
    if (error.status >= 500)
      logger.error('request failed', { method: req.method, route: req.route?.path, error: faultForLog(err) });
    // The instance is the route pattern, not the URL: URLs can carry identifiers a client chose.
    res
      .status(error.status)
      .type('application/problem+json')
      .json(problemBody(error, req.route?.path ?? req.baseUrl ?? ''));
  };
}

export const routeNotFound: RequestHandler = (_req, _res, next) => next(notFound('Route', 'ROUTE_NOT_FOUND'));
