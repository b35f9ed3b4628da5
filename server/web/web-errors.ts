import type { ErrorRequestHandler } from 'express';
import { toAppError } from '../platform/http/error-handler.js';
import { renderPage } from './web-views.js';
import { faultForLog, type Logger } from '../platform/logging.js';

const HEADINGS: Record<number, string> = {
  400: 'That request could not be used',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Someone else changed this first',
  413: 'Too large',
  500: 'Something went wrong',
};

/**
 * Errors on pages become an HTML page with the same status the API would answer, and the same
 * client-safe message (never PHI). Unknown errors are logged with their stack, as in the API.
 */
export function pageErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const error = toAppError(err);
    if (error.status >= 500)
      logger.error('page failed', { method: req.method, route: req.route?.path, error: faultForLog(err) });
    // A case outside the user's scope and a missing one look the same, so ids don't leak.
    renderPage(
      res,
      'error',
      { title: HEADINGS[error.status] ?? 'Error', heading: HEADINGS[error.status] ?? 'Error', message: error.message },
      error.status,
    );
  };
}
