import type { RequestHandler } from 'express';
import type { ApiRegistry, HttpMethod } from '../platform/http/api-registry.js';
import { ROLES, type Role } from '../auth/index.js';
import { requireRole } from './web-session.middleware.js';

/**
 * Whether a role may call an API route, read from the route table itself, so a page offers a
 * form exactly when the API would accept it (and follows any change of the API's roles).
 */
export function mayCall(api: ApiRegistry, role: Role, method: HttpMethod, path: string): boolean {
  return api.routes.some((r) => r.method === method && r.path === path && r.roles.includes(role));
}

/** A page form that does what an API route does is open to exactly the roles of that route. */
export function requireApiRoles(api: ApiRegistry, method: HttpMethod, path: string): RequestHandler {
  // Read at request time: the route table is complete only once every domain has registered.
  return (req, res, next) => requireRole(...ROLES.filter((role) => mayCall(api, role, method, path)))(req, res, next);
}
