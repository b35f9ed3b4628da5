import { DateTime } from 'luxon';

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
