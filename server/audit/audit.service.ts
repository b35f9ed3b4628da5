import { AuditEventModel, type AuditOutcome } from './audit.model.js';
import { currentRequest } from '../platform/request-context.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

export interface AuditEntry {
  actor: AuthenticatedUser;
  action: string;
  entityType: string;
  entityId?: string;
  caseId?: string;
  fields?: string[];
  outcome?: AuditOutcome;
  at?: Date;
}

/** Records one access to PHI. Request id and address come from the request context. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  const ctx = currentRequest();
  await AuditEventModel.create({
    at: entry.at ?? new Date(),
    actorId: entry.actor.id,
    actorRole: entry.actor.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    caseId: entry.caseId,
    fields: entry.fields,
    outcome: entry.outcome ?? 'success',
    ip: ctx?.ip,
    requestId: ctx?.requestId,
  });
}

/** Records a read of several cases at once (a list or an export) as one entry per case. */
export async function recordBulkRead(actor: AuthenticatedUser, action: string, caseIds: string[]): Promise<void> {
  if (!caseIds.length) return;
  const ctx = currentRequest();
  const at = new Date();
  await AuditEventModel.insertMany(
    caseIds.map((caseId) => ({
      at,
      actorId: actor.id,
      actorRole: actor.role,
      action,
      entityType: 'case',
      entityId: caseId,
      caseId,
      ip: ctx?.ip,
      requestId: ctx?.requestId,
      outcome: 'success',
    })),
  );
}

/** The audit trail, newest first: every read and change of a case's data, by whom, when, with what outcome. */
export async function auditTrail(filter: { caseId?: string; actorId?: string }, limit = 200) {
  const query: Record<string, string> = {};
  if (filter.caseId) query.caseId = filter.caseId;
  if (filter.actorId) query.actorId = filter.actorId;
  return AuditEventModel.find(query).sort({ at: -1 }).limit(limit).lean();
}
