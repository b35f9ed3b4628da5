import express, { type RequestHandler, type Router } from 'express';
import { validate, type RequestSchemas } from './validate.js';
import { unsupportedMedia } from '../errors.js';
import type { Role } from './authenticated-user.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One API route as declared by its domain: who may call it, what it takes, who answers. */
export interface RouteSpec {
  method: HttpMethod;
  /** Express path below /api/v1, e.g. `/cases/:caseId/transitions`. */
  path: string;
  /** Roles allowed; every other authenticated role gets 403. */
  roles: readonly Role[];
  summary: string;
  tag: string;
  schemas?: RequestSchemas;
  /** Middleware that must run before validation (e.g. multipart parsing). */
  before?: RequestHandler[];
  /** Response media type when it is not JSON (PDF, CSV, iCalendar, HTML). */
  produces?: string;
  handler: RequestHandler;
}

/**
 * The route table of the API. Domains add their routes here; the table builds the Express
 * router and the OpenAPI document, so the two cannot drift apart.
 */
export class ApiRegistry {
  readonly routes: RouteSpec[] = [];
  /** The router last built, which is what Express serves under /api/v1. */
  served?: Router;

  constructor(private readonly authorize: (roles: readonly Role[]) => RequestHandler) {}

  add(spec: RouteSpec): void {
    this.routes.push(spec);
  }

  router(): Router {
    const router = express.Router();
    // Literal segments before parameters, so `/cases/export.csv` is not taken for `/cases/:caseId`.
    const ordered = [...this.routes].sort((a, b) => specificity(b.path) - specificity(a.path));
    for (const spec of ordered) {
      router[spec.method](
        spec.path,
        this.authorize(spec.roles),
        requireMediaType(spec),
        ...(spec.before ?? []),
        validate(spec.schemas ?? {}),
        spec.handler,
      );
    }
    this.served = router;
    return router;
  }
}

/** The media type of a route's request body: multipart when a parser runs before validation (an upload). */
export function requestMediaType(spec: RouteSpec): string {
  return spec.before ? 'multipart/form-data' : 'application/json';
}

/**
 * Refuses a body of another type (415) instead of reading it as empty: a text/plain or form body
 * sent to a JSON route would otherwise run the route with its defaults, as if nothing was asked.
 */
function requireMediaType(spec: RouteSpec): RequestHandler {
  const type = requestMediaType(spec);
  return (req, _res, next) => {
    // `req.is` is null when there is no body at all, false when there is one of another type.
    if (req.is(type) === false) next(unsupportedMedia(`This request's body must be ${type}`));
    else next();
  };
}

function specificity(path: string): number {
  return path.split('/').reduce((score, seg) => score * 2 + (seg.startsWith(':') ? 0 : 1), 1);
}
