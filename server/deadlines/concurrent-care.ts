/**
 * ERISA concurrent care: an ongoing course of treatment the plan approved. The plan may not cut it
 * short without leaving time to appeal and be decided first, and an urgent request to extend it is
 * decided within 24 hours when made at least 24 hours before the course ends.
 */
import { DeadlineRuleError } from './deadline-rule.error.js';
import type { RuleSource, TimedDeadline } from './wall-clock.js';
import { clinicMoment, deadlineAtInstant, hoursAfter } from './wall-clock.js';

const READ_IN =
  '29 CFR 2560.503-1(f)(2)(ii) as quoted, word for word, by plan documents and the Zenefits summary; ' +
  'the eCFR page itself was not read';

/** The rule for a reduction or termination of an approved course of treatment. */
export const CONCURRENT_CARE_REDUCTION: RuleSource = {
  citation: '29 CFR 2560.503-1(f)(2)(ii)(A)',
  text:
    'a reduction or termination before the end of the approved period or number of treatments is an adverse ' +
    'benefit determination, notified "at a time sufficiently in advance of the reduction or termination to ' +
    'allow the claimant to appeal and obtain a determination on review ... before the benefit is reduced ' +
    'or terminated"',
  // 65 FR 70246 (Nov. 21, 2000); group health plans from the first plan year beginning on or after July 1, 2002.
  effectiveFrom: '2002-07-01',
  readIn: READ_IN,
};

/** The rule for an urgent request to extend the course. */
export const CONCURRENT_CARE_EXTENSION: RuleSource = {
  citation: '29 CFR 2560.503-1(f)(2)(ii)(B)',
  text:
    'an urgent request to extend the course is decided "within 24 hours after receipt of the claim by the plan, ' +
    'provided that any such claim is made to the plan at least 24 hours prior to the expiration of the ' +
    'prescribed period of time or number of treatments"',
  effectiveFrom: '2002-07-01',
  readIn: READ_IN,
};

/** A late urgent extension request falls back to the urgent-care clock. */
const URGENT_CLAIM_HOURS = 72;
const URGENT_CLAIM_CITATION = '29 CFR 2560.503-1(f)(2)(i)';
/** The urgent-care appeal clock: how much room a reduction notice must leave. */
const URGENT_APPEAL_HOURS = 72;
const URGENT_APPEAL_CITATION = '29 CFR 2560.503-1(i)(2)(i)';

/** What {@link computeConcurrentCareWatch} needs. */
export interface ConcurrentCareInput {
  /**
   * When the approved course ends or the reduction takes effect: an ISO instant, or 'YYYY-MM-DD'
   * (taken as 00:00 that day in the clinic's zone, the earliest reading).
   */
  courseEnds: string;
  timeZone: string;
  /** When the plan's notice of reduction or termination arrived, if there is one. */
  reductionNoticeReceived?: string;
  /** When the clinic asked the plan to extend the course, if it has. */
  extensionRequestedAt?: string;
}

/** What the clinic must watch on an approved course of treatment. */
export interface ConcurrentCareWatch {
  /** The end of the approved course (or the reduction's effective moment). */
  courseEnds: TimedDeadline;
  /** The latest moment an urgent extension request earns the 24-hour decision. */
  requestExtensionBy: TimedDeadline;
  /** When the plan owes its answer on an extension request that was made. */
  extensionDecisionDue?: TimedDeadline;
  /** Set when a reduction notice leaves less room than an urgent appeal can take. */
  warning?: string;
  basis: string;
  citation: string;
  effectiveFrom: string;
  notes: string[];
}

/**
 * The dates a clinic watches on an ongoing course of treatment under an ERISA group health plan:
 * the course's end, the last moment to ask for an urgent extension, and the plan's answer.
 *
 * @throws DeadlineRuleError BAD_DATE, BAD_TIME_ZONE
 */
export function computeConcurrentCareWatch(input: ConcurrentCareInput): ConcurrentCareWatch {
  const ends = clinicMoment(input.courseEnds, 'courseEnds', input.timeZone);
  const courseEnds = deadlineAtInstant(ends.instant, input.timeZone);
  const requestExtensionBy = deadlineAtInstant(hoursAfter(ends.instant, -24), input.timeZone);
  const notes = [`the plan may not reduce or end the course early without notice: ${CONCURRENT_CARE_REDUCTION.text}`];
  if (!ends.timeKnown) notes.push('only the end date was given: the course is taken to end at 00:00 that day');

  let extensionDecisionDue: TimedDeadline | undefined;
  if (input.extensionRequestedAt !== undefined) {
    const asked = clinicMoment(input.extensionRequestedAt, 'extensionRequestedAt', input.timeZone);
    if (asked.instant.getTime() > ends.instant.getTime()) {
      throw new DeadlineRuleError('BAD_DATE', 'extensionRequestedAt is after the course ended: that is a new claim');
    }
    const inTime = asked.instant.getTime() <= hoursAfter(ends.instant, -24).getTime();
    const hours = inTime ? 24 : URGENT_CLAIM_HOURS;
    extensionDecisionDue = deadlineAtInstant(hoursAfter(asked.instant, hours), input.timeZone);
    notes.push(
      inTime
        ? 'extension asked at least 24 hours before the end: decided within 24 hours ' +
            `(${CONCURRENT_CARE_EXTENSION.citation})`
        : `extension asked less than 24 hours before the end: the urgent-care clock of ${URGENT_CLAIM_HOURS} hours ` +
            `applies instead (${URGENT_CLAIM_CITATION})`,
    );
  }

  let warning: string | undefined;
  if (input.reductionNoticeReceived !== undefined) {
    const notice = clinicMoment(input.reductionNoticeReceived, 'reductionNoticeReceived', input.timeZone);
    const room = (ends.instant.getTime() - notice.instant.getTime()) / 3_600_000;
    if (room < URGENT_APPEAL_HOURS) {
      warning =
        `the reduction notice leaves ${Math.max(0, Math.floor(room))} hours before the course ends; an urgent ` +
        `appeal may take ${URGENT_APPEAL_HOURS} hours (${URGENT_APPEAL_CITATION}), so the notice may not have come ` +
        `"sufficiently in advance" (${CONCURRENT_CARE_REDUCTION.citation}): appeal now and say so`;
    }
  }

  return {
    courseEnds,
    requestExtensionBy,
    extensionDecisionDue,
    warning,
    basis:
      `approved course ends ${courseEnds.words}; ask for an urgent extension ${requestExtensionBy.words} ` +
      `to be decided within 24 hours; ${CONCURRENT_CARE_EXTENSION.citation}`,
    citation: `${CONCURRENT_CARE_REDUCTION.citation}, ${CONCURRENT_CARE_EXTENSION.citation}`,
    effectiveFrom: CONCURRENT_CARE_EXTENSION.effectiveFrom,
    notes,
  };
}
