import mongoose, { Schema, type Types } from 'mongoose';
import {
  ALTERNATIVES,
  BARRIERS,
  SESSION_OUTCOMES,
  SESSION_SOURCES,
  type AttendanceSession,
  type SessionInput,
} from './attendance.types.js';

/**
 * One scheduled session of a case's treatment and how it went (`attendance_sessions`). Its own
 * collection, not embedded in the case: recording attendance never conflicts with edits to the
 * case, and an import is one unordered insert. A correction is one version-checked write.
 */
export interface SessionRecord
  extends
    Omit<SessionInput, 'alternativesOffered' | 'alternativesAccepted'>,
    Pick<
      AttendanceSession,
      | 'caseReference'
      | 'alternativesOffered'
      | 'alternativesAccepted'
      | 'source'
      | 'recordedById'
      | 'recordedByName'
      | 'recordedAt'
      | 'correctedById'
      | 'correctedByName'
      | 'correctedAt'
    > {
  _id: Types.ObjectId;
  __v: number;
  caseId: Types.ObjectId;
  /** The patient across their cases: a SHA-256 of the case's patient identifiers (patient-key.ts), never shown. */
  patientKey: string;
  /** One session of a case is recorded once: the scheduler's appointment id, else its date and time. */
  sessionKey: string;
}

const sessionSchema = new Schema<SessionRecord>({
  caseId: { type: Schema.Types.ObjectId, required: true },
  caseReference: { type: String, required: true },
  patientKey: { type: String, required: true },
  sessionKey: { type: String, required: true },
  date: { type: String, required: true },
  time: String,
  outcome: { type: String, required: true, enum: SESSION_OUTCOMES },
  reason: { type: String, maxlength: 2000 },
  barrier: { type: String, enum: BARRIERS },
  alternativesOffered: { type: [{ type: String, enum: ALTERNATIVES }], default: [] },
  alternativesAccepted: { type: [{ type: String, enum: ALTERNATIVES }], default: [] },
  patientChoice: { type: String, maxlength: 1000 },
  appointmentId: String,
  source: { type: String, required: true, enum: SESSION_SOURCES },
  recordedById: { type: String, required: true },
  recordedByName: { type: String, required: true },
  recordedAt: { type: Date, required: true },
  correctedById: String,
  correctedByName: String,
  correctedAt: Date,
});
// A session is recorded once per case: the index settles two imports (or a typed entry and an import) at once.
sessionSchema.index({ caseId: 1, sessionKey: 1 }, { unique: true });
// The case's record, and the patient's across their cases, in the order they are read (date, time,
// `_id`): the index gives the order, with no sort in memory (test/attendance/attendance-query-plans).
sessionSchema.index({ caseId: 1, date: 1, time: 1, _id: 1 });
sessionSchema.index({ patientKey: 1, date: 1, time: 1, _id: 1 });

export const SessionModel = mongoose.model('AttendanceSession', sessionSchema, 'attendance_sessions');
