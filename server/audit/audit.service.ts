import { AuditEventModel, type AuditOutcome } from './audit.model.js';
import { beforeResponseEnds, currentRequest, type ResponseOutcome } from '../platform/request-context.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

export interface AuditEntry {
  actor: AuthenticatedUser;
  action: string;
  entityType: string;
  entityId?: string;
  caseId?: string;
  fields?: string[];
  at?: Date;
}

type AuditRow = Record<string, unknown>;

const rowOf = (entry: AuditEntry): AuditRow => ({
  at: entry.at ?? new Date(),
  actorId: entry.actor.id,
  actorRole: entry.actor.role,
  action: entry.action,
  entityType: entry.entityType,
  entityId: entry.entityId,
  caseId: entry.caseId,
  fields: entry.fields,
});

/**
 * Records one access to PHI. Request id and address come from the request context. Inside a
 * request the entry is written when the response ends, with how it ended (see CONTEXT.md);
 * outside one (a CLI, a job) at once, as a success.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  await record([rowOf(entry)]);
}

/**
 * Records several accesses at once, each its own entry as `recordAudit` would make it, in one
 * insert: an import opening 200 cases writes 200 entries in one round trip, not 200.
 */
export async function recordAudits(entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length) await record(entries.map(rowOf));
}

/** Records a read of several cases at once (a list or an export) as one entry naming them all. */
export async function recordBulkRead(actor: AuthenticatedUser, action: string, caseIds: string[]): Promise<void> {
  if (!caseIds.length) return;
  await record([{ at: new Date(), actorId: actor.id, actorRole: actor.role, action, entityType: 'case', caseIds }]);
}

async function record(rows: AuditRow[]): Promise<void> {
  const ctx = currentRequest();
  const placed = rows.map((row) => ({ ...row, ip: ctx?.ip, requestId: ctx?.requestId }));
  const write = (outcome: ReturnType<typeof outcomeOf>) =>
    AuditEventModel.insertMany(placed.map((row) => ({ ...row, ...outcome })));
  const deferred = beforeResponseEnds(async (response) => {
    await write(outcomeOf(response));
  });
  if (!deferred) await write({ outcome: 'success' });
}

function outcomeOf({ status, problemCode, finished }: ResponseOutcome): {
  outcome: AuditOutcome;
  problemCode?: string;
} {
  if (finished && status < 400) return { outcome: 'success' };
  return { outcome: !finished || status >= 500 ? 'error' : 'refused', problemCode };
}

/** The audit trail, newest first: every read and change of a case's data, by whom, when, with what outcome. */
export async function auditTrail(filter: { caseId?: string; actorId?: string }, limit = 200) {
  const query: Record<string, unknown> = {};
  // A list read names the case among its `caseIds`; any other entry in `caseId`.
  if (filter.caseId) query.$or = [{ caseId: filter.caseId }, { caseIds: filter.caseId }];
  if (filter.actorId) query.actorId = filter.actorId;
  return AuditEventModel.find(query).sort({ at: -1 }).limit(limit).lean();
}
