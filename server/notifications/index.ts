import type { DomainDeps } from '../platform/domain-deps.js';

/** Background jobs (reminders, escalation) kept in MongoDB; returns a function that stops them. */
export async function startBackgroundJobs(_deps: DomainDeps): Promise<() => Promise<void>> {
  return async () => {};
}
