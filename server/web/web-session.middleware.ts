/**
 * Middleware that ties a browser to a user: reads the session cookie, checks CSRF tokens on
 * every state-changing request, and gates pages by role. Pages and the page script's API calls
 * share one session; an API write carrying only the cookie is refused without the CSRF header.
 */
import cookieParser from 'cookie-parser';
import type { CookieOptions, RequestHandler, Request } from 'express';
import { csrfTokenFor, csrfTokenMatches, randomId, resumeSession } from './web-session.service.js';
import { forbidden } from '../platform/errors.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { Role } from '../auth/index.js';
import { currentRequest } from '../platform/request-context.js';
import { formBody } from './form-errors.js';

export const SESSION_COOKIE = 'ovt_session';
export const PRE_SESSION_COOKIE = 'ovt_presession';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_REFUSAL = 'This form has expired or did not come from Overturn. Reload the page and try again.';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const parseCookies = cookieParser();

/** httpOnly, SameSite=Lax (links from e-mail still land signed in), secure behind TLS. */
export function cookieOptions(deps: DomainDeps): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: deps.config.trustProxy, path: '/' };
}

/** What the session middleware leaves on `res.locals` for routes and views. */
export interface WebLocals {
  sessionId?: string;
  /** The id the CSRF token is bound to: the session, or the pre-session before sign-in. */
  csrfBoundTo: string;
  csrfToken: string;
}

/**
 * For page routes: resumes the session (user on `res.locals.user`, like the API's auth), or
 * hands out a pre-session cookie, and exposes the CSRF token for the page's forms.
 */
export function attachSession(deps: DomainDeps): RequestHandler {
  return (req, res, next) =>
    parseCookies(req, res, async () => {
      try {
        const cookie = req.cookies?.[SESSION_COOKIE];
        const signedIn =
          typeof cookie === 'string' && cookie ? await resumeSession(cookie, deps.clock, deps.config) : null;
        let boundTo: string;
        if (signedIn) {
          res.locals.user = signedIn.user;
          res.locals.sessionId = signedIn.sessionId;
          boundTo = signedIn.sessionId;
          const ctx = currentRequest();
          if (ctx) ctx.userId = signedIn.user.id;
        } else {
          if (cookie) res.clearCookie(SESSION_COOKIE, cookieOptions(deps));
          boundTo =
            typeof req.cookies?.[PRE_SESSION_COOKIE] === 'string' && req.cookies[PRE_SESSION_COOKIE]
              ? req.cookies[PRE_SESSION_COOKIE]
              : randomId();
          if (boundTo !== req.cookies?.[PRE_SESSION_COOKIE])
            res.cookie(PRE_SESSION_COOKIE, boundTo, cookieOptions(deps));
        }
        res.locals.csrfBoundTo = boundTo;
        res.locals.csrfToken = csrfTokenFor(boundTo, deps.config.sessionSecret);
        next();
      } catch (err) {
        next(err);
      }
    });
}

/** Refuses a state-changing page request whose form field `_csrf` (or header) does not match. */
export function requireCsrf(deps: DomainDeps): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const token = formBody(req)._csrf ?? req.get(CSRF_HEADER);
    if (!csrfTokenMatches(res.locals.csrfBoundTo, token, deps.config.sessionSecret))
      return next(forbidden(CSRF_REFUSAL));
    next();
  };
}

/** Signed-in users of the given roles only; others are sent to sign in (GET) or refused. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const user = res.locals.user;
    if (!user) {
      if (req.method === 'GET') return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return next(forbidden('Your sign-in has expired. Sign in again.'));
    }
    if (!roles.includes(user.role))
      return next(forbidden(`This page is open to: ${roles.map((r) => r.replace('_', ' ')).join(', ')}`));
    next();
  };
}

/**
 * Runs before the API router: a request without a bearer token but with a session cookie is
 * authenticated by the session, provided a write also carries the session's CSRF token in the
 * X-CSRF-Token header. A cookie alone never authorises a write.
 */
export function webSessionForApi(deps: DomainDeps): RequestHandler {
  return (req, res, next) => {
    if (req.get('authorization')) return next();
    parseCookies(req, res, async () => {
      try {
        const cookie = req.cookies?.[SESSION_COOKIE];
        if (typeof cookie !== 'string' || !cookie) return next();
        const signedIn = await resumeSession(cookie, deps.clock, deps.config);
        if (!signedIn) return next();
        if (
          !SAFE_METHODS.has(req.method) &&
          !csrfTokenMatches(signedIn.sessionId, req.get(CSRF_HEADER), deps.config.sessionSecret)
        ) {
          return next(forbidden('A write from the web page needs its X-CSRF-Token header'));
        }
        res.locals.user = signedIn.user;
        next();
      } catch (err) {
        next(err);
      }
    });
  };
}

/** Where a safe `next` parameter may send the user after sign-in: this site's paths only. */
export function safeNextPath(req: Request): string | undefined {
  const next =
    typeof req.query.next === 'string'
      ? req.query.next
      : typeof req.body?.next === 'string'
        ? req.body.next
        : undefined;
  return next && isSitePath(next) ? next : undefined;
}

/**
 * A path on this site, also once percent-decoded: `/%2F%2Fevil.example` decodes to the
 * protocol-relative `//evil.example`, which a browser would follow off the site.
 */
function isSitePath(next: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return false;
  }
  return (
    [next, decoded].every((path) => /^\/(?![/\\])/.test(path) && !path.startsWith('/sign-')) &&
    /^\/[\w\-/?=&.%]*$/.test(next)
  );
}
