import { DateTime } from 'luxon';
import type { CaseRecord } from '../cases/index.js';
import type { AppealRoute, Appellant } from '../deadlines/index.js';

/**
 * The clinic's words for stored codes, so pages never show `partially_overturned` or `erisa_group`.
 * Pure; unknown codes fall back to the code with underscores as spaces.
 */
const LABELS: Record<string, string> = {
  // statuses
  new: 'New',
  gathering_evidence: 'Gathering evidence',
  appeal_drafted: 'Appeal drafted',
  submitted: 'Submitted',
  awaiting_decision: 'Awaiting decision',
  overturned: 'Overturned',
  partially_overturned: 'Partially overturned',
  upheld: 'Upheld',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
  // plan types
  medicare_ab: 'Medicare Part A/B',
  medicare_advantage: 'Medicare Advantage',
  medicare_part_d: 'Medicare Part D',
  medicaid_managed_care: 'Medicaid managed care',
  erisa_group: 'Employer group (ERISA)',
  aca_individual: 'Individual (ACA)',
  other: 'Other',
  // denial categories
  medical_necessity: 'Medical necessity',
  prior_authorization: 'Prior authorization',
  experimental_investigational: 'Experimental / investigational',
  coding: 'Coding',
  timely_filing: 'Timely filing',
  benefit_exclusion: 'Benefit exclusion',
  // appeal levels
  redetermination: 'Redetermination',
  reconsideration: 'Reconsideration',
  independent_review: 'Independent review',
  alj_hearing: 'ALJ hearing',
  council_review: 'Appeals Council review',
  judicial_review: 'Judicial review',
  plan_appeal: 'Plan appeal',
  state_fair_hearing: 'State fair hearing',
  internal_appeal: 'Internal appeal',
  external_review: 'External review',
  payer_appeal: 'Payer appeal',
  // patient, service and priority choices
  female: 'Female',
  male: 'Male',
  unknown: 'Unknown',
  pre_service: 'Pre-service (prior authorization)',
  post_service: 'Post-service claim',
  payment: 'Payment dispute',
  part_b_drug: 'Part B drug',
  coverage: 'Coverage determination',
  standard: 'Standard',
  expedited: 'Expedited (urgent)',
  // what the payer did, and the Medicare notices of the QIO fast track
  new_service_denied: 'A new service denied',
  authorized_service_reduced: 'An authorized service reduced',
  authorized_service_suspended: 'An authorized service suspended',
  authorized_service_terminated: 'An authorized service ended',
  payment_denied: 'A payment denied',
  services_ending: 'Services ending (Notice of Medicare Non-Coverage)',
  hospital_discharge: 'Hospital discharge (Important Message from Medicare)',
  // routes to a decision
  written_appeal: 'Written appeal only',
  peer_to_peer: 'With peer-to-peer',
  // speakers and contact methods on the timeline
  payer: 'Payer',
  patient: 'Patient',
  reviewer: 'Reviewer',
  phone: 'Phone',
  fax: 'Fax',
  portal: 'Portal',
  mail: 'Mail',
  email: 'Email',
  in_person: 'In person',
  // evidence, criteria, letters
  progress_note: 'Progress note',
  imaging_report: 'Imaging report',
  lab_result: 'Lab result',
  letter_of_medical_necessity: 'Letter of medical necessity',
  prior_treatment_history: 'Prior treatment history',
  payer_correspondence: 'Payer correspondence',
  appointment_of_representative: 'Appointment of Representative (CMS-1696)',
  waiver_of_liability: 'Waiver of liability',
  enrollee_consent: 'Enrollee’s written consent',
  representative_designation: 'Authorized representative designation',
  met: 'Met',
  not_met: 'Not met',
  not_applicable: 'Not applicable',
  coding_correction: 'Coding correction',
  expedited_appeal: 'Expedited appeal',
  external_review_request: 'External review request',
  p2p_request: 'Peer-to-peer request',
  // peer-to-peer reviews and availability
  requested: 'Requested',
  scheduled: 'Scheduled',
  completed: 'Completed',
  missed: 'Missed',
  cancelled: 'Cancelled',
  rescheduled: 'Needs rescheduling',
  no_show_payer: 'Payer’s reviewer did not join',
  no_show_physician: 'Our physician could not join',
  correction: 'Data correction',
  educational: 'Educational only (could not change the decision)',
  pre_decision: 'Before the payer’s decision',
  post_decision: 'After the payer’s determination',
  leave: 'Leave',
  clinic_day: 'Clinic day (no calls)',
  extra: 'Extra hours',
  // roles
  clinician: 'Clinician',
  billing: 'Billing',
  medical_director: 'Medical director',
  admin: 'Administrator',
};

export function label(code: unknown): string {
  if (typeof code !== 'string' || !code) return '';
  return LABELS[code] ?? code.replace(/_/g, ' ');
}

/** The button text for moving a case to a status: what the user does, not where it lands. */
const ACTIONS: Record<string, string> = {
  gathering_evidence: 'Start gathering evidence',
  appeal_drafted: 'Mark appeal drafted',
  submitted: 'Record submission',
  awaiting_decision: 'Mark awaiting decision',
  overturned: 'Record overturn',
  partially_overturned: 'Record partial overturn',
  upheld: 'Record upheld decision',
  withdrawn: 'Withdraw appeal',
  closed: 'Close case',
};

export function actionLabel(to: string, from: string): string {
  if (to === 'gathering_evidence' && (from === 'upheld' || from === 'partially_overturned'))
    return 'Appeal to the next level';
  if (to === 'gathering_evidence' && from !== 'new') return 'Back to gathering evidence';
  return ACTIONS[to] ?? label(to);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-11-02 → "2 Nov 2026"; never shifted by a time zone since it is a calendar date. */
export function displayDate(value: unknown): string {
  if (value instanceof Date) value = value.toISOString();
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return '';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "Fri 2027-01-22" → "Fri 22 Jan 2027": a weekday and date as the deadlines domain writes them, in page words. */
export function displayDay(value: string): string {
  return value.replace(/\d{4}-\d{2}-\d{2}/, (date) => displayDate(date));
}

/**
 * Every calendar date in a sentence in words: the deadlines domain writes its explanations with
 * ISO dates ("the notice date (2026-03-02) → 2026-06-30"), exact for the API; a page reads
 * "the notice date (2 Mar 2026) → 30 Jun 2026". Instants are already words on the clinic's clock.
 */
export function datesInWords(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b(?!T)/g, (date) => displayDate(date));
}

/**
 * '12:00' → "noon", '23:59' → "the end of the day" (the rules' "by the end of the day"), '00:00' →
 * "the start of the day" (never "12:00 AM", read as either end of it), '15:30' → "3:30 PM".
 */
export function timeOfDay(time: string): string {
  if (time === '12:00') return 'noon';
  if (time === '23:59') return 'the end of the day';
  if (time === '00:00') return 'the start of the day';
  return DateTime.fromFormat(time, 'HH:mm', { locale: 'en-US' }).toFormat('h:mm a');
}

/**
 * The wall-clock time of a deadline counted in hours, or none for one counted in days. A decision
 * due 72 hours after filing stores only its instant: its time is read on the clinic's clock.
 */
export function dueTimeOf(d: { dueAt?: Date | string; dueTime?: string; timeZone?: string }, zone: string) {
  if (!d.dueAt) return undefined;
  return d.dueTime ?? DateTime.fromJSDate(new Date(d.dueAt), { zone: d.timeZone ?? zone }).toFormat('HH:mm');
}

/** "by noon, clinic time, Tue 1 Dec 2026": a deadline counted in hours, as a person says it. */
export function dueByText(dueDate: string, dueTime: string): string {
  const weekday = DateTime.fromISO(dueDate, { locale: 'en-US' }).toFormat('ccc');
  return `by ${timeOfDay(dueTime)}, clinic time, ${weekday} ${displayDate(dueDate)}`;
}

type DeadlineKind = CaseRecord['deadlines'][number]['kind'];

/** What each deadline asks of the clinic, in full (the case file) and short (the case list's cell). */
const DEADLINE_KINDS: Record<DeadlineKind, { heading: string; short: string }> = {
  filing: { heading: 'Filing deadline', short: 'filing' },
  decision: { heading: 'Payer’s decision due', short: 'payer’s decision' },
  continuation_of_benefits: { heading: 'File by this date to keep benefits during the appeal', short: 'benefits' },
  fast_track: { heading: 'Ask the QIO for a fast-track appeal', short: 'QIO fast track' },
  concurrent_care: { heading: 'Ask the plan to extend the approved course', short: 'extend the course' },
  authorization_decision: {
    heading: 'Payer’s answer to the prior-authorization request due',
    short: 'prior-auth answer',
  },
};

export function deadlineHeading(kind: DeadlineKind, level: string): string {
  return kind === 'filing' ? `Filing deadline (${label(level)})` : DEADLINE_KINDS[kind].heading;
}

export const deadlineShort = (kind: DeadlineKind): string => DEADLINE_KINDS[kind].short;

/** Who files, as the case file says it: "Filed by: the treating physician on the patient’s behalf". */
export const APPELLANT_WORDS: Record<Appellant, string> = {
  patient: 'the patient',
  representative: 'the patient’s appointed representative',
  treating_physician: 'the treating physician on the patient’s behalf',
  non_contracted_provider: 'the clinic as a non-contracted provider, disputing payment',
  contracted_provider: 'the clinic as a contracted provider, under its contract',
  medicaid_provider_with_consent: 'the clinic, with the enrollee’s written consent',
};

export const ROUTE_WORDS: Record<AppealRoute, string> = {
  member_appeal: 'member appeal',
  provider_party_appeal: 'provider’s own appeal as a party',
  provider_dispute: 'provider dispute under the contract',
};

/** 2026-11 → "Nov 2026". */
export function displayMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

export function money(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}

/** Whole dollars, for chart labels where cents are noise. */
export function wholeDollars(value: number): string {
  return value.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
}

/**
 * The open peer-to-peer call beside the appeal level, as the case header and lists show it:
 * "P2P scheduled Tue 1 Dec, 10:30 AM CST" or "P2P requested, window to 4 Dec 2026".
 */
export function peerToPeerText(
  track: { status: string; windowLastDate: string; scheduledStart?: Date | string; timeZone?: string } | undefined,
): string {
  if (!track) return '';
  if (track.status === 'scheduled' && track.scheduledStart) {
    const start = DateTime.fromJSDate(new Date(track.scheduledStart), { zone: track.timeZone ?? 'UTC' });
    return `P2P scheduled ${start.toFormat('ccc d LLL, h:mm a ZZZZ')}`;
  }
  return `P2P requested, window to ${displayDate(track.windowLastDate)}`;
}
