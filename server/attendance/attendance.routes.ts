import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { receiveOneFile, receivedFile } from '../platform/http/memory-upload.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import {
  caseParams,
  correctSessionBody,
  listAttendanceQuery,
  sessionBody,
  sessionParams,
  type SessionChanges,
} from './attendance.schemas.js';
import * as r from './attendance.responses.js';
import { caseAttendance, correctSession, recordSession } from './attendance.service.js';
import { importAttendance } from './attendance-import.service.js';
import { attendanceCsvTemplate } from './attendance-csv.reader.js';
import type { SessionInput } from './attendance.types.js';

/** Recording what happened at a session and why is clinical work; billing reads it for the appeal. */
const clinical = ['clinician', 'medical_director', 'admin'] as const;
const readers = ['clinician', 'billing', 'medical_director', 'admin'] as const;

type CaseParams = { caseId: string };
type SessionParams = CaseParams & { sessionId: string };

// A patient's appointments over a course of therapy are a few hundred rows: 1 MB is plenty.
const receiveExport = receiveOneFile({ maxBytes: 1024 * 1024, fields: 0 });

/** The routes of a case's attendance record; every read and write is audited (PHI: the patient's words). */
export function registerAttendanceRoutes(api: ApiRegistry, deps: DomainDeps): void {
  const tag = 'attendance';
  api.add({
    method: 'post',
    path: '/cases/:caseId/attendance',
    roles: clinical,
    tag,
    summary:
      'Record a session: attended, or partial / refused / no_show / late_cancel with the reason in the patient’s ' +
      'words, the barrier, the alternatives offered and what the patient chose. May tell the care team at once ' +
      '(the attendance rule)',
    schemas: { params: caseParams, body: sessionBody },
    response: r.recordedSession,
    handler: handle<CaseParams, unknown, SessionInput>(({ params, body, user }) =>
      recordSession(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/attendance',
    roles: readers,
    tag,
    summary:
      'The case’s sessions in date order with the attendance rate, week by week, and missed sessions by barrier ' +
      '(`across=patient`: every case of this patient you may see)',
    schemas: { params: caseParams, query: listAttendanceQuery },
    response: r.caseAttendance,
    handler: handle<CaseParams, { across: 'case' | 'patient' }>(({ params, query, user }) =>
      caseAttendance(params.caseId, query.across, user, deps),
    ),
  });
  api.add({
    method: 'patch',
    path: '/cases/:caseId/attendance/:sessionId',
    roles: clinical,
    tag,
    summary: 'Correct a session (version-checked; null clears a field)',
    schemas: { params: sessionParams, body: correctSessionBody },
    response: r.recordedSession,
    handler: handle<SessionParams, unknown, SessionChanges>(({ params, body, user }) =>
      correctSession(params.caseId, params.sessionId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/attendance/import',
    roles: clinical,
    tag,
    summary:
      'Import a scheduler’s CSV export of the patient’s appointments (multipart `file`, the layout of ' +
      '/attendance/csv-template). A header not in the layout is refused whole (422, naming the columns); a bad ' +
      'row is reported by its row number and left out; sessions already recorded are skipped',
    before: [receiveExport],
    schemas: { params: caseParams },
    status: 200,
    response: r.attendanceImport,
    handler: handle<CaseParams>(({ params, req, user }) =>
      importAttendance(params.caseId, receivedFile(req, 'the scheduler’s CSV export'), user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/attendance/csv-template',
    roles: readers,
    tag,
    summary: 'The attendance CSV layout: its header and one made-up row',
    produces: 'text/csv',
    handler: (_req, res) =>
      void res.type('text/csv').attachment('attendance-template.csv').send(attendanceCsvTemplate()),
  });
}
