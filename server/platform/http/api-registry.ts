import express, { type RequestHandler, type Router } from 'express';
import type Joi from 'joi';
import { validate, type RequestSchemas } from './validate.js';
import { AppError, unsupportedMedia } from '../errors.js';
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
  /**
   * The status of a success: 201 for a POST that creates, 200 otherwise (a search, a computation, a
   * change); 204 for a route that answers nothing.
   */
  status?: 200 | 201 | 202 | 204;
  /** What a JSON success answers; documented in the OpenAPI document and checked in tests. */
  response?: Joi.Schema;
  handler: RequestHandler;
}

/** What `handle` reads of the route it serves (`res.locals.route`). */
export interface ServedRoute {
  status: number;
  /** Throws when an answer breaks the documented response schema (set in tests only). */
  checkResponse?: (body: unknown) => void;
}

/**
 * The route table of the API. Domains add their routes here; the table builds the Express
 * router and the OpenAPI document, so the two cannot drift apart.
 */
export class ApiRegistry {
  readonly routes: RouteSpec[] = [];
  /** The router last built, which is what Express serves under /api/v1. */
  served?: Router;

  /**
   * @param options.checkResponses - check every JSON answer against its route's response schema and
   *   fail the request when it breaks it (tests: so the whole suite keeps the document honest)
   */
  constructor(
    private readonly authorize: (roles: readonly Role[]) => RequestHandler,
    private readonly options: { checkResponses?: boolean } = {},
  ) {}

  add(spec: RouteSpec): void {
    this.routes.push(spec);
  }

  /**
   * Answers a method a path does not take (405, with `Allow`) before anything else looks at the
   * request: neither a sign-in nor a cross-site check is needed to learn what an address takes.
   */
  methodGuard(): RequestHandler {
    return allowedMethods([...this.routes].sort((a, b) => specificity(b.path) - specificity(a.path)));
  }

  router(): Router {
    const router = express.Router();
    // Literal segments before parameters, so `/cases/export.csv` is not taken for `/cases/:caseId`.
    const ordered = [...this.routes].sort((a, b) => specificity(b.path) - specificity(a.path));
    for (const spec of ordered) {
      const served: ServedRoute = {
        status: spec.status ?? (spec.method === 'post' ? 201 : 200),
        checkResponse: this.options.checkResponses && spec.response ? responseCheck(spec, spec.response) : undefined,
      };
      router[spec.method](
        spec.path,
        (_req, res, next) => {
          res.locals.route = served;
          next();
        },
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

/**
 * Answers a method the path does not take with 405 and the methods it does take in `Allow` (and
 * OPTIONS with 204 and the same header), judged by the most specific route the path matches: on
 * `/cases/1/documents/search` only POST, though `/cases/:caseId/documents/:documentId` would match.
 */
function allowedMethods(ordered: RouteSpec[]): RequestHandler {
  const byPattern = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const spec of ordered) {
    const entry = byPattern.get(spec.path) ?? {
      pattern: new RegExp(`^${spec.path.replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+')}/?$`),
      methods: new Set<string>(),
    };
    entry.methods.add(spec.method.toUpperCase());
    if (spec.method === 'get') entry.methods.add('HEAD');
    byPattern.set(spec.path, entry);
  }
  const patterns = [...byPattern.values()];
  return (req, res, next) => {
    const route = patterns.find((p) => p.pattern.test(req.path));
    if (!route || route.methods.has(req.method)) return next();
    const allow = [...route.methods, 'OPTIONS'].join(', ');
    res.set('Allow', allow);
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next(new AppError(405, 'METHOD_NOT_ALLOWED', `This address takes ${allow}`));
  };
}

/** A check of a route's answers against its response schema, naming the route and the fields (never values). */
function responseCheck(spec: RouteSpec, schema: Joi.Schema): (body: unknown) => void {
  return (body) => {
    const { error } = schema.validate(JSON.parse(JSON.stringify(body)), { abortEarly: false, allowUnknown: false });
    if (error)
      throw new Error(
        `${spec.method.toUpperCase()} ${spec.path} answered outside its response schema: ` +
          error.details.map((d) => `${d.path.join('.')} (${d.type})`).join(', '),
      );
  };
}

function specificity(path: string): number {
  return path.split('/').reduce((score, seg) => score * 2 + (seg.startsWith(':') ? 0 : 1), 1);
}
