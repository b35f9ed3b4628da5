export { recordAudit, recordAudits, recordBulkRead, auditTrail, type AuditEntry } from './audit.service.js';
export { registerAuditRoutes } from './audit.routes.js';
