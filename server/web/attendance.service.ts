/**
 * The case file's "Attendance and barriers" section: every scheduled session with how it went and,
 * for one not fully held, the patient's words, the barrier, what was offered and what the patient
 * chose; the attendance rate, week by week as a chart with its table, and missed sessions by
 * barrier; the form to record one (only for the roles the API accepts).
 */
import {
  ALTERNATIVES,
  BARRIERS,
  SESSION_OUTCOMES,
  caseAttendance,
  type Alternative,
  type AttendanceSession,
  type AttendanceTotals,
  type Barrier,
  type SessionOutcome,
} from '../attendance/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { isObject } from '../platform/guards.js';
import { mayCall } from './api-permissions.js';
import { PALETTE, stackedColumns } from './svg-charts.js';
import { displayDate } from './web-labels.js';

export const OUTCOME_WORDS: Record<SessionOutcome, string> = {
  attended: 'Attended',
  partial: 'Only partly done',
  refused: 'Refused',
  no_show: 'No-show',
  late_cancel: 'Cancelled late',
};

export const BARRIER_WORDS: Record<Barrier | 'unrecorded', string> = {
  pain: 'Pain',
  fatigue: 'Fatigue',
  fear: 'Fear (of falling, of pain)',
  transport: 'Transport',
  cost: 'Cost',
  schedule: 'Schedule',
  caregiving: 'Caregiving',
  misunderstanding: 'Misunderstood the plan',
  other: 'Other',
  unrecorded: 'Not recorded',
};

export const ALTERNATIVE_WORDS: Record<Alternative, string> = {
  shorter_session: 'Shorter session',
  telehealth: 'Telehealth',
  modified_plan: 'Modified plan',
  transport_benefit: 'Transport benefit',
  home_program: 'Home program',
  education: 'Education',
};

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
const words = (list: Alternative[]) => list.map((a) => ALTERNATIVE_WORDS[a]).join(', ');

/** "8 of 12 scheduled sessions held (67%)". */
export function rateText(t: AttendanceTotals): string {
  return t.scheduled
    ? `${t.held} of ${t.scheduled} scheduled session${t.scheduled === 1 ? '' : 's'} held (${pct(t.rate)})`
    : 'No sessions recorded yet';
}

/** What the page was asked for or answered: its extra view data and status, the session to correct (`?correct=`). */
export interface SectionRequest {
  extra: Record<string, unknown>;
  status: number;
  correcting?: string;
}

/** The form key of a session's correction (form-route.ts), so a refusal is shown under that session. */
export const correctionKey = (sessionId: string) => `session-${sessionId}`;

/** A session's fields as a form shows them (the record form blank, a correction as stored). */
interface SessionFormValues {
  date?: string;
  time?: string;
  outcome?: string;
  reason?: string;
  barrier?: string;
  patientChoice?: string;
  alternativesOffered?: string[];
  alternativesAccepted?: string[];
}

/**
 * A session form's values: as given, or as typed when that form was refused (not after a stale
 * version: then the session as it stands now), with the errors beside each field and the summary.
 */
function sessionForm(key: string, stored: SessionFormValues, refused: SectionRequest | undefined) {
  const ofForm = (entries: string) => {
    const all = refused?.extra[entries];
    return isObject(all) ? all[key] : undefined;
  };
  const typed = refused?.status !== 409 ? ofForm('formValues') : undefined;
  const given = isObject(typed) ? typed : undefined;
  const field = (k: keyof SessionFormValues) => {
    const v = given ? given[k] : stored[k];
    return typeof v === 'string' ? v : '';
  };
  const ticked = (k: 'alternativesOffered' | 'alternativesAccepted') => {
    const v = given ? given[k] : stored[k];
    return Array.isArray(v) ? v : v === undefined ? [] : [v];
  };
  const errors = ofForm('formErrors');
  const problem = ofForm('formProblems');
  return {
    key,
    date: field('date'),
    time: field('time'),
    outcome: field('outcome'),
    reason: field('reason'),
    barrier: field('barrier'),
    patientChoice: field('patientChoice'),
    offered: ticked('alternativesOffered'),
    accepted: ticked('alternativesAccepted'),
    errors: isObject(errors) ? errors : {},
    problem: typeof problem === 'string' ? problem : undefined,
  };
}

/** A session's correction form, when asked for or refused; none otherwise. */
function correctionForm(s: AttendanceSession, request: SectionRequest | undefined) {
  const form = sessionForm(correctionKey(s.id), s, request);
  return request?.correcting === s.id || form.problem ? form : undefined;
}

/**
 * The section's view model, read through the attendance domain (which checks sight and audits).
 * @param request - the page's extra view data and status, to give a refused form back as typed, and the
 *   session to correct: its form is shown only on asking (a long course of therapy has dozens of sessions)
 */
export async function loadAttendanceSection(
  caseId: string,
  user: AuthenticatedUser,
  api: ApiRegistry,
  deps: Pick<DomainDeps, 'config'>,
  request?: SectionRequest,
) {
  const record = await caseAttendance(caseId, 'case', user, deps);
  const weeks = record.weeks;
  const missedKinds = ['refused', 'no_show', 'late_cancel'] as const;
  return {
    rate: rateText(record.totals),
    rule:
      `${record.rule.count} refusals or no-shows within ${record.rule.days} days tell the treating clinician ` +
      'and the care team at once.',
    sessions: record.sessions.map((s) => ({
      id: s.id,
      day: displayDate(s.date),
      time: s.time,
      outcome: OUTCOME_WORDS[s.outcome],
      missed: s.outcome !== 'attended',
      reason: s.reason,
      barrier: s.barrier ? BARRIER_WORDS[s.barrier] : undefined,
      offered: words(s.alternativesOffered),
      accepted: words(s.alternativesAccepted),
      choice: s.patientChoice,
      // A missed session imported without its barrier: the clinician still has to ask.
      storyMissing: s.outcome !== 'attended' && !s.barrier,
      recordedBy: `${s.recordedByName}, ${displayDate(s.recordedAt)}${s.source === 'imported' ? ' (imported)' : ''}`,
      correctedBy:
        s.correctedByName && s.correctedAt ? `${s.correctedByName}, ${displayDate(s.correctedAt)}` : undefined,
      version: s.version,
      correction: correctionForm(s, request),
    })),
    chart: weeks.length
      ? stackedColumns({
          title: 'Sessions week by week',
          description: weeks
            .map(
              (w) =>
                `Week of ${displayDate(w.weekStart)}: ${w.held} of ${w.scheduled} held, ` +
                `${w.refused} refused, ${w.no_show} no-shows`,
            )
            .join('; '),
          periods: weeks.map((w) => displayDate(w.weekStart).replace(/ \d{4}$/, '')),
          series: [
            { name: 'Held', colour: PALETTE[2], values: weeks.map((w) => w.held) },
            ...missedKinds.map((k, i) => ({
              name: OUTCOME_WORDS[k],
              colour: PALETTE[[5, 1, 6][i]],
              values: weeks.map((w) => w[k]),
            })),
          ],
        })
      : undefined,
    legend: [
      { name: 'Held', colour: PALETTE[2] },
      ...missedKinds.map((k, i) => ({ name: OUTCOME_WORDS[k], colour: PALETTE[[5, 1, 6][i]] })),
    ],
    weeks: weeks.map((w) => ({
      week: displayDate(w.weekStart),
      scheduled: w.scheduled,
      held: w.held,
      refused: w.refused,
      noShows: w.no_show,
      lateCancels: w.late_cancel,
      rate: pct(w.rate),
    })),
    barriers: record.barriers.map((b) => ({ barrier: BARRIER_WORDS[b.barrier], ...b.byOutcome, missed: b.missed })),
    formOffered: mayCall(api, user.role, 'post', '/cases/:caseId/attendance'),
    newSession: sessionForm('attendance', {}, request),
    correctionOffered: mayCall(api, user.role, 'patch', '/cases/:caseId/attendance/:sessionId'),
    choices: {
      outcomes: SESSION_OUTCOMES.map((value) => ({ value, text: OUTCOME_WORDS[value] })),
      barriers: BARRIERS.map((value) => ({ value, text: BARRIER_WORDS[value] })),
      alternatives: ALTERNATIVES.map((value) => ({ value, text: ALTERNATIVE_WORDS[value] })),
    },
  };
}
