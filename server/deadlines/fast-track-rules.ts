/**
 * QIO fast-track appeals as data: when home health, skilled nursing, hospice or CORF services end,
 * or a hospital discharges, the patient asks the Quality Improvement Organization within hours.
 * Each row quotes the regulation it follows and says where that text was read.
 */
import type { RuleSource } from './wall-clock.js';

/** Plans whose patients have a QIO fast-track appeal. */
export const FAST_TRACK_PLANS = ['medicare_ab', 'medicare_advantage'] as const;
export type FastTrackPlan = (typeof FAST_TRACK_PLANS)[number];

/**
 * - `services_ending`: a home health agency, SNF, hospice or CORF ends covered services
 *   (Notice of Medicare Non-Coverage).
 * - `hospital_discharge`: the hospital (or the MA plan) decides inpatient care is no longer needed.
 */
export const FAST_TRACK_KINDS = ['services_ending', 'hospital_discharge'] as const;
export type FastTrackKind = (typeof FAST_TRACK_KINDS)[number];

/** How the request deadline is reached from the dates the clinic has. */
export type FastTrackDue = 'noon_after_notice_received' | 'end_of_discharge_day';

/** One row: a plan's fast-track appeal for one kind of ending, for notices from `effectiveFrom`. */
export interface FastTrackRule extends RuleSource {
  plan: FastTrackPlan;
  kind: FastTrackKind;
  due: FastTrackDue;
  /** What the patient can still do when the deadline is missed, and what is lost. */
  ifMissed: RuleSource;
  /** How long the QIO has to decide; `hours` when the text counts from the request. */
  qioDecision: RuleSource & { hours?: number };
}

const ANNUAL_2015 = 'CFR annual edition 2015 (18F/allregs copy); no later amendment of this paragraph found';

const OM_SERVICES_REQUEST =
  '"by no later than noon of the calendar day following receipt of the provider\'s notice of termination. ' +
  "If the QIO is unable to accept the beneficiary's request, the beneficiary must submit the request by noon " +
  'of the next day the QIO is available to accept a request."';

const MA_SERVICES_REQUEST =
  '"by noon of the first day after the day of delivery of the termination notice. If, due to an emergency, the ' +
  "IRE [the QIO] is closed and unable to accept the enrollee's request for a fast-track appeal, the enrollee " +
  'must file a request by noon of the next day that the IRE is open for business."';

const MA_SERVICES_DECISION: FastTrackRule['qioDecision'] = {
  citation: '42 CFR 422.626(d)(5)',
  text:
    '"by close of business of the day after it receives the information necessary to make the decision"; ' +
    'the plan must send the detailed notice and its records by close of business of the day the QIO calls ' +
    '(422.626(e)(1), (e)(3))',
  effectiveFrom: '2004-01-01',
  readIn: ANNUAL_2015,
};

const DISCHARGE_REQUEST =
  '"The request must be made no later than the day of discharge and may be in writing or by telephone."';

/** Every fast-track rule, by plan, kind and the date it took effect. */
export const FAST_TRACK_RULES: readonly FastTrackRule[] = Object.freeze([
  {
    plan: 'medicare_ab',
    kind: 'services_ending',
    due: 'noon_after_notice_received',
    citation: '42 CFR 405.1202(b)(1)',
    text: OM_SERVICES_REQUEST,
    // CMS-4004-FC, 69 FR 69252 (Nov. 26, 2004): "effective on July 1, 2005".
    effectiveFrom: '2005-07-01',
    readIn: ANNUAL_2015,
    ifMissed: {
      citation: '42 CFR 405.1202(b)(4)',
      text:
        '"the QIO will accept the request and make a determination as soon as possible, but the 72-hour time ' +
        'frame under paragraph (e)(6) and the financial liability protection under paragraph (g) of this ' +
        'section do not apply"',
      effectiveFrom: '2005-07-01',
      readIn: ANNUAL_2015,
    },
    qioDecision: {
      citation: '42 CFR 405.1202(e)(6)',
      text: '"No later than 72 hours after receipt of the request for an expedited determination"',
      hours: 72,
      effectiveFrom: '2005-07-01',
      readIn: ANNUAL_2015,
    },
  },
  {
    plan: 'medicare_advantage',
    kind: 'services_ending',
    due: 'noon_after_notice_received',
    citation: '42 CFR 422.626(a)(1)',
    text: MA_SERVICES_REQUEST,
    // CMS-4024-FC, 68 FR 16652 (Apr. 4, 2003); the date the fast-track provisions applied was not read (see report).
    effectiveFrom: '2004-01-01',
    readIn: ANNUAL_2015,
    ifMissed: {
      citation: '42 CFR 422.626(a)(2)',
      text: '"he or she may request an expedited reconsideration by the MA organization as described in Sec. 422.584"',
      effectiveFrom: '2004-01-01',
      readIn: ANNUAL_2015,
    },
    qioDecision: MA_SERVICES_DECISION,
  },
  {
    plan: 'medicare_advantage',
    kind: 'services_ending',
    due: 'noon_after_notice_received',
    citation: '42 CFR 422.626(a)',
    text: MA_SERVICES_REQUEST,
    // CMS-4205-F, 89 FR 30448 (Apr. 23, 2024): effective June 3, 2024, applicable to coverage from January 1, 2025.
    effectiveFrom: '2025-01-01',
    readIn:
      '2015 text for the noon deadline; the 2025 change to late requests from the CMS-4205-F summary ' +
      '(LeadingAge, Apr. 2024), not from the amended regulation text',
    ifMissed: {
      citation: '42 CFR 422.626 as amended by CMS-4205-F',
      text:
        'a late request still goes to the QIO (no longer to the plan as an expedited reconsideration), ' +
        'without the financial protection of a timely request; leaving the provider no longer forfeits the appeal',
      effectiveFrom: '2025-01-01',
      readIn: 'CMS-4205-F summary (LeadingAge, Apr. 2024); amended text not read',
    },
    qioDecision: MA_SERVICES_DECISION,
  },
  {
    plan: 'medicare_ab',
    kind: 'hospital_discharge',
    due: 'end_of_discharge_day',
    citation: '42 CFR 405.1206(b)(1)',
    text: DISCHARGE_REQUEST,
    // CMS-4105-F, 71 FR 68708 (Nov. 27, 2006): "effective on July 1, 2007".
    effectiveFrom: '2007-07-01',
    readIn: ANNUAL_2015,
    ifMissed: {
      citation: '42 CFR 405.1206(b)(5), (b)(6), (f)(3)',
      text:
        'still admitted: "may request an expedited QIO determination at any time during the hospitalization" ' +
        '(decided within 2 calendar days); discharged: "may request QIO review within 30 calendar days after ' +
        'the date of discharge, or at any time for good cause" (decided within 30 calendar days); in both, ' +
        '"the financial liability protection under paragraphs (f)(1) and (f)(2) of this section does not apply"',
      effectiveFrom: '2007-07-01',
      readIn: ANNUAL_2015,
    },
    qioDecision: {
      citation: '42 CFR 405.1206(d)(6)(i)',
      text: '"within one calendar day after it receives all requested pertinent information"',
      effectiveFrom: '2007-07-01',
      readIn: ANNUAL_2015,
    },
  },
  {
    plan: 'medicare_advantage',
    kind: 'hospital_discharge',
    due: 'end_of_discharge_day',
    citation: '42 CFR 422.622(b)(1)',
    text: DISCHARGE_REQUEST,
    effectiveFrom: '2007-07-01',
    readIn: ANNUAL_2015,
    ifMissed: {
      citation: '42 CFR 422.622(b)(5)',
      text:
        '"he or she may request expedited reconsideration by the MA organization as described in Sec. 422.584, ' +
        'but the financial liability rules of paragraph (f) of this section do not apply"',
      effectiveFrom: '2007-07-01',
      readIn: ANNUAL_2015,
    },
    qioDecision: {
      citation: '42 CFR 422.622(d)(6)',
      text: '"within one calendar day after it receives all requested pertinent information"',
      effectiveFrom: '2007-07-01',
      readIn: ANNUAL_2015,
    },
  },
]);

/** Original Medicare: when the provider's notice must arrive (checked against the service end date). */
export const NOTICE_TIMING: RuleSource = {
  citation: '42 CFR 405.1200(b)(1), (b)(5)',
  text:
    '"no later than 2 days before the proposed end of the services"; a provider that fails is "financially ' +
    'liable for continued services until 2 days after the beneficiary receives valid notice ... or until the ' +
    'service termination date specified on the notice, whichever is later"',
  effectiveFrom: '2005-07-01',
  readIn: ANNUAL_2015,
};

/** A timely hospital-discharge request: what the patient does not pay for. */
export const DISCHARGE_PROTECTION: Record<FastTrackPlan, RuleSource> = {
  medicare_ab: {
    citation: '42 CFR 405.1206(f)(2)',
    text:
      '"not financially responsible for inpatient hospital services (other than applicable coinsurance and ' +
      'deductible) furnished before noon of the calendar day after" the QIO\'s decision reaches the patient',
    effectiveFrom: '2007-07-01',
    readIn: ANNUAL_2015,
  },
  medicare_advantage: {
    citation: '42 CFR 422.622(f)(2)(i), (f)(4)',
    text:
      'the plan pays for the stay "until noon of the day after the QIO notifies the enrollee of its review ' +
      'determination"',
    effectiveFrom: '2007-07-01',
    readIn: ANNUAL_2015,
  },
};
