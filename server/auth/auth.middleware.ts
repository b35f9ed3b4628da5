import type { RequestHandler } from 'express';
import { findUserByToken } from './user.service.js';
import { forbidden, unauthenticated } from '../platform/errors.js';
import { currentRequest } from '../platform/request-context.js';
import type { Role } from '../platform/http/authenticated-user.js';

/**
 * Authenticates the bearer token (or a user already set by the web session) and checks the
 * route's roles. Every API route goes through this; only /health and /ready do not.
 */
export function authorize(roles: readonly Role[]): RequestHandler {
  return async (req, res, next) => {
    try {
      if (!res.locals.user) {
        const header = req.get('authorization') ?? '';
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        const user = match ? await findUserByToken(match[1]) : null;
        if (!user) throw unauthenticated();
        res.locals.user = user;
      }
      const ctx = currentRequest();
      if (ctx) ctx.userId = res.locals.user.id;
      if (!roles.includes(res.locals.user.role)) throw forbidden(`This action is open to: ${roles.join(', ')}`);
      next();
    } catch (err) {
      next(err);
    }
  };
}
