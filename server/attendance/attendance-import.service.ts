/**
 * Importing a scheduler's export of a patient's appointments into the case: the file read whole
 * (attendance-csv.reader.ts), its sessions checked as typed ones are, then offered to the store in
 * one unordered insert, where the unique session key refuses those already recorded. So a second
 * import of the same export records nothing new, and two at once record each session once.
 */
import { findVisibleCase } from '../cases/index.js';
import { recordAudit } from '../audit/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { errorFields } from '../platform/errors.js';
import { isDuplicateKey } from '../platform/db/versioned-write.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { SessionModel } from './attendance.model.js';
import { columnOf, readAttendanceCsv, type AttendanceRowProblem } from './attendance-csv.reader.js';
import { newSessionRecord, sessionKeyOf, sessionProblems } from './attendance.service.js';
import { tellCareTeam, type RuleAlert } from './attendance-alert.js';

/** What an import did: rows read, sessions recorded, those known before, rows passed over or refused. */
export interface AttendanceImport {
  rows: number;
  recorded: number;
  alreadyRecorded: number;
  /** Sessions cancelled in good time: not scheduled sessions, passed over. */
  cancelled: number;
  problems: AttendanceRowProblem[];
  alert?: RuleAlert;
}

/**
 * Imports the export into the case.
 * @throws AppError ATTENDANCE_CSV_INVALID (422) for a header that is not the layout: nothing is recorded
 */
export async function importAttendance(
  caseId: string,
  csv: Buffer,
  actor: AuthenticatedUser,
  deps: DomainDeps,
): Promise<AttendanceImport> {
  const read = readAttendanceCsv(csv);
  const c = await findVisibleCase(caseId, actor, 'attendance.import');
  const today = deps.clock.today();
  const now = deps.clock.now();
  const problems = [...read.problems];
  const firstRowOf = new Map<string, number>();
  const fresh: ReturnType<typeof newSessionRecord>[] = [];
  for (const { row, session } of read.rows) {
    const wrong = sessionProblems(session, today)[0];
    if (wrong) {
      problems.push({ row, column: columnOf(wrong.field.replace('body.', '')), reason: wrong.message });
      continue;
    }
    const key = sessionKeyOf(session);
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      problems.push({ row, reason: `the same session as row ${first}` });
      continue;
    }
    firstRowOf.set(key, row);
    fresh.push(newSessionRecord(c, session, actor, 'imported', now));
  }
  const inserted = await insertNew(fresh);
  await recordAudit({ actor, action: 'attendance.import', entityType: 'case', entityId: caseId, caseId, at: now });
  const result: AttendanceImport = {
    rows: read.rows.length + read.problems.length + read.cancelled,
    recorded: inserted.length,
    alreadyRecorded: fresh.length - inserted.length,
    cancelled: read.cancelled,
    problems: problems.sort((a, b) => a.row - b.row),
  };
  return inserted.length ? { ...result, ...(await tellCareTeam(c, inserted, deps)) } : result;
}

/** Inserts the sessions unordered; those the unique key refuses were recorded before. @returns the new ids */
async function insertNew(records: ReturnType<typeof newSessionRecord>[]): Promise<string[]> {
  if (!records.length) return [];
  try {
    const docs = await SessionModel.insertMany(records, { ordered: false, throwOnValidationError: true });
    return docs.map((d) => String(d._id));
  } catch (err) {
    const { writeErrors, insertedDocs } = errorFields(err);
    const refused = Array.isArray(writeErrors) ? writeErrors : [];
    if (!refused.length || !refused.every((e) => isDuplicateKey(e))) throw err;
    return (Array.isArray(insertedDocs) ? insertedDocs : []).map((d: { _id: unknown }) => String(d._id));
  }
}
