/**
 * The appeal rule table as data: one row per plan type, level and version of the regulation's
 * text, each with the date it took effect. Numbers follow the cited regulations' current text
 * (eCFR), not /shared/reference/appeal-deadlines.md where the two disagree; where the regulation
 * is silent on rollover, the choice and its reason are in `rolloverWhy`.
 */
import type { AppealLevel, PlanType } from './appeal-levels.js';
import type { AppealRule, DecisionTimeframeRule, FilingWindowRule } from './appeal-rule.types.js';
import { addDays } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';

const CMS_ROLLOVER = 'CMS Pub. 100-04, ch. 29';
const MEDICARE_ROLLOVER_WHY =
  `Medicare contractors move a last day on a weekend or federal holiday to ` +
  `the next working day (${CMS_ROLLOVER}; Noridian timeliness calculators)`;
const OMHA_ROLLOVER_WHY =
  `Decided by the same OMHA judges and Medicare Appeals Council under the same ` +
  `rules as Original Medicare, so the same rollover applies (${CMS_ROLLOVER})`;
const NO_ROLLOVER_WHY =
  'No source grants a rollover for this level: the calendar date stands, so ' +
  'a request filed by it is timely whatever the payer later decides';

/** Original Medicare windows: counted from receipt, presumed 5 days after the notice date. */
function medicareWindow(days: number, citation: string, rolloverWhy = MEDICARE_ROLLOVER_WHY): FilingWindowRule {
  return {
    windowDays: days,
    unit: 'calendar',
    countFrom: 'receipt',
    presumedReceiptDays: 5,
    rollover: 'next_working_day',
    rolloverWhy,
    rolloverSource: CMS_ROLLOVER,
    payerWindow: 'fixed',
    citation,
  };
}

function daysDecision(days: number, citation: string): DecisionTimeframeRule {
  return {
    days: { pre_service: days, post_service: days, payment: days, coverage: days, part_b_drug: days },
    defaultKind: 'pre_service',
    citation,
  };
}

const AIC_ALJ = 'Amount in controversy at least $200 in 2026 ($190 in 2025) (90 FR 55869)';
const AIC_COURT = 'Amount in controversy at least $1,960 in 2026 ($1,900 in 2025)';
const FILED_ON_RECEIPT = 'A request counts as filed the day the reviewer receives it, not the day it is sent';

/** The plan's reconsideration decision in Medicare Advantage (42 CFR 422.590). */
const MA_RECONSIDERATION_DECISION: DecisionTimeframeRule = {
  // A payment request is a post-service request; a coverage request is a pre-service one.
  days: { pre_service: 30, coverage: 30, payment: 60, post_service: 60, part_b_drug: 7 },
  defaultKind: 'pre_service',
  expedited: { hours: 72 },
  // 422.590(f) lets the plan extend requests for a service or item, standard or expedited; (b)
  // payment requests have no extension, and (c)(1), (e)(2) bar it for Part B drugs.
  extension: { maxDays: 14, citation: '42 CFR 422.590(f)', kinds: ['pre_service', 'coverage'] },
  note:
    'the plan may extend a request for a service by up to 14 days with written notice; ' +
    'payment and Part B drug requests may not be extended (42 CFR 422.590(f))',
  citation: '42 CFR 422.590',
};

/**
 * Part D plan redeterminations (42 CFR 423.590), which also bind the independent review entity
 * (423.600(d): "must not exceed the deadlines applicable in § 423.590").
 */
function partDDecision(citation: string): DecisionTimeframeRule {
  return {
    days: { coverage: 7, pre_service: 7, payment: 14, post_service: 14 },
    defaultKind: 'coverage',
    expedited: { hours: 72 },
    citation,
  };
}

/** Part D ALJ and Council: 90 days, or 10 days when expedited (42 CFR 423.2016, 423.2100, 423.2116). */
function partDHigherDecision(standard: string, expedited: string): DecisionTimeframeRule {
  return {
    ...daysDecision(90, standard),
    defaultKind: 'coverage',
    expedited: { days: 10, unit: 'calendar' },
    citation: `${standard}; ${expedited}`,
  };
}

/** 60 days after receipt, receipt presumed 5 days after the notice; no rollover at plan level. */
function planReceiptWindow(citation: string): FilingWindowRule {
  return {
    windowDays: 60,
    unit: 'calendar',
    countFrom: 'receipt',
    presumedReceiptDays: 5,
    rollover: 'none',
    rolloverWhy: NO_ROLLOVER_WHY,
    payerWindow: 'fixed',
    citation,
  };
}

/** Before 2025: 60 days from the date on the notice, with no receipt presumption. */
function planNoticeWindow(citation: string): FilingWindowRule {
  return { ...planReceiptWindow(citation), countFrom: 'notice', presumedReceiptDays: undefined };
}

// The Medicare Advantage and Part D filing windows changed for notices from 2025-01-01: CMS's
// Parts C & D appeals guidance (updated 2024-11-20, effective 2025-01-01) records "the regulatory
// change in the timeframe to submit an appeal from 60 calendar days to 65 days calendar days from
// the date of the notice"; the current text of 423.582(b) reads 60 days "after receipt", receipt
// presumed 5 days after the notice "unless there is evidence to the contrary".
const PLAN_WINDOW_CHANGE = '2025-01-01';
const PLAN_WINDOW_CHANGE_RULE =
  'regulatory change effective 2025-01-01 per CMS Parts C & D appeals guidance (2024-11-20); ' +
  'the amending Federal Register rule (believed CMS-4205-F, 89 FR 30448) is not verified here';
// The OMHA rule (82 FR 4974, 2017-01-17, effective 2017-03-20) set the current Part D ALJ/Council
// text and listed the Part A/B timeframes that do not apply to Medicare Advantage (422.562(d)(2)).
const OMHA_2017_RULE = '82 FR 4974 (2017-01-17), effective 2017-03-20';
// BIPA appeals rule: redetermination, QIC reconsideration, ALJ, Council and court for Parts A/B.
const BIPA_APPEALS_RULE = '70 FR 11420 (2005-03-08), effective 2005-05-01; finalized 74 FR 65296 (2009-12-09)';
const ORIGINAL_MEDICARE_NO_EXPEDITED =
  'Original Medicare (Parts A/B) has no expedited redetermination, reconsideration, ALJ hearing or ' +
  'Council review: the standard timeframes apply (42 CFR 405.942-405.1136). What exists instead is ' +
  'the QIO fast-track appeal when care is ending: a hospital discharge (42 CFR 405.1206) or the end ' +
  'of home health, skilled nursing, hospice or CORF services (42 CFR 405.1202)';
const MA_NO_OMHA_DEADLINE =
  'the ALJ and Council timeframes of 42 CFR 405.1016 and 405.1100(c)-(d), and escalation, do not ' +
  'apply to Medicare Advantage (42 CFR 422.562(d)(2)(iii)-(v)); the 90 days of SSA § 1869(d) are Part A/B only';

/** ERISA appeal decisions (29 CFR 2560.503-1(i)), also applied to individual-market plans by 45 CFR 147.136(b)(3). */
function erisaAppealDecision(citation: string): DecisionTimeframeRule {
  return {
    // A claim for payment of care already given is a post-service claim (29 CFR 2560.503-1(m)(3)).
    days: { pre_service: 30, post_service: 60, payment: 60 },
    defaultKind: 'pre_service',
    expedited: { hours: 72 },
    note: 'a plan with two appeal levels has 15 (pre-service) or 30 (post-service) days per level',
    citation,
  };
}

// Interim final rule, 75 FR 43330 (2010-07-23), for plan years from 2010-09-23; amended 76 FR 37208 (2011-06-24).
const MEDICAID_2016_RULE =
  '81 FR 27498 (2016-05-06), effective 2016-07-05, for contract rating periods from 2017-07-01';
const ACA_APPEALS_RULE = '75 FR 43330 (2010-07-23), plan years from 2010-09-23; 76 FR 37208 (2011-06-24)';

function externalReview(plan: PlanType, citation: string): AppealRule {
  return {
    plan,
    level: 'external_review',
    effectiveFrom: '2010-09-23',
    effectiveRule: ACA_APPEALS_RULE,
    automatic: false,
    filing: {
      windowMonths: 4,
      unit: 'calendar',
      countFrom: 'receipt',
      rollover: 'next_working_day',
      rolloverWhy:
        'A last day on a Saturday, Sunday or federal holiday moves to the next day ' +
        'that is none of these (45 CFR 147.136(d)(2)(i))',
      rolloverSource: '45 CFR 147.136(d)(2)(i)',
      payerWindow: 'floor',
      configurable: { kind: 'external_review_months', min: 4, default: 4 },
      citation,
    },
    decision: {
      days: { pre_service: 45, post_service: 45, payment: 45, coverage: 45 },
      defaultKind: 'pre_service',
      expedited: { hours: 72 },
      citation,
    },
    notes: [
      'State external review processes must allow at least 4 months; some allow more (6 in California and Georgia)',
    ],
  };
}

function internalAppeal(
  plan: PlanType,
  citation: string,
  decisionCitation: string,
  effective: { from: string; rule: string },
  notes: string[],
): AppealRule {
  return {
    plan,
    level: 'internal_appeal',
    effectiveFrom: effective.from,
    effectiveRule: effective.rule,
    automatic: false,
    // "At least 180 days": a plan may allow more, so a configured payer window is used.
    filing: {
      windowDays: 180,
      unit: 'calendar',
      countFrom: 'receipt',
      rollover: 'none',
      rolloverWhy: NO_ROLLOVER_WHY,
      payerWindow: 'floor',
      citation,
    },
    decision: erisaAppealDecision(decisionCitation),
    notes,
  };
}

/** Every row of the rule table, in plan and level order, older versions after the current one. */
export const APPEAL_RULES: readonly AppealRule[] = Object.freeze([
  // Original Medicare (Parts A/B)
  {
    plan: 'medicare_ab',
    level: 'redetermination',
    effectiveFrom: '2005-05-01',
    effectiveRule: BIPA_APPEALS_RULE,
    automatic: false,
    filing: medicareWindow(120, '42 CFR 405.942'),
    decision: daysDecision(60, '42 CFR 405.950'),
    noExpedited: ORIGINAL_MEDICARE_NO_EXPEDITED,
    notes: [
      FILED_ON_RECEIPT,
      'Claims rejected as unprocessable (remark code MA130) have no appeal rights: correct and resubmit',
    ],
  },
  {
    plan: 'medicare_ab',
    level: 'reconsideration',
    effectiveFrom: '2005-05-01',
    effectiveRule: BIPA_APPEALS_RULE,
    automatic: false,
    filing: medicareWindow(180, '42 CFR 405.962'),
    decision: daysDecision(60, '42 CFR 405.970'),
    noExpedited: ORIGINAL_MEDICARE_NO_EXPEDITED,
    notes: [FILED_ON_RECEIPT],
  },
  {
    plan: 'medicare_ab',
    level: 'alj_hearing',
    effectiveFrom: '2005-05-01',
    effectiveRule: BIPA_APPEALS_RULE,
    automatic: false,
    filing: medicareWindow(60, '42 CFR 405.1002'),
    // SSA § 1869(d)(1): 90 days, with escalation to the Council when missed (405.1104).
    decision: daysDecision(90, '42 CFR 405.1016'),
    noExpedited: ORIGINAL_MEDICARE_NO_EXPEDITED,
    notes: [AIC_ALJ, FILED_ON_RECEIPT],
  },
  {
    plan: 'medicare_ab',
    level: 'council_review',
    effectiveFrom: '2005-05-01',
    effectiveRule: BIPA_APPEALS_RULE,
    automatic: false,
    filing: medicareWindow(60, '42 CFR 405.1102'),
    decision: daysDecision(90, '42 CFR 405.1100'),
    noExpedited: ORIGINAL_MEDICARE_NO_EXPEDITED,
    notes: [FILED_ON_RECEIPT],
  },
  {
    plan: 'medicare_ab',
    level: 'judicial_review',
    effectiveFrom: '2005-05-01',
    effectiveRule: BIPA_APPEALS_RULE,
    automatic: false,
    filing: medicareWindow(60, '42 CFR 405.1136'),
    decision: null,
    noRegulatoryDeadline: true,
    decisionNote: 'a federal court has no decision deadline',
    noExpedited: ORIGINAL_MEDICARE_NO_EXPEDITED,
    notes: [AIC_COURT],
  },

  // Medicare Advantage (Part C)
  {
    plan: 'medicare_advantage',
    level: 'reconsideration',
    effectiveFrom: PLAN_WINDOW_CHANGE,
    effectiveRule: PLAN_WINDOW_CHANGE_RULE,
    automatic: false,
    filing: planReceiptWindow('42 CFR 422.582(b)'),
    decision: MA_RECONSIDERATION_DECISION,
    notes: ['CMS states this window as 65 days from the date of the notice'],
  },
  // "Within 60 calendar days from the date of the notice of the organization determination":
  // the date printed on the notice, with no receipt presumption.
  {
    plan: 'medicare_advantage',
    level: 'reconsideration',
    effectiveFrom: '2009-01-12',
    effectiveRule: '74 FR 1542 (2009-01-12)',
    automatic: false,
    filing: planNoticeWindow('42 CFR 422.582(b) (text before 2025-01-01)'),
    decision: MA_RECONSIDERATION_DECISION,
    notes: [],
  },
  {
    plan: 'medicare_advantage',
    level: 'independent_review',
    effectiveFrom: '2009-01-12',
    effectiveRule: '74 FR 1542 (2009-01-12)',
    automatic: true,
    filing: null,
    decision: null,
    decisionNote: 'the independent review entity decides within the deadlines of its CMS contract (42 CFR 422.592(b))',
    notes: [
      'The plan forwards an adverse reconsideration to the independent review entity automatically: nothing to file',
    ],
  },
  {
    plan: 'medicare_advantage',
    level: 'alj_hearing',
    effectiveFrom: '2017-03-20',
    effectiveRule: OMHA_2017_RULE,
    automatic: false,
    filing: medicareWindow(60, '42 CFR 422.602; 42 CFR 405.1002', OMHA_ROLLOVER_WHY),
    decision: null,
    noRegulatoryDeadline: true,
    decisionNote: MA_NO_OMHA_DEADLINE,
    notes: [AIC_ALJ],
  },
  {
    plan: 'medicare_advantage',
    level: 'council_review',
    effectiveFrom: '2017-03-20',
    effectiveRule: OMHA_2017_RULE,
    automatic: false,
    filing: medicareWindow(60, '42 CFR 422.608; 42 CFR 405.1102', OMHA_ROLLOVER_WHY),
    decision: null,
    noRegulatoryDeadline: true,
    decisionNote: MA_NO_OMHA_DEADLINE,
    notes: [],
  },
  {
    plan: 'medicare_advantage',
    level: 'judicial_review',
    effectiveFrom: '2017-03-20',
    effectiveRule: OMHA_2017_RULE,
    automatic: false,
    filing: medicareWindow(60, '42 CFR 422.612; 42 CFR 405.1136', OMHA_ROLLOVER_WHY),
    decision: null,
    noRegulatoryDeadline: true,
    decisionNote: 'a federal court has no decision deadline',
    notes: [AIC_COURT],
  },

  // Medicare Part D
  {
    plan: 'medicare_part_d',
    level: 'redetermination',
    effectiveFrom: PLAN_WINDOW_CHANGE,
    effectiveRule: PLAN_WINDOW_CHANGE_RULE,
    automatic: false,
    filing: planReceiptWindow('42 CFR 423.582(b)'),
    decision: partDDecision('42 CFR 423.590'),
    notes: ['CMS states this window as 65 days from the date of the notice'],
  },
  {
    plan: 'medicare_part_d',
    level: 'redetermination',
    effectiveFrom: '2009-01-12',
    effectiveRule: '74 FR 1547 (2009-01-12)',
    automatic: false,
    filing: planNoticeWindow('42 CFR 423.582(b) (text before 2025-01-01)'),
    decision: partDDecision('42 CFR 423.590'),
    notes: [],
  },
  // CMS's Part D IRE page: "within 65 calendar days from the date of the plan sponsor's
  // redetermination decision notice", the construction of 423.582(b).
  {
    plan: 'medicare_part_d',
    level: 'reconsideration',
    effectiveFrom: PLAN_WINDOW_CHANGE,
    effectiveRule: PLAN_WINDOW_CHANGE_RULE,
    automatic: false,
    filing: planReceiptWindow('42 CFR 423.600(a)'),
    decision: partDDecision('42 CFR 423.600(d); 42 CFR 423.590'),
    notes: ['CMS states this window as 65 days from the date of the redetermination notice'],
  },
  // "Within 60 calendar days of the date of the redetermination by the Part D plan sponsor".
  {
    plan: 'medicare_part_d',
    level: 'reconsideration',
    effectiveFrom: '2009-01-12',
    effectiveRule: '74 FR 1548 (2009-01-12)',
    automatic: false,
    filing: planNoticeWindow('42 CFR 423.600(a) (text before 2025-01-01)'),
    decision: partDDecision('42 CFR 423.600(d); 42 CFR 423.590'),
    notes: [],
  },
  {
    plan: 'medicare_part_d',
    level: 'alj_hearing',
    effectiveFrom: '2017-03-20',
    effectiveRule: OMHA_2017_RULE,
    automatic: false,
    filing: medicareWindow(60, '42 CFR 423.2002', OMHA_ROLLOVER_WHY),
    decision: partDHigherDecision('42 CFR 423.2016(a)', '42 CFR 423.2016(b)'),
    notes: [AIC_ALJ],
  },
  {
    plan: 'medicare_part_d',
    level: 'council_review',
    effectiveFrom: '2017-03-20',
    effectiveRule: OMHA_2017_RULE,
    automatic: false,
    filing: medicareWindow(60, '42 CFR 423.2102', OMHA_ROLLOVER_WHY),
    decision: partDHigherDecision('42 CFR 423.2100(c)', '42 CFR 423.2116'),
    notes: [],
  },
  {
    plan: 'medicare_part_d',
    level: 'judicial_review',
    effectiveFrom: '2017-03-20',
    effectiveRule: OMHA_2017_RULE,
    automatic: false,
    filing: medicareWindow(60, '42 CFR 423.2136', OMHA_ROLLOVER_WHY),
    decision: null,
    noRegulatoryDeadline: true,
    decisionNote: 'a federal court has no decision deadline',
    notes: [AIC_COURT],
  },

  // Medicaid managed care: subpart F of the 2016 rule (81 FR 27498, 2016-05-06, effective
  // 2016-07-05) applies to contract rating periods beginning on or after 2017-07-01 (438.400(c)).
  {
    plan: 'medicaid_managed_care',
    level: 'plan_appeal',
    effectiveFrom: '2017-07-01',
    effectiveRule: MEDICAID_2016_RULE,
    automatic: false,
    filing: {
      windowDays: 60,
      unit: 'calendar',
      countFrom: 'notice',
      rollover: 'none',
      rolloverWhy: NO_ROLLOVER_WHY,
      payerWindow: 'fixed',
      citation: '42 CFR 438.402(c)(2)(ii)',
    },
    decision: {
      ...daysDecision(30, '42 CFR 438.408'),
      expedited: { hours: 72 },
      extension: { maxDays: 14, citation: '42 CFR 438.408(c)' },
      note:
        'the plan may extend by up to 14 days with written notice; a plan that misses ' +
        'its deadline is deemed to have exhausted its level, and the enrollee may ' +
        'request a State fair hearing (42 CFR 438.408(c)(3))',
    },
    notes: [
      'Continuation of benefits: request by the later of 10 days after the notice ' +
        'or the intended effective date (42 CFR 438.420)',
    ],
  },
  // "The enrollee must request a State fair hearing no later than 120 calendar days from the date
  // of the MCO's, PIHP's, or PAHP's notice of resolution": a fixed federal window, not the 90 days
  // (at most) of fee-for-service hearings (431.221(d)).
  {
    plan: 'medicaid_managed_care',
    level: 'state_fair_hearing',
    effectiveFrom: '2017-07-01',
    effectiveRule: MEDICAID_2016_RULE,
    automatic: false,
    filing: {
      windowDays: 120,
      unit: 'calendar',
      countFrom: 'notice',
      rollover: 'none',
      rolloverWhy: NO_ROLLOVER_WHY,
      payerWindow: 'fixed',
      configurable: {
        kind: 'state_fair_hearing_days',
        min: 120,
        max: 120,
        default: 120,
        citation: '42 CFR 438.408(f)(2)',
      },
      citation: '42 CFR 438.408(f)(2)',
    },
    decision: null,
    decisionNote:
      'the state decides within 90 days of the plan appeal filing, not counting ' +
      'the days taken to request the hearing (42 CFR 431.244(f)); the engine does ' +
      'not know the plan appeal dates',
    notes: ["Counted from the plan's notice of appeal resolution"],
  },

  // Employer group health plans (ERISA) and individual-market plans
  internalAppeal(
    'erisa_group',
    '29 CFR 2560.503-1(h)(3)(i)',
    '29 CFR 2560.503-1(i)',
    // 65 FR 70246 (2000-11-21): claims filed on or after 2002-01-01 (2560.503-1(o)).
    { from: '2002-01-01', rule: '65 FR 70246 (2000-11-21), claims filed from 2002-01-01' },
    ['A plan that does not follow the claims rules leaves the claimant deemed to have exhausted internal appeals'],
  ),
  externalReview('erisa_group', '29 CFR 2590.715-2719; 45 CFR 147.136(d)(2)(i)'),
  internalAppeal(
    'aca_individual',
    '45 CFR 147.136(b); 29 CFR 2560.503-1(h)(3)(i)',
    '45 CFR 147.136(b)(3); 29 CFR 2560.503-1(i)',
    { from: '2010-09-23', rule: ACA_APPEALS_RULE },
    ['Individual-market plans have one level of internal appeal only (45 CFR 147.136(b)(3)(ii)(G))'],
  ),
  externalReview('aca_individual', '45 CFR 147.136(d)(2)(i); 29 CFR 2590.715-2719'),

  // Any other payer: the window is payer policy, configured per payer.
  {
    plan: 'other',
    level: 'payer_appeal',
    effectiveRule: 'payer policy',
    automatic: false,
    filing: {
      unit: 'calendar',
      countFrom: 'notice',
      rollover: 'none',
      rolloverWhy: 'Payer policy: no federal rollover applies, so the calendar date stands',
      payerWindow: 'required',
      citation: 'payer policy',
    },
    decision: null,
    decisionNote: 'set by the payer; no federal timeframe applies',
    notes: [],
  },
] satisfies AppealRule[]);

/** The versions of a level's rule, latest first. */
export function ruleVersions(plan: PlanType, level: AppealLevel): AppealRule[] {
  return APPEAL_RULES.filter((rule) => rule.plan === plan && rule.level === level).sort((a, b) =>
    (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? ''),
  );
}

/**
 * The rule row in force on a notice date: the version with the latest `effectiveFrom` on or
 * before it. Without a date, the current version.
 *
 * @throws DeadlineRuleError UNKNOWN_LEVEL when the table has no row (the caller validates names
 *   first); NO_RULE when the notice predates every version in the table
 */
export function findAppealRule(plan: PlanType, level: AppealLevel, noticeDate?: string): AppealRule {
  const versions = ruleVersions(plan, level);
  if (versions.length === 0) throw new DeadlineRuleError('UNKNOWN_LEVEL', `no appeal rule for ${plan} ${level}`);
  if (noticeDate === undefined) return versions[0];
  const row = versions.find((rule) => (rule.effectiveFrom ?? '') <= noticeDate);
  if (!row) {
    const earliest = versions[versions.length - 1];
    throw new DeadlineRuleError(
      'NO_RULE',
      `the rule table has no ${plan} ${level} rule for a notice dated ${noticeDate}: ` +
        `its earliest version took effect ${earliest.effectiveFrom ?? ''} (${earliest.effectiveRule})`,
    );
  }
  return row;
}

/**
 * Where a level's rule has changed, the notice dates the version governs, in words ("the rule for
 * notices dated from 2025-01-01"); undefined for a level with one version.
 */
export function describeRuleVersion(rule: AppealRule): string | undefined {
  const versions = ruleVersions(rule.plan, rule.level);
  if (versions.length < 2 || rule.effectiveFrom === undefined) return undefined;
  const later = versions[versions.indexOf(rule) - 1] as AppealRule | undefined;
  return later?.effectiveFrom === undefined
    ? `the rule for notices dated from ${rule.effectiveFrom}`
    : `the rule for notices dated ${rule.effectiveFrom} to ${addDays(later.effectiveFrom, -1)}`;
}
