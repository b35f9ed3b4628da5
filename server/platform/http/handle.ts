import type { Request, Response, NextFunction, RequestHandler } from 'express';
import type { AuthenticatedUser } from './authenticated-user.js';

/** What a handler gets: the validated input and the caller, and nothing else from Express. */
export interface HandlerInput<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  params: P;
  query: Q;
  body: B;
  user: AuthenticatedUser;
  req: Request;
  res: Response;
}

/**
 * Wraps a handler so that it receives validated input and its returned value is sent as JSON
 * (201 for POST unless the handler already responded). Errors flow to the error handler.
 */
export function handle<P = Record<string, string>, Q = Record<string, unknown>, B = unknown>(
  fn: (input: HandlerInput<P, Q, B>) => Promise<unknown> | unknown,
  options: { status?: number } = {},
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const input = (res.locals.input ?? {}) as { params?: P; query?: Q; body?: B };
      const result = await fn({
        params: input.params ?? ({} as P),
        query: input.query ?? ({} as Q),
        body: input.body as B,
        user: res.locals.user,
        req,
        res,
      });
      if (res.headersSent) return;
      if (result === undefined) return void res.status(204).end();
      res.status(options.status ?? (req.method === 'POST' ? 201 : 200)).json(result);
    } catch (err) {
      next(err);
    }
  };
}
