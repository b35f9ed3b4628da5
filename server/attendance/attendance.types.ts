/**
 * The patient's record of attendance: each scheduled session of the treatment under appeal, how it
 * went, and for a session not fully held why (in the patient's own words), the barrier behind it,
 * what was offered and what the patient chose. Words in CONTEXT.md.
 */

/** How a scheduled session went: held in full, or one of the four ways it was not. */
export const SESSION_OUTCOMES = ['attended', 'partial', 'refused', 'no_show', 'late_cancel'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

/** The outcomes that are a session missed, cancelled, refused or only partly done: each needs its story. */
export const MISSED_OUTCOMES = ['partial', 'refused', 'no_show', 'late_cancel'] as const satisfies SessionOutcome[];
export type MissedOutcome = (typeof MISSED_OUTCOMES)[number];

/** The outcomes the attendance rule counts: the patient did not take the session offered. */
export const RULE_OUTCOMES = ['refused', 'no_show'] as const satisfies SessionOutcome[];

/** What stood in the way, as therapy practice groups it. */
export const BARRIERS = [
  'pain',
  'fatigue',
  'fear',
  'transport',
  'cost',
  'schedule',
  'caregiving',
  'misunderstanding',
  'other',
] as const;
export type Barrier = (typeof BARRIERS)[number];

/** What the clinic can offer so the patient keeps to the plan. */
export const ALTERNATIVES = [
  'shorter_session',
  'telehealth',
  'modified_plan',
  'transport_benefit',
  'home_program',
  'education',
] as const;
export type Alternative = (typeof ALTERNATIVES)[number];

/** Where a session's record came from. */
export const SESSION_SOURCES = ['entered', 'imported'] as const;
export type SessionSource = (typeof SESSION_SOURCES)[number];

/** A session as the API shows it. `reason` and `patientChoice` are PHI (the patient's own words). */
export interface AttendanceSession {
  id: string;
  caseId: string;
  caseReference: string;
  date: string;
  /** Start on the clinic's clock (HH:mm), when the scheduler gave it. */
  time?: string;
  outcome: SessionOutcome;
  reason?: string;
  barrier?: Barrier;
  alternativesOffered: Alternative[];
  /** Which of the offered alternatives the patient took up. */
  alternativesAccepted: Alternative[];
  /** What the patient chose or declined, in a sentence ("declined home health; telehealth on Thursdays"). */
  patientChoice?: string;
  /** The scheduler's appointment id, when imported or typed. */
  appointmentId?: string;
  source: SessionSource;
  recordedById: string;
  recordedByName: string;
  recordedAt: Date;
  correctedById?: string;
  correctedByName?: string;
  correctedAt?: Date;
  version: number;
}

/** What a session is recorded with (and, all optional but the version, corrected with). */
export interface SessionInput {
  date: string;
  time?: string;
  outcome: SessionOutcome;
  reason?: string;
  barrier?: Barrier;
  alternativesOffered?: Alternative[];
  alternativesAccepted?: Alternative[];
  patientChoice?: string;
  appointmentId?: string;
}
