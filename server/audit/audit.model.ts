import mongoose, { Schema } from 'mongoose';

/** What the response was: answered, refused (4xx, with its problem code), or failed (5xx, or never finished). */
export const AUDIT_OUTCOMES = ['success', 'refused', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * The audit trail: who read or changed which record holding PHI, when, from where, and how it
 * ended. Its own collection, append-only: nothing in the service updates or deletes an entry.
 */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorRole: { type: String, required: true },
    /** e.g. `case.read`, `case.update`, `document.download`. */
    action: { type: String, required: true },
    entityType: { type: String, required: true },
    entityId: { type: String },
    caseId: { type: String },
    /** The cases a list or an export showed, in one entry. */
    caseIds: { type: [String], default: undefined },
    ip: { type: String },
    requestId: { type: String },
    outcome: { type: String, enum: AUDIT_OUTCOMES, required: true },
    /** The problem's code when refused or failed, e.g. `P2P_WINDOW_CLOSED`. */
    problemCode: { type: String },
    /** Which fields changed; never their values, which may be PHI. */
    fields: [{ type: String }],
  },
  { versionKey: false },
);
auditSchema.index({ caseId: 1, at: -1 });
auditSchema.index({ caseIds: 1, at: -1 });
auditSchema.index({ actorId: 1, at: -1 });

export const AuditEventModel = mongoose.model('AuditEvent', auditSchema);
