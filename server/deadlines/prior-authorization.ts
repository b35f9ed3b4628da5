/**
 * Prior-authorization decision clocks: when the payer owes an answer on a pending request.
 * CMS-0057-F (89 FR 8758, Feb. 8, 2024) cut the standard clock to 7 calendar days from 2026 for
 * Medicare Advantage, Medicaid (managed care and fee-for-service) and CHIP managed care; the rows
 * before it keep the 14-day rule so an older request is judged by the rule of its day.
 */
import { isOneOf } from '../platform/guards.js';
import { addDays, parseIsoDate } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';
import type { RuleSource, TimedDeadline } from './wall-clock.js';
import { clinicMoment, deadlineAtInstant, deadlineEndOfDay, hoursAfter, ruleInForce } from './wall-clock.js';

/** Who decides the authorization. Marketplace plans on the federal exchange are `marketplace_qhp`. */
export const PRIOR_AUTHORIZATION_PAYERS = [
  'medicare_advantage',
  'medicaid_managed_care',
  'chip_managed_care',
  'medicaid_fee_for_service',
  'marketplace_qhp',
] as const;
export type PriorAuthorizationPayer = (typeof PRIOR_AUTHORIZATION_PAYERS)[number];

/** One row: a payer's clock for one kind of request, from `effectiveFrom`. */
export interface PriorAuthorizationRule extends RuleSource {
  payer: PriorAuthorizationPayer;
  expedited: boolean;
  /** Medicare Part B drugs have their own, shorter clocks. */
  partBDrug: boolean;
  /** Exactly one of `hours` (from the instant of receipt) or `days` (calendar days after the date of receipt). */
  hours?: number;
  days?: number;
  /** Further calendar days the payer may take, when the text allows it. */
  extensionDays?: number;
  /** Medicaid and CHIP: the rule follows the rating period's start, not the request's date. */
  byRatingPeriod?: boolean;
}

const CMS_0057_F = 'CMS-0057-F, 89 FR 8758 (Feb. 8, 2024)';
const MA_READ = 'pre-2026 text from a copy of 422.568(b)(1); the 7-day text through payer bulletins quoting it';
const MEDICAID_READ =
  "the rating-period wording from CMS's managed care program annual report form (MCPAR) quoting 438.210(d)(1)";

function row(r: Omit<PriorAuthorizationRule, 'partBDrug'> & { partBDrug?: boolean }): PriorAuthorizationRule {
  return { partBDrug: false, ...r };
}

const MANAGED_CARE = (payer: 'medicaid_managed_care' | 'chip_managed_care', citation: string, from: string) => [
  row({
    payer,
    expedited: false,
    days: 14,
    extensionDays: 14,
    byRatingPeriod: true,
    citation,
    text:
      'for rating periods that start before January 1, 2026, "may not exceed 14 calendar days after ' +
      'receiving the request"',
    effectiveFrom: from,
    readIn: MEDICAID_READ,
  }),
  row({
    payer,
    expedited: false,
    days: 7,
    extensionDays: 14,
    byRatingPeriod: true,
    citation: `${citation}, as amended by ${CMS_0057_F}`,
    text:
      'for rating periods that start on or after January 1, 2026, "may not exceed 7 calendar days after ' +
      'receiving the request for service"; "up to 14 additional calendar days" on request or with justification',
    effectiveFrom: '2026-01-01',
    readIn: MEDICAID_READ,
  }),
  row({
    payer,
    expedited: true,
    hours: 72,
    extensionDays: 14,
    byRatingPeriod: true,
    citation: citation.replace('(d)(1)', '(d)(2)'),
    text: '"no later than 72 hours after receipt of the request for service"; extendable by up to 14 calendar days',
    effectiveFrom: from,
    readIn: MEDICAID_READ,
  }),
];

/** Every prior-authorization clock the engine knows. */
export const PRIOR_AUTHORIZATION_RULES: readonly PriorAuthorizationRule[] = Object.freeze([
  row({
    payer: 'medicare_advantage',
    expedited: false,
    days: 14,
    extensionDays: 14,
    citation: '42 CFR 422.568(b)(1)',
    text:
      '"no later than 14 calendar days after the date the organization receives the request for a standard ' +
      'organization determination"',
    // The Medicare+Choice rule, 63 FR 35107 (June 26, 1998); its effective date is from memory (see report).
    effectiveFrom: '1998-07-27',
    readIn: MA_READ,
  }),
  row({
    payer: 'medicare_advantage',
    expedited: false,
    days: 7,
    extensionDays: 14,
    citation: `42 CFR 422.568(b)(1), as amended by ${CMS_0057_F}`,
    text: 'from January 1, 2026, 7 calendar days after receipt; the 14-day extension of 422.568(b)(1)(i) remains',
    effectiveFrom: '2026-01-01',
    readIn: MA_READ,
  }),
  row({
    payer: 'medicare_advantage',
    expedited: true,
    hours: 72,
    extensionDays: 14,
    citation: '42 CFR 422.572(a), (b)',
    text:
      '"no later than 72 hours after receiving the request"; "may extend the 72-hour deadline by up to 14 ' +
      'calendar days"',
    effectiveFrom: '1998-07-27',
    readIn: 'an older copy of 422.572 (laws9); unchanged by CMS-0057-F',
  }),
  row({
    payer: 'medicare_advantage',
    expedited: false,
    partBDrug: true,
    hours: 72,
    citation: '42 CFR 422.568(b)(2)',
    text: 'a Part B drug request: 72 hours, without extension',
    effectiveFrom: '2020-01-01',
    readIn: 'secondary summary of the CY 2020 rule; text not read',
  }),
  row({
    payer: 'medicare_advantage',
    expedited: true,
    partBDrug: true,
    hours: 24,
    citation: '42 CFR 422.572(a)(2)',
    text: 'an expedited Part B drug request: 24 hours, without extension',
    effectiveFrom: '2020-01-01',
    readIn: 'secondary summary of the CY 2020 rule; text not read',
  }),
  // The 2016 managed care rule (81 FR 27498) applied to contracts from July 1, 2017; CHIP from July 1, 2018.
  ...MANAGED_CARE('medicaid_managed_care', '42 CFR 438.210(d)(1)', '2017-07-01'),
  ...MANAGED_CARE('chip_managed_care', '42 CFR 457.1230(d) applying 42 CFR 438.210(d)(1)', '2018-07-01'),
  row({
    payer: 'medicaid_fee_for_service',
    expedited: false,
    days: 7,
    citation: `42 CFR 440.230(e), added by ${CMS_0057_F}`,
    text: 'standard decisions "in no case later than 7 calendar days" after receipt, from January 1, 2026',
    effectiveFrom: '2026-01-01',
    readIn: 'state Medicaid summaries quoting 440.230(e); text not read in full',
  }),
  row({
    payer: 'medicaid_fee_for_service',
    expedited: true,
    hours: 72,
    citation: `42 CFR 440.230(e), added by ${CMS_0057_F}`,
    text: 'expedited decisions within 72 hours, from January 1, 2026',
    effectiveFrom: '2026-01-01',
    readIn: 'state Medicaid summaries quoting 440.230(e); text not read in full',
  }),
  // CMS-0057-F set no decision clock for marketplace plans: they keep the claims rule they already had.
  row({
    payer: 'marketplace_qhp',
    expedited: false,
    days: 15,
    extensionDays: 15,
    citation: '45 CFR 147.136(b)(3) applying 29 CFR 2560.503-1(f)(2)(iii)(A)',
    text: 'a pre-service claim: "not later than 15 days after receipt of the claim by the plan"',
    effectiveFrom: '2010-09-23',
    readIn: 'revassurance copy of 2560.503-1(f)(2)(iii)(A); QHP exclusion from CMS-0057-F clocks from summaries',
  }),
  row({
    payer: 'marketplace_qhp',
    expedited: true,
    hours: 72,
    citation: '45 CFR 147.136(b)(3) applying 29 CFR 2560.503-1(f)(2)(i)',
    text: 'a claim involving urgent care: "not later than 72 hours after receipt of the claim"',
    effectiveFrom: '2010-09-23',
    readIn: 'ERISA claims rule as already cited by initial-decisions.ts',
  }),
]);

/** What {@link computePriorAuthorizationDue} needs. */
export interface PriorAuthorizationInput {
  payer: PriorAuthorizationPayer;
  /** When the payer received the request: ISO instant with offset, or 'YYYY-MM-DD' (00:00 clinic time). */
  requestedAt: string;
  expedited?: boolean;
  /** A Medicare Part B drug (Medicare Advantage only). */
  partBDrug?: boolean;
  /** Medicaid/CHIP managed care: first day of the plan's rating period; the calendar year is assumed without it. */
  ratingPeriodStart?: string;
  /** IANA zone of the clinic. */
  timeZone: string;
}

/** When the payer owes its answer. */
export interface PriorAuthorizationDue extends TimedDeadline {
  basis: string;
  citation: string;
  effectiveFrom: string;
  ruleText: string;
  readIn: string;
  /** The latest the answer may come if the payer extends as the text allows, with notice. */
  extendedUntil?: TimedDeadline;
  notes: string[];
}

/**
 * When a payer owes its answer on a prior-authorization request: 72 hours (expedited) from the
 * instant of receipt, or a number of calendar days after the date of receipt.
 *
 * @throws DeadlineRuleError UNKNOWN_PLAN, BAD_DATE (including a request before any rule), BAD_TIME_ZONE
 */
export function computePriorAuthorizationDue(input: PriorAuthorizationInput): PriorAuthorizationDue {
  if (!isOneOf(PRIOR_AUTHORIZATION_PAYERS, input.payer)) {
    throw new DeadlineRuleError(
      'UNKNOWN_PLAN',
      `prior-authorization payer must be one of ${PRIOR_AUTHORIZATION_PAYERS.join(', ')}, ` +
        `got ${JSON.stringify(input.payer)}`,
    );
  }
  const expedited = input.expedited === true;
  const partBDrug = input.partBDrug === true && input.payer === 'medicare_advantage';
  const received = clinicMoment(input.requestedAt, 'requestedAt', input.timeZone);
  const candidates = PRIOR_AUTHORIZATION_RULES.filter(
    (r) => r.payer === input.payer && r.expedited === expedited && r.partBDrug === partBDrug,
  );
  const notes: string[] = [];
  let ruleDate = received.date;
  if (candidates.some((r) => r.byRatingPeriod)) {
    if (input.ratingPeriodStart === undefined) {
      notes.push(
        'rating period assumed to follow the calendar year; give ratingPeriodStart when the state contract ' +
          'year starts on another date (e.g. July 1)',
      );
    } else {
      ruleDate = parseIsoDate(input.ratingPeriodStart, 'ratingPeriodStart');
    }
  }
  const rule = ruleInForce(candidates, ruleDate);
  if (!rule) {
    throw new DeadlineRuleError(
      'BAD_DATE',
      `no ${input.payer} prior-authorization clock in this table for ${ruleDate}`,
    );
  }
  if (!received.timeKnown && rule.hours !== undefined) {
    notes.push('only the date of receipt was given: the clock starts at 00:00 clinic time, the earliest reading');
  }
  const due =
    rule.hours !== undefined
      ? deadlineAtInstant(hoursAfter(received.instant, rule.hours), input.timeZone)
      : deadlineEndOfDay(addDays(received.date, rule.days ?? 0), input.timeZone);
  const extendedUntil =
    rule.extensionDays === undefined
      ? undefined
      : deadlineEndOfDay(addDays(due.dueDate, rule.extensionDays), input.timeZone);
  const clock = rule.hours !== undefined ? `${rule.hours} hours` : `${rule.days} calendar days`;
  return {
    ...due,
    basis: `request received ${received.date}: the payer owes its answer ${due.words} (${clock}); ${rule.citation}`,
    citation: rule.citation,
    effectiveFrom: rule.effectiveFrom,
    ruleText: rule.text,
    readIn: rule.readIn,
    extendedUntil,
    notes,
  };
}
