import type { ApiRegistry } from '../platform/http/api-registry.js';
import type { DomainDeps } from '../platform/domain-deps.js';

/** Registers this domain's API routes. */
export function registerEvidenceRoutes(_api: ApiRegistry, _deps: DomainDeps): void {}
