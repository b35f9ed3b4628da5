import type { ApiRegistry, HttpMethod } from '../platform/http/api-registry.js';
import type { Role } from '../auth/index.js';

/**
 * Whether a role may call an API route, read from the route table itself, so a page offers a
 * form exactly when the API would accept it (and follows any change of the API's roles).
 */
export function mayCall(api: ApiRegistry, role: Role, method: HttpMethod, path: string): boolean {
  return api.routes.some((r) => r.method === method && r.path === path && r.roles.includes(role));
}
