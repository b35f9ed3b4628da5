import Joi from 'joi';
import type { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { attemptKey, signInAttemptStore } from './sign-in-attempts.js';
import { verifyPassword } from '../auth/index.js';
import { recordAudit } from '../audit/index.js';
import { endSession, startSession } from './web-session.service.js';
import { PRE_SESSION_COOKIE, SESSION_COOKIE, cookieOptions, safeNextPath } from './web-session.middleware.js';
import { homeFor, renderPage } from './web-views.js';
import { formBody } from './form-errors.js';
import type { DomainDeps } from '../platform/domain-deps.js';

const signInBody = Joi.object({
  _csrf: Joi.string(),
  next: Joi.string().max(500),
  email: Joi.string().trim().max(320).required(),
  password: Joi.string().max(200).required(),
});

/** Sign-in, sign-out and `/`, which sends each visitor to sign-in or to their role's home page. */
export function signInRoutes(router: Router, deps: DomainDeps): void {
  router.get('/', (_req, res) => res.redirect(303, res.locals.user ? homeFor(res.locals.user.role) : '/sign-in'));

  router.get('/sign-in', (req, res) => {
    if (res.locals.user) return res.redirect(303, homeFor(res.locals.user.role));
    renderPage(res, 'sign-in', { title: 'Sign in', next: safeNextPath(req) });
  });

  // Password guessing: ten failed sign-ins to one account from one address in fifteen minutes,
  // then a pause; counted in the database, so across every instance of the service.
  const windowMs = 15 * 60_000;
  const failedSignIns = rateLimit({
    windowMs,
    limit: 10,
    store: signInAttemptStore(deps.clock, windowMs),
    keyGenerator: (req) => attemptKey(ipKeyGenerator(req.ip ?? ''), formBody(req).email),
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) =>
      renderPage(
        res,
        'sign-in',
        {
          title: 'Sign in',
          error:
            'Too many failed sign-ins to this account from this address. Wait 15 minutes, or ask an administrator.',
          next: safeNextPath(req),
        },
        429,
      ),
  });

  router.post('/sign-in', failedSignIns, async (req, res) => {
    const { value, error } = signInBody.validate(req.body ?? {}, { abortEarly: false });
    const user = error ? null : await verifyPassword(value.email, value.password);
    if (!user) {
      // One message for an unknown email and a wrong password, so neither can be probed.
      return renderPage(
        res,
        'sign-in',
        {
          title: 'Sign in',
          error: 'The email or password is not right.',
          email: typeof req.body?.email === 'string' ? req.body.email.slice(0, 320) : '',
          next: safeNextPath(req),
        },
        401,
      );
    }
    // A new id at sign-in: a session id planted before sign-in is never promoted (fixation).
    if (res.locals.sessionId) await endSession(res.locals.sessionId);
    const sessionId = await startSession(user, deps.clock, deps.config);
    await recordAudit({ actor: user, action: 'auth.sign_in', entityType: 'user', entityId: user.id });
    res.clearCookie(PRE_SESSION_COOKIE, cookieOptions(deps));
    res.cookie(SESSION_COOKIE, sessionId, cookieOptions(deps));
    res.redirect(303, safeNextPath(req) ?? homeFor(user.role));
  });

  router.post('/sign-out', async (_req, res) => {
    if (res.locals.sessionId) await endSession(res.locals.sessionId);
    res.clearCookie(SESSION_COOKIE, cookieOptions(deps));
    res.redirect(303, '/sign-in');
  });
}
