/**
 * The plain-language letter to the patient, as a view model: what was denied and why, what the
 * clinic is doing and by when, what the patient can do, what to send or bring. Pure: the case,
 * the clinic and today in, plain sentences and dates out. Everything stated comes from the case
 * (the plan's own words are quoted, never rephrased into clinical claims) or from the rules the
 * deadlines domain already knows, cited here beside each sentence's source.
 */
import type { CaseRecord, DenialCategory, StatedReasonKind } from '../cases/index.js';
import { PREPARING_STATUSES, awaitsDecision, isFinished } from '../cases/index.js';
import {
  appealLevels,
  computeFilingDeadline,
  isAutomaticLevel,
  requirePlanType,
  stateExternalReview,
  FEDERAL_EXTERNAL_REVIEW,
  DeadlineRuleError,
  type AppealLevel,
  type PlanType,
} from '../deadlines/index.js';
import { findReasonCode } from '../reason-codes/index.js';
import { formatDate } from './letter-helpers.js';

/** Why a plan says no, by denial category, in words a patient reads at a glance. */
const CATEGORY_WORDS: Record<DenialCategory, string> = {
  medical_necessity: 'The plan says this care is not needed for your health right now.',
  prior_authorization: 'The plan says it was not asked to approve this care before you got it.',
  experimental_investigational: 'The plan says this care is too new or not yet proven.',
  coding: 'The plan says the bill used the wrong code for this care.',
  timely_filing: 'The plan says the bill reached it too late.',
  benefit_exclusion: 'The plan says your plan does not pay for this kind of care.',
  other: 'The plan gave a reason that does not fit one of the usual kinds.',
};

/** What each kind of stated reason means, said plainly (the plan's own words are quoted beside it). */
const REASON_WORDS: Record<StatedReasonKind, string> = {
  plateau: 'The plan thinks you have stopped getting better with this care.',
  attendance: 'The plan points to visits that were missed.',
  home_program: 'The plan thinks you can do your exercises at home on your own.',
  other: 'The plan gave this reason in its own words.',
};

/** The levels in plain words, for "what happens next". */
const LEVEL_WORDS: Record<AppealLevel, string> = {
  redetermination: 'a new look by the Medicare contractor',
  reconsideration: 'a new look by an outside reviewer',
  independent_review: 'a review by an outside group that Medicare picks',
  alj_hearing: 'a hearing with a judge',
  council_review: 'a review by the Medicare Appeals Council',
  judicial_review: 'a case in federal court',
  plan_appeal: 'an appeal to your plan',
  state_fair_hearing: 'a state fair hearing',
  internal_appeal: 'an appeal to your plan',
  external_review: 'a review by an outside group that does not work for your plan',
  payer_appeal: 'an appeal to your plan',
};

/** One reason code with what it means, from the reason-code table (server/reason-codes). */
export interface PlainCode {
  code: string;
  means: string;
}

export interface PatientLetterView {
  clinic: { name: string; phone: string };
  today: string;
  reference: string;
  patientName: string;
  payerName: string;
  service: string;
  dateOfService: string | null;
  noticeDate: string;
  /** The denial's category, then each stated reason's kind, in plain words. */
  why: string[];
  /** The plan's own words, quoted. */
  planWords: string[];
  codes: PlainCode[];
  clinician: string | null;
  /** What the clinic is doing now, one plain sentence each. */
  clinicSteps: string[];
  /**
   * The patient's own appeal at the current level: what it is and the last day the plan must get
   * it (null when the case does not give it); `automatic` when there is nothing to file; null
   * once the plan has said yes.
   */
  ownAppeal: { level: string; by: string | null; automatic: boolean } | null;
  /** A stated reason is missed visits: the patient's own account of them helps. */
  missedVisits: boolean;
  /** The next levels, in plain words. */
  later: string[];
  /** How long the patient has to ask for it, after the plan's final no. */
  externalReview: { window: string } | null;
  consumerHelp: boolean;
}

/** What the letter needs that is not on the case. */
export interface PatientLetterContext {
  clinic: { name: string; phone: string };
  /** The clinic's today, 'YYYY-MM-DD'. */
  today: string;
}

/** The case as the patient letter reads it. */
export type PatientLetterCase = Pick<
  CaseRecord,
  | 'reference'
  | 'patient'
  | 'payer'
  | 'service'
  | 'denial'
  | 'statedReasons'
  | 'treatingClinician'
  | 'status'
  | 'appealLevel'
  | 'levelNotice'
  | 'deadlines'
  | 'submittedAt'
>;

function codeMeaning(code: string): string | null {
  const entry = findReasonCode(code);
  if (!entry) return null;
  return entry.category ? CATEGORY_WORDS[entry.category] : entry.description;
}

function dueOf(record: PatientLetterCase, kind: 'filing' | 'decision'): string | null {
  const deadline = record.deadlines.find((d) => d.kind === kind && d.level === record.appealLevel);
  return deadline ? formatDate(deadline.dueDate) : null;
}

function clinicSteps(record: PatientLetterCase): string[] {
  const status = record.status;
  if (PREPARING_STATUSES.includes(status)) {
    const by = dueOf(record, 'filing');
    return [
      'We are writing an appeal to ask the plan to change its mind.',
      by ? `We must send it so the plan gets it by ${by}.` : 'We will send it as soon as it is ready.',
    ];
  }
  if (awaitsDecision(status)) {
    const by = dueOf(record, 'decision');
    const sent = record.submittedAt ? ` on ${formatDate(record.submittedAt)}` : '';
    return [
      `We sent our appeal to the plan${sent}.`,
      by ? `The plan must give its answer by ${by}.` : 'We are waiting for the plan to answer.',
    ];
  }
  if (isFinished(status)) {
    const words: Partial<Record<typeof status, string>> = {
      overturned: 'The plan changed its mind and will pay for this care.',
      partially_overturned: 'The plan changed its mind for part of this care.',
      upheld: 'The plan kept its answer of no.',
    };
    return [words[status] ?? 'We are no longer working on this appeal.'];
  }
  return [];
}

/**
 * The patient's own appeal at the current level. A patient (an enrollee, a member) may always
 * appeal the plan's decision themselves; the window is the level's rule, counted from the notice
 * that opened it, as `computeFilingDeadline` counts it without a payer's window (42 CFR 405.942,
 * 422.582, 423.582, 438.402(c)(2), 29 CFR 2560.503-1(h)(3)(i), 45 CFR 147.136: the rows of
 * server/deadlines/appeal-rules.ts). An automatic level (MA's independent review, 42 CFR 422.592)
 * has nothing to file; plan type `other` has only the payer's window, which the case may not know.
 */
function ownAppeal(record: PatientLetterCase, plan: PlanType): PatientLetterView['ownAppeal'] {
  if (isFinished(record.status) && record.status !== 'upheld') return null;
  const level = record.appealLevel as AppealLevel;
  const words = LEVEL_WORDS[level];
  if (isAutomaticLevel(plan, level)) return { level: words, by: null, automatic: true };
  try {
    const computed = computeFilingDeadline({
      plan,
      level,
      noticeDate: record.levelNotice?.noticeDate ?? record.denial.noticeDate,
      ...(record.levelNotice?.receivedDate || record.denial.receivedDate
        ? { receivedDate: record.levelNotice?.receivedDate ?? record.denial.receivedDate }
        : {}),
    });
    return { level: words, by: formatDate(computed.dueDate), automatic: false };
  } catch (err) {
    if (err instanceof DeadlineRuleError) return { level: words, by: null, automatic: false };
    throw err;
  }
}

/**
 * External review by an independent reviewer, for the plans 45 CFR 147.136(c)–(d) covers (group
 * and individual coverage): at least four months from the final denial (the federal minimum,
 * FEDERAL_EXTERNAL_REVIEW); individual coverage is state-regulated, so the state's window where
 * server/deadlines/state-external-review.ts has read the state's law. An employer plan may be
 * self-funded, outside state law: it gets the federal minimum, never more than it may have.
 */
function externalReview(record: PatientLetterCase, plan: PlanType): PatientLetterView['externalReview'] {
  if (plan !== 'erisa_group' && plan !== 'aca_individual') return null;
  const state = plan === 'aca_individual' && record.payer.state ? stateExternalReview(record.payer.state) : null;
  const window = state?.inStateTable ? state.filing.window : FEDERAL_EXTERNAL_REVIEW.filing.window;
  return { window: 'months' in window ? `${window.months} months` : `${window.days} days` };
}

/** Builds the patient letter's view of a case. */
export function patientLetterView(record: PatientLetterCase, context: PatientLetterContext): PatientLetterView {
  const plan = requirePlanType(record.payer.planType);
  const levels = appealLevels(plan);
  const later = levels.slice(levels.indexOf(record.appealLevel as AppealLevel) + 1).map((l) => LEVEL_WORDS[l]);
  const reasons = record.statedReasons ?? [];
  return {
    clinic: context.clinic,
    today: formatDate(context.today),
    reference: record.reference,
    patientName: `${record.patient.firstName} ${record.patient.lastName}`,
    payerName: record.payer.name,
    service: record.service.description,
    dateOfService: record.service.dateOfService ? formatDate(record.service.dateOfService) : null,
    noticeDate: formatDate(record.denial.noticeDate),
    why: [
      CATEGORY_WORDS[record.denial.category as DenialCategory],
      ...new Set(reasons.filter((r) => r.kind !== 'other').map((r) => REASON_WORDS[r.kind])),
    ],
    planWords: reasons.length ? reasons.map((r) => r.text) : [record.denial.payerReason],
    codes: (record.denial.reasonCodes ?? []).flatMap((c) => {
      const means = codeMeaning(c.code);
      return means ? [{ code: c.group ? `${c.group}-${c.code}` : c.code, means }] : [];
    }),
    clinician: record.treatingClinician?.name || null,
    clinicSteps: clinicSteps(record),
    ownAppeal: ownAppeal(record, plan),
    missedVisits: reasons.some((r) => r.kind === 'attendance'),
    later,
    externalReview: externalReview(record, plan),
    // PHS Act §2719(a)(2) (42 U.S.C. 300gg-19) has group and individual plans name, in their denial
    // notices, the state's consumer assistance office set up under §2793 (45 CFR 147.136(b)(2)(ii)(E)(4),
    // (b)(3)(ii)(E)(4)); Medicare and Medicaid notices carry no such office.
    consumerHelp: plan === 'erisa_group' || plan === 'aca_individual',
  };
}
