import type { Request, Response, NextFunction, RequestHandler } from 'express';
import type { AuthenticatedUser } from './authenticated-user.js';
import type { ServedRoute } from './api-registry.js';

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
 * with the route's success status (unless the handler already responded). Errors flow to the
 * error handler.
 */
export function handle<P = Record<string, string>, Q = Record<string, unknown>, B = unknown>(
  fn: (input: HandlerInput<P, Q, B>) => Promise<unknown> | unknown,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      // `validate` put the input here (res.locals is untyped), checked by the route's schemas,
      // which P, Q and B describe; a part without a schema is `{}` (params, query) or absent (body).
      const input: { params: P; query: Q; body: B } = res.locals.input;
      const result = await fn({
        params: input.params,
        query: input.query,
        body: input.body,
        user: res.locals.user,
        req,
        res,
      });
      if (res.headersSent) return;
      if (result === undefined) return void res.status(204).end();
      const route: ServedRoute = res.locals.route;
      route.checkResponse?.(result);
      res.status(route.status).json(result);
    } catch (err) {
      next(err);
    }
  };
}
