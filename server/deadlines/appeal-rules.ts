/**
 * The appeal rule table as data: one row per plan type and level, from
 * /shared/reference/appeal-deadlines.md. Numbers are facts from the cited regulations;
 * where the reference is silent on rollover, the choice and its reason are in `rolloverWhy`.
 */
import type { AppealLevel, PlanType } from './appeal-levels.js';
import type { AppealRule, DecisionTimeframeRule, FilingWindowRule } from './appeal-rule.types.js';
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
  citation: '42 CFR 422.590',
};

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

function externalReview(plan: PlanType, citation: string): AppealRule {
  return {
    plan,
    level: 'external_review',
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

function internalAppeal(plan: PlanType, citation: string, decisionCitation: string, notes: string[]): AppealRule {
  return {
    plan,
    level: 'internal_appeal',
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

/** Every row of the reference table, in plan and level order. */
export const APPEAL_RULES: readonly AppealRule[] = Object.freeze([
  // Original Medicare (Parts A/B)
  {
    plan: 'medicare_ab',
    level: 'redetermination',
    automatic: false,
    filing: medicareWindow(120, '42 CFR 405.942'),
    decision: daysDecision(60, '42 CFR 405.950'),
    notes: [
      FILED_ON_RECEIPT,
      'Claims rejected as unprocessable (remark code MA130) have no appeal rights: correct and resubmit',
    ],
  },
  {
    plan: 'medicare_ab',
    level: 'reconsideration',
    automatic: false,
    filing: medicareWindow(180, '42 CFR 405.962'),
    decision: daysDecision(60, '42 CFR 405.970'),
    notes: [FILED_ON_RECEIPT],
  },
  {
    plan: 'medicare_ab',
    level: 'alj_hearing',
    automatic: false,
    filing: medicareWindow(60, '42 CFR 405.1002'),
    decision: daysDecision(90, '42 CFR 405.1016'),
    notes: [AIC_ALJ, FILED_ON_RECEIPT],
  },
  {
    plan: 'medicare_ab',
    level: 'council_review',
    automatic: false,
    filing: medicareWindow(60, '42 CFR 405.1102'),
    decision: daysDecision(90, '42 CFR 405.1100'),
    notes: [FILED_ON_RECEIPT],
  },
  {
    plan: 'medicare_ab',
    level: 'judicial_review',
    automatic: false,
    filing: medicareWindow(60, '42 CFR 405.1136'),
    decision: null,
    decisionNote: 'a federal court has no decision deadline',
    notes: [AIC_COURT],
  },

  // Medicare Advantage (Part C). Since 2025-01-01: 65 days from the notice date.
  {
    plan: 'medicare_advantage',
    level: 'reconsideration',
    automatic: false,
    noticesFrom: '2025-01-01',
    filing: {
      windowDays: 65,
      unit: 'calendar',
      countFrom: 'notice',
      rollover: 'none',
      rolloverWhy: NO_ROLLOVER_WHY,
      payerWindow: 'fixed',
      citation: '42 CFR 422.582; HHS/CMS Part C appeals guidance (Nov 2024)',
    },
    decision: MA_RECONSIDERATION_DECISION,
    notes: [],
  },
  // Before 2025: 60 days from receipt. CMS presumed receipt 5 days after the notice, which is
  // why the 2025 rule restated it as 65 days from the notice date.
  {
    plan: 'medicare_advantage',
    level: 'reconsideration',
    automatic: false,
    noticesBefore: '2025-01-01',
    filing: {
      windowDays: 60,
      unit: 'calendar',
      countFrom: 'receipt',
      presumedReceiptDays: 5,
      rollover: 'none',
      rolloverWhy: NO_ROLLOVER_WHY,
      payerWindow: 'fixed',
      citation: '42 CFR 422.582 (before 2025-01-01)',
    },
    decision: MA_RECONSIDERATION_DECISION,
    notes: [],
  },
  {
    plan: 'medicare_advantage',
    level: 'independent_review',
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
    automatic: false,
    filing: medicareWindow(60, '42 CFR 422.602; 42 CFR 405.1002', OMHA_ROLLOVER_WHY),
    decision: daysDecision(90, '42 CFR 422.602; 42 CFR 405.1016'),
    notes: [AIC_ALJ],
  },
  {
    plan: 'medicare_advantage',
    level: 'council_review',
    automatic: false,
    filing: medicareWindow(60, '42 CFR 422.608; 42 CFR 405.1102', OMHA_ROLLOVER_WHY),
    decision: daysDecision(90, '42 CFR 422.608; 42 CFR 405.1100'),
    notes: [],
  },
  {
    plan: 'medicare_advantage',
    level: 'judicial_review',
    automatic: false,
    filing: medicareWindow(60, '42 CFR 422.612; 42 CFR 405.1136', OMHA_ROLLOVER_WHY),
    decision: null,
    decisionNote: 'a federal court has no decision deadline',
    notes: [AIC_COURT],
  },

  // Medicare Part D
  {
    plan: 'medicare_part_d',
    level: 'redetermination',
    automatic: false,
    filing: {
      windowDays: 60,
      unit: 'calendar',
      countFrom: 'receipt',
      presumedReceiptDays: 5,
      rollover: 'none',
      rolloverWhy: NO_ROLLOVER_WHY,
      payerWindow: 'fixed',
      citation: '42 CFR 423.582',
    },
    decision: {
      days: { coverage: 7, pre_service: 7, payment: 14, post_service: 14 },
      defaultKind: 'coverage',
      expedited: { hours: 72 },
      citation: '42 CFR 423.590',
    },
    notes: [],
  },
  // The reference states no receipt presumption for the IRE request: count from the notice date when
  // receipt is unknown.
  {
    plan: 'medicare_part_d',
    level: 'reconsideration',
    automatic: false,
    filing: {
      windowDays: 60,
      unit: 'calendar',
      countFrom: 'receipt',
      rollover: 'none',
      rolloverWhy: NO_ROLLOVER_WHY,
      payerWindow: 'fixed',
      citation: '42 CFR 423.600',
    },
    decision: null,
    decisionNote: 'the independent review entity states its timeframe on its notice (not in the reference table)',
    notes: [],
  },
  {
    plan: 'medicare_part_d',
    level: 'alj_hearing',
    automatic: false,
    filing: medicareWindow(60, '42 CFR 423.2002', OMHA_ROLLOVER_WHY),
    decision: daysDecision(90, '42 CFR 423.2016'),
    notes: [AIC_ALJ],
  },
  {
    plan: 'medicare_part_d',
    level: 'council_review',
    automatic: false,
    filing: medicareWindow(60, '42 CFR 423.2102', OMHA_ROLLOVER_WHY),
    decision: daysDecision(90, '42 CFR 423.2100'),
    notes: [],
  },
  {
    plan: 'medicare_part_d',
    level: 'judicial_review',
    automatic: false,
    filing: medicareWindow(60, '42 CFR 423.2136', OMHA_ROLLOVER_WHY),
    decision: null,
    decisionNote: 'a federal court has no decision deadline',
    notes: [AIC_COURT],
  },

  // Medicaid managed care
  {
    plan: 'medicaid_managed_care',
    level: 'plan_appeal',
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
  {
    plan: 'medicaid_managed_care',
    level: 'state_fair_hearing',
    automatic: false,
    filing: {
      windowDays: 90,
      unit: 'calendar',
      countFrom: 'notice',
      rollover: 'none',
      rolloverWhy: NO_ROLLOVER_WHY,
      payerWindow: 'floor',
      configurable: { kind: 'state_fair_hearing_days', min: 90, max: 120, default: 90 },
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
  internalAppeal('erisa_group', '29 CFR 2560.503-1(h)(3)(i)', '29 CFR 2560.503-1(i)', [
    'A plan that does not follow the claims rules leaves the claimant deemed to have exhausted internal appeals',
  ]),
  externalReview('erisa_group', '29 CFR 2590.715-2719; 45 CFR 147.136(d)(2)(i)'),
  internalAppeal(
    'aca_individual',
    '45 CFR 147.136(b); 29 CFR 2560.503-1(h)(3)(i)',
    '45 CFR 147.136(b)(3); 29 CFR 2560.503-1(i)',
    ['Individual-market plans have one level of internal appeal only (45 CFR 147.136(b)(3)(ii)(G))'],
  ),
  externalReview('aca_individual', '45 CFR 147.136(d)(2)(i); 29 CFR 2590.715-2719'),

  // Any other payer: the window is payer policy, configured per payer.
  {
    plan: 'other',
    level: 'payer_appeal',
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

/**
 * The rule row for a plan type and level, choosing by notice date where the rule changed
 * (Medicare Advantage reconsideration on 2025-01-01). Without a date, the current row.
 *
 * @throws DeadlineRuleError UNKNOWN_LEVEL when the table has no row (the caller validates names first)
 */
export function findAppealRule(plan: PlanType, level: AppealLevel, noticeDate?: string): AppealRule {
  const rows = APPEAL_RULES.filter((rule) => rule.plan === plan && rule.level === level);
  const row =
    noticeDate === undefined
      ? rows.find((rule) => rule.noticesBefore === undefined)
      : rows.find(
          (rule) =>
            (rule.noticesFrom ?? '') <= noticeDate &&
            (rule.noticesBefore === undefined || noticeDate < rule.noticesBefore),
        );
  if (!row) throw new DeadlineRuleError('UNKNOWN_LEVEL', `no appeal rule for ${plan} ${level}`);
  return row;
}
