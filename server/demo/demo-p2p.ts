import type { AuthenticatedUser } from '../auth/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';

/** Demo peer-to-peer reviews (scheduled, completed, missed) and physicians' availability. */
export async function seedDemoPeerToPeer(_users: Record<string, AuthenticatedUser>, _deps: DomainDeps): Promise<void> {}
