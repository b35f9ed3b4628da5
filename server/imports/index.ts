/**
 * Imports: a payer's remittance read into denial cases, as a job (see CONTEXT.md). Neighbours and
 * the service's start use these only.
 */
export { registerImportRoutes } from './import.routes.js';
export { startImportJobs, queueImport, closeImportJobs, IMPORT_JOB } from './import-jobs.js';
export {
  receiveImportFrom,
  runImport,
  dryRunImport,
  getImport,
  listImports,
  type ImportView,
  type DryRunReport,
} from './import.service.js';
export { removeStaleImportTemps } from './import-file-store.js';
export { MAX_REMITTANCE_BYTES } from './import-upload.js';
export type { ClaimOutcome, LoopProgress } from './import-claim-loop.js';
export { IMPORT_STATUSES, type ImportStatus, type ImportCounts, type SkippedClaim } from './import.model.js';
