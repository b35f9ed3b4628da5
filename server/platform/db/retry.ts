/**
 * @deprecated Moved to versioned-write.ts with the version-checked writes they belong to; kept
 * only until cases and packets import them from there. Delete this file then.
 */
export { isDuplicateKey, isStaleVersion, retryDelayMs, retryLostRace } from './versioned-write.js';
