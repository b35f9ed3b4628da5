/**
 * The patient's record of attendance and barriers: sessions of a case, their figures and the
 * attendance rule. The only import surface for other domains; see CONTEXT.md.
 */
export {
  SESSION_OUTCOMES,
  MISSED_OUTCOMES,
  BARRIERS,
  ALTERNATIVES,
  type AttendanceSession,
  type SessionInput,
  type SessionOutcome,
  type Barrier,
  type Alternative,
} from './attendance.types.js';
export {
  recordSession,
  correctSession,
  caseAttendance,
  sessionsOfCase,
  attendanceFigures,
  type CaseAttendance,
  type RecordedSession,
} from './attendance.service.js';
export { importAttendance, type AttendanceImport } from './attendance-import.service.js';
export { sessionBody, correctSessionBody, type SessionChanges } from './attendance.schemas.js';
export type { AttendanceTotals, WeekTrend, BarrierCount } from './attendance-trends.js';
export { registerAttendanceRoutes } from './attendance.routes.js';
