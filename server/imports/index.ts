/**
 * Imports: a payer's remittance read into denial cases, as a job (see CONTEXT.md). Neighbours and
 * the service's start use these only.
 */
export { registerImportRoutes } from './import.routes.js';
export { startImportJobs, queueImport, IMPORT_JOB } from './import-jobs.js';
export { runImport, getImport, listImports, type ImportView } from './import.service.js';
export { IMPORT_STATUSES, type ImportStatus, type ImportCounts, type SkippedClaim } from './import.model.js';
