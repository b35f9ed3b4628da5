/**
 * Recording, reading and correcting a case's sessions. Each session is one document; a correction
 * is one version-checked write of it. A write that completes the attendance rule tells the care
 * team at once (attendance-alert.ts).
 */
import { Types } from 'mongoose';
import { findVisibleCase, findVisibleCaseRef, visibleCaseIds, type CaseRecord } from '../cases/index.js';
import { recordAudit, recordBulkRead } from '../audit/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { conflict, notFound, unprocessable, type FieldProblem } from '../platform/errors.js';
import { isDuplicateKey, versionedWrites } from '../platform/db/versioned-write.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { SessionModel, type SessionRecord } from './attendance.model.js';
import type { SessionChanges } from './attendance.schemas.js';
import type { AttendanceSession, SessionInput } from './attendance.types.js';
import {
  byBarrier,
  isMissed,
  totalsOf,
  weeklyTrend,
  type AttendanceTotals,
  type BarrierCount,
  type WeekTrend,
} from './attendance-trends.js';
import { patientKeyOf } from './patient-key.js';
import { tellCareTeam, type RuleAlert } from './attendance-alert.js';

const sessionWrites = versionedWrites(SessionModel, { entity: 'attendance', label: 'session', versionField: '__v' });

/** A stored session as the API shows it. */
export function toSession(r: SessionRecord): AttendanceSession {
  return {
    id: String(r._id),
    caseId: String(r.caseId),
    caseReference: r.caseReference,
    date: r.date,
    ...(r.time ? { time: r.time } : {}),
    outcome: r.outcome,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.barrier ? { barrier: r.barrier } : {}),
    alternativesOffered: r.alternativesOffered,
    alternativesAccepted: r.alternativesAccepted,
    ...(r.patientChoice ? { patientChoice: r.patientChoice } : {}),
    ...(r.appointmentId ? { appointmentId: r.appointmentId } : {}),
    source: r.source,
    recordedById: r.recordedById,
    recordedByName: r.recordedByName,
    recordedAt: r.recordedAt,
    ...(r.correctedAt
      ? { correctedById: r.correctedById, correctedByName: r.correctedByName, correctedAt: r.correctedAt }
      : {}),
    version: r.__v,
  };
}

/** One session per case: the scheduler's appointment id when there is one, else its day and time. */
export function sessionKeyOf(s: Pick<SessionInput, 'date' | 'time' | 'appointmentId'>): string {
  return s.appointmentId ? `appointment:${s.appointmentId.toUpperCase()}` : `at:${s.date}T${s.time ?? ''}`;
}

/**
 * What is wrong with a session as a whole (the schema checks each field): one held in full has no
 * story, the patient takes up only what was offered, and no session is recorded before its day.
 */
export function sessionProblems(s: SessionInput, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (s.date > today) problems.push({ field: 'body.date', message: 'a session is recorded on or after its day' });
  if (!isMissed(s.outcome))
    for (const field of ['reason', 'barrier', 'patientChoice'] as const)
      if (s[field]) problems.push({ field: `body.${field}`, message: 'recorded only for a session not fully held' });
  if (!isMissed(s.outcome) && s.alternativesOffered?.length)
    problems.push({ field: 'body.alternativesOffered', message: 'recorded only for a session not fully held' });
  const offered = new Set(s.alternativesOffered ?? []);
  if ((s.alternativesAccepted ?? []).some((a) => !offered.has(a)))
    problems.push({ field: 'body.alternativesAccepted', message: 'the patient can take up only what was offered' });
  return problems;
}

const refuseIf = (problems: FieldProblem[]) => {
  if (problems.length) throw unprocessable('SESSION_INVALID', 'The session cannot be recorded as it is', problems);
};

const alreadyRecorded = () =>
  conflict(
    'SESSION_ALREADY_RECORDED',
    'This session (the same appointment, or the same day and time) is already recorded on the case; correct it instead',
  );

/** The stored fields of a session of this case, recorded by `actor` now. */
export function newSessionRecord(
  c: Pick<CaseRecord, '_id' | 'reference' | 'patient' | 'payer'>,
  input: SessionInput,
  actor: AuthenticatedUser,
  source: SessionRecord['source'],
  at: Date,
): Omit<SessionRecord, '_id' | '__v'> {
  return {
    ...input,
    alternativesOffered: input.alternativesOffered ?? [],
    alternativesAccepted: input.alternativesAccepted ?? [],
    caseId: c._id,
    caseReference: c.reference,
    patientKey: patientKeyOf(c),
    sessionKey: sessionKeyOf(input),
    source,
    recordedById: actor.id,
    recordedByName: actor.name,
    recordedAt: at,
  };
}

/** A session recorded, and whether it completed the attendance rule (then the care team was told). */
export interface RecordedSession {
  session: AttendanceSession;
  alert?: RuleAlert;
}

/** Records one session of the case, typed in. 409 when that session is already recorded. */
export async function recordSession(
  caseId: string,
  input: SessionInput,
  actor: AuthenticatedUser,
  deps: DomainDeps,
): Promise<RecordedSession> {
  refuseIf(sessionProblems(input, deps.clock.today()));
  const c = await findVisibleCase(caseId, actor, 'attendance.record');
  const now = deps.clock.now();
  let record: SessionRecord;
  try {
    record = (await SessionModel.create(newSessionRecord(c, input, actor, 'entered', now))).toObject();
  } catch (err) {
    if (isDuplicateKey(err)) throw alreadyRecorded();
    throw err;
  }
  const session = toSession(record);
  await recordAudit({
    actor,
    action: 'attendance.record',
    entityType: 'attendance_session',
    entityId: session.id,
    caseId,
    at: now,
  });
  return { session, ...(await tellCareTeam(c, [session.id], deps)) };
}

/** The case's record, and its figures: totals, week by week, by barrier. */
export interface CaseAttendance {
  caseId: string;
  across: 'case' | 'patient';
  sessions: AttendanceSession[];
  totals: AttendanceTotals;
  weeks: WeekTrend[];
  barriers: BarrierCount[];
  rule: { count: number; days: number };
}

/** The sessions of a case in date order, for a neighbour that has checked the user may see the case. */
export async function sessionsOfCase(caseId: string): Promise<AttendanceSession[]> {
  // Index caseId_1_date_1_time_1__id_1.
  const records = await SessionModel.find({ caseId }).sort({ date: 1, time: 1, _id: 1 }).lean<SessionRecord[]>();
  return records.map(toSession);
}

/**
 * The sessions of the case (or, `across: 'patient'`, of every case of its patient the user may
 * see), oldest first, with the figures; audited as a read of each case shown.
 */
export async function caseAttendance(
  caseId: string,
  across: 'case' | 'patient',
  actor: AuthenticatedUser,
  deps: Pick<DomainDeps, 'config'>,
): Promise<CaseAttendance> {
  let sessions: AttendanceSession[];
  if (across === 'case') {
    await findVisibleCaseRef(caseId, actor);
    sessions = await sessionsOfCase(caseId);
    await recordAudit({ actor, action: 'attendance.list', entityType: 'case', entityId: caseId, caseId });
  } else {
    const c = await findVisibleCase(caseId, actor, 'attendance.list');
    // Index patientKey_1_date_1_time_1__id_1; the other cases shown only where the user may see them.
    const records = await SessionModel.find({ patientKey: patientKeyOf(c) })
      .sort({ date: 1, time: 1, _id: 1 })
      .lean<SessionRecord[]>();
    const visible = await visibleCaseIds(actor);
    sessions = records.filter((r) => visible === 'all' || visible.includes(String(r.caseId))).map(toSession);
    await recordBulkRead(actor, 'attendance.list', [...new Set(sessions.map((s) => s.caseId))]);
  }
  const { alertCount: count, alertDays: days } = deps.config.attendance;
  return {
    caseId,
    across,
    sessions,
    totals: totalsOf(sessions),
    weeks: weeklyTrend(sessions),
    barriers: byBarrier(sessions),
    rule: { count, days },
  };
}

/** Corrects a session (version-checked); the whole is checked again, and the rule looked at again. */
export async function correctSession(
  caseId: string,
  sessionId: string,
  { version, ...changes }: SessionChanges,
  actor: AuthenticatedUser,
  deps: DomainDeps,
): Promise<RecordedSession> {
  const c = await findVisibleCase(caseId, actor, 'attendance.correct');
  const current = await SessionModel.findOne({ _id: sessionId, caseId }).lean<SessionRecord>();
  if (!current) throw notFound('Session', 'SESSION_NOT_FOUND');
  sessionWrites.expect(current.__v, version);
  const merged = { ...current, ...changes };
  const cleared = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] === null);
  for (const k of cleared) delete merged[k as keyof typeof merged];
  const input = merged as SessionInput;
  refuseIf(sessionProblems(input, deps.clock.today()));
  const now = deps.clock.now();
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null));
  let record: SessionRecord;
  try {
    record = await sessionWrites.update<SessionRecord>(
      { id: sessionId, version, filter: { _id: sessionId, caseId } },
      {
        $set: {
          ...set,
          sessionKey: sessionKeyOf(input),
          correctedById: actor.id,
          correctedByName: actor.name,
          correctedAt: now,
        },
        ...(cleared.length ? { $unset: Object.fromEntries(cleared.map((k) => [k, 1])) } : {}),
      },
      { runValidators: true },
    );
  } catch (err) {
    if (isDuplicateKey(err)) throw alreadyRecorded();
    throw err;
  }
  await recordAudit({
    actor,
    action: 'attendance.correct',
    entityType: 'attendance_session',
    entityId: sessionId,
    caseId,
    fields: Object.keys(changes),
    at: now,
  });
  return { session: toSession(record), ...(await tellCareTeam(c, [sessionId], deps)) };
}

/**
 * Sessions not fully held across the cases the user may see, by barrier, and the totals (no patient
 * data): one aggregation counting sessions by outcome and barrier, so the answer is a few dozen
 * counts however many sessions are stored, where every session used to be sent to be counted here.
 */
export async function attendanceFigures(
  actor: AuthenticatedUser,
): Promise<{ totals: AttendanceTotals; barriers: BarrierCount[] }> {
  const visible = await visibleCaseIds(actor);
  const groups = await SessionModel.aggregate<{
    _id: { outcome: SessionRecord['outcome']; barrier?: SessionRecord['barrier'] | null };
    sessions: number;
  }>([
    ...(visible === 'all' ? [] : [{ $match: { caseId: { $in: visible.map((id) => new Types.ObjectId(id)) } } }]),
    { $group: { _id: { outcome: '$outcome', barrier: '$barrier' }, sessions: { $sum: 1 } } },
  ]);
  // A session without a barrier groups under a missing (or, on some servers, null) one.
  const counted = groups.map(({ _id: { outcome, barrier }, sessions }) => ({
    outcome,
    ...(barrier ? { barrier } : {}),
    sessions,
  }));
  return { totals: totalsOf(counted), barriers: byBarrier(counted) };
}
