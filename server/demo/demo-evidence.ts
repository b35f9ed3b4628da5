import type { AuthenticatedUser } from '../auth/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';

/** Demo clinical notes, guideline references, criteria and packets for the seeded cases. */
export async function seedDemoEvidence(_users: Record<string, AuthenticatedUser>, _deps: DomainDeps): Promise<void> {}
