/**
 * Medicaid managed care: the date by which an appeal must be filed for benefits to continue while it
 * is pending (42 CFR 438.420). It applies only when services already authorized are terminated,
 * suspended or reduced: a new service denied, or a payment denied, has nothing to continue.
 */
import { isOneOf } from '../platform/guards.js';
import { addDays, parseIsoDate } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';
import type { ComputedDeadline } from './deadline.types.js';
import type { RuleSource } from './wall-clock.js';

const CITATION = '42 CFR 438.420';

/** The plan's action the case appeals, as the notice of adverse benefit determination states it. */
export const MEDICAID_ACTIONS = [
  'new_service_denied',
  'authorized_service_reduced',
  'authorized_service_suspended',
  'authorized_service_terminated',
  'payment_denied',
] as const;
export type MedicaidAction = (typeof MEDICAID_ACTIONS)[number];

/** The actions that take away something already authorized: the only ones benefits continue through. */
const CONTINUABLE: readonly MedicaidAction[] = [
  'authorized_service_reduced',
  'authorized_service_suspended',
  'authorized_service_terminated',
];

/** The rule, as the 2016 managed care rule (81 FR 27498, May 6, 2016) wrote it. */
export const CONTINUATION_OF_BENEFITS_RULE: RuleSource = {
  citation: '42 CFR 438.420(a), (b)',
  text:
    '"timely files" means "on or before the later of" 10 calendar days from the plan sending the notice of ' +
    'adverse benefit determination and "the intended effective date" of the action; benefits continue when ' +
    '"the appeal involves the termination, suspension, or reduction of previously authorized services", the ' +
    'services were ordered by an authorized provider, "the period covered by the original authorization has ' +
    'not expired" and the enrollee timely files for continuation',
  // States applied the 2016 appeal rules to contracts starting on or after July 1, 2017. The earlier text
  // (2015 edition: "within ten days of the MCO or PIHP mailing the notice of action") counted the same way.
  effectiveFrom: '2017-07-01',
  readIn:
    'Oregon OAR 410-141-3910 and state contracts restating 438.420(b) after 2016; the 2015 edition for the ' +
    'earlier text; the current eCFR page itself was not read',
};

/**
 * The later of 10 days after the notice date and the intended effective date of the action.
 * Not rolled over: no source grants a rollover, and filing by the calendar date is safe.
 *
 * Callers that know the plan's action should use {@link continuationOfBenefits}, which answers
 * only where continuation applies.
 *
 * @param input - the notice date and, when the notice states one, the intended effective date
 * @throws DeadlineRuleError BAD_DATE
 */
export function computeContinuationOfBenefitsDeadline(input: {
  noticeDate: string;
  intendedEffectiveDate?: string;
}): ComputedDeadline {
  const noticeDate = parseIsoDate(input.noticeDate, 'noticeDate');
  const tenDays = addDays(noticeDate, 10);
  const effective =
    input.intendedEffectiveDate === undefined
      ? undefined
      : parseIsoDate(input.intendedEffectiveDate, 'intendedEffectiveDate');
  const useEffective = effective !== undefined && effective > tenDays;
  const dueDate = useEffective ? effective : tenDays;
  const why =
    effective === undefined
      ? 'no intended effective date given'
      : useEffective
        ? `the intended effective date ${effective} is later`
        : `the intended effective date ${effective} is not later`;
  return {
    dueDate,
    citation: CITATION,
    countedFrom: 'notice',
    basis:
      `to keep benefits during the appeal, file by the later of 10 days after the ` +
      `notice (${noticeDate} + 10 days = ${tenDays}) and the intended effective ` +
      `date (${why}) → ${dueDate}; ${CITATION}`,
  };
}

/** What {@link continuationOfBenefits} needs. */
export interface ContinuationOfBenefitsInput {
  noticeDate: string;
  intendedEffectiveDate?: string;
  action: MedicaidAction;
  /** The last day of the original authorization, when known: an expired one has nothing to continue. */
  authorizationEnds?: string;
}

/** The continuation date where it applies, or why it does not. */
export type ContinuationOfBenefits =
  | { applies: true; deadline: ComputedDeadline; effectiveFrom: string; notes: string[] }
  | { applies: false; deadline: null; reason: string; citation: string; effectiveFrom: string };

/**
 * Whether benefits can continue during a Medicaid plan appeal, and by when to file for it.
 *
 * @throws DeadlineRuleError BAD_DATE, BAD_DECISION_KIND (an action the engine does not know)
 */
export function continuationOfBenefits(input: ContinuationOfBenefitsInput): ContinuationOfBenefits {
  if (!isOneOf(MEDICAID_ACTIONS, input.action)) {
    throw new DeadlineRuleError(
      'BAD_DECISION_KIND',
      `action must be one of ${MEDICAID_ACTIONS.join(', ')}, got ${JSON.stringify(input.action)}`,
    );
  }
  const { effectiveFrom } = CONTINUATION_OF_BENEFITS_RULE;
  const citation = '42 CFR 438.420(b)(2)';
  if (!CONTINUABLE.includes(input.action)) {
    const what = input.action === 'payment_denied' ? 'a denied payment' : 'a service never authorized';
    return {
      applies: false,
      deadline: null,
      reason:
        'continuation of benefits covers only previously authorized services that are terminated, ' +
        `suspended or reduced; ${what} has nothing to continue (${citation})`,
      citation,
      effectiveFrom,
    };
  }
  const noticeDate = parseIsoDate(input.noticeDate, 'noticeDate');
  if (
    input.authorizationEnds !== undefined &&
    parseIsoDate(input.authorizationEnds, 'authorizationEnds') < noticeDate
  ) {
    return {
      applies: false,
      deadline: null,
      reason:
        `the original authorization ended ${input.authorizationEnds}, before the notice: benefits continue ` +
        'only while it has not expired (42 CFR 438.420(b)(4))',
      citation: '42 CFR 438.420(b)(4)',
      effectiveFrom,
    };
  }
  const notes = [
    "the enrollee must ask for continuation: a provider filing with the enrollee's consent cannot " +
      '(42 CFR 438.402(c)(1)(ii))',
  ];
  if (noticeDate < effectiveFrom) {
    notes.push('a notice before 2017-07-01 falls under the earlier text, which counted the same way');
  }
  return {
    applies: true,
    deadline: computeContinuationOfBenefitsDeadline({ noticeDate, intendedEffectiveDate: input.intendedEffectiveDate }),
    effectiveFrom,
    notes,
  };
}
