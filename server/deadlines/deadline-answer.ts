/**
 * The answer the CLI and `POST /api/v1/deadlines/compute` give: the filing deadline with what a
 * person needs beside it, chosen from plan type, level, appellant and the payer's action.
 * - a QIO fast-track "level" (`qio_services_ending`, `qio_hospital_discharge`) answers by the hour;
 * - an appellant picks the route: a contracted provider's payment dispute follows the contract's
 *   window (the payer's), not the member appeal; a route that needs a document says which;
 * - a Medicaid action says whether benefits continue during the appeal, and by when to file for it;
 * - an ERISA or marketplace course of treatment being cut (`--service-end`) adds the concurrent-care watch.
 * Pure, as the rest of the engine.
 */
import { isOneOf } from '../platform/guards.js';
import { nextAppealLevel, requireLevel, type AppealLevel } from './appeal-levels.js';
import { appellantRoute, APPELLANTS, type AppealRoute, type RequiredDocument } from './appellant-route.js';
import { describeDecisionTimeframes } from './compute-decision-due.js';
import { computeFilingDeadline } from './compute-filing-deadline.js';
import { computeConcurrentCareWatch, type ConcurrentCareWatch } from './concurrent-care.js';
import { continuationOfBenefits, MEDICAID_ACTIONS, type ContinuationOfBenefits } from './continuation-of-benefits.js';
import { DeadlineRuleError } from './deadline-rule.error.js';
import type { ComputedDeadline, FilingDeadlineInput } from './deadline.types.js';
import { computeFastTrackDeadline } from './fast-track.js';
import { FAST_TRACK_KINDS, FAST_TRACK_PLANS, type FastTrackKind } from './fast-track-rules.js';

/** The fast-track requests, asked for as levels: they sit beside the appeal ladder, not on it. */
export const FAST_TRACK_LEVELS = ['qio_services_ending', 'qio_hospital_discharge'] as const;
const KIND_OF: Record<FastTrackLevel, FastTrackKind> = {
  qio_services_ending: FAST_TRACK_KINDS[0],
  qio_hospital_discharge: FAST_TRACK_KINDS[1],
};
export type FastTrackLevel = (typeof FAST_TRACK_LEVELS)[number];

/** What the CLI and the route ask: a filing deadline's input, where the level may be a fast-track request. */
export type DeadlineQuestion = Omit<FilingDeadlineInput, 'level'> & { level: AppealLevel | FastTrackLevel };

/** Actions that cut a course of treatment already approved. */
const CUTS: readonly string[] = ['authorized_service_reduced', 'authorized_service_terminated'];

/** The filing deadline as the CLI and `POST /api/v1/deadlines/compute` answer it. */
export interface FilingDeadlineAnswer {
  plan: FilingDeadlineInput['plan'];
  level: AppealLevel | FastTrackLevel;
  expedited: boolean;
  noticeDate: string;
  receivedDate?: string;
  filingDeadline: string;
  /** Hour-based rules only (QIO fast track): the time of day and its zone, and the instant. */
  filingDeadlineTime?: { time: string; timeZone: string; at: string; words: string };
  /** Where the last day stands on a weekend or holiday: the working day before it ("Thu 2026-07-02"). */
  lastBusinessDay?: string;
  countedFrom?: ComputedDeadline['countedFrom'];
  basis: string;
  citation: string;
  rolledOver?: { from: string; reason: string };
  /** The reviewer's decision timeframes in words, or "no regulatory decision deadline: …". */
  decisionTimeframe: string;
  ruleEffectiveFrom?: string;
  ruleSource?: string;
  nextLevel: AppealLevel | null;
  /** Who files, the route that follows, and the document it needs on file. */
  appellant?: { who: string; route: AppealRoute; requiredDocument: RequiredDocument | null; basis: string };
  /** Medicaid: whether benefits continue during the appeal, and by when to file for that. */
  continuationOfBenefits?: { applies: boolean; dueDate: string | null; basis: string; citation: string };
  /** An approved course of treatment being cut: by when to ask for more, and what the plan owes. */
  concurrentCare?: ConcurrentCareWatch;
  /** What to do if the deadline is missed (fast track). */
  ifMissed?: string;
}

const isFastTrackLevel = (level: string): level is FastTrackLevel => isOneOf(FAST_TRACK_LEVELS, level);

function requireTimeZone(input: DeadlineQuestion, why: string): string {
  if (!input.timeZone) throw new DeadlineRuleError('BAD_TIME_ZONE', `give the clinic's time zone (timeZone): ${why}`);
  return input.timeZone;
}

/** A QIO fast-track request: a deadline with a time of day, in the clinic's zone. */
function answerFastTrack(input: DeadlineQuestion, level: FastTrackLevel): FilingDeadlineAnswer {
  if (!isOneOf(FAST_TRACK_PLANS, input.plan))
    throw new DeadlineRuleError(
      'UNKNOWN_LEVEL',
      `QIO fast-track appeals are Medicare's (${FAST_TRACK_PLANS.join(', ')}); ${input.plan} has none`,
    );
  const timeZone = requireTimeZone(input, 'a fast-track deadline is an hour of the clinic’s day');
  const d = computeFastTrackDeadline({
    plan: input.plan,
    kind: KIND_OF[level],
    noticeReceived: input.receivedDate ?? input.noticeDate,
    serviceEnd: input.serviceEnd,
    timeZone,
  });
  return {
    plan: input.plan,
    level,
    expedited: true,
    noticeDate: input.noticeDate,
    ...(input.receivedDate === undefined ? {} : { receivedDate: input.receivedDate }),
    filingDeadline: d.dueDate,
    filingDeadlineTime: { time: d.dueTime, timeZone: d.timeZone, at: d.dueAt, words: d.words },
    basis: d.basis,
    citation: d.citation,
    decisionTimeframe: d.qioDecision,
    ruleEffectiveFrom: d.effectiveFrom,
    ruleSource: d.readIn,
    nextLevel: null,
    ifMissed: d.ifMissed,
  };
}

/** The appellant's route; refused (as a rule error) when that appellant may not file the level. */
function routeOf(input: DeadlineQuestion, level: AppealLevel) {
  if (input.appellant === undefined) return null;
  if (!isOneOf(APPELLANTS, input.appellant))
    throw new DeadlineRuleError(
      'UNKNOWN_APPELLANT',
      `appellant must be one of ${APPELLANTS.join(', ')}, got ${JSON.stringify(input.appellant)}`,
    );
  const route = appellantRoute({ plan: input.plan, level, appellant: input.appellant, expedited: input.expedited });
  if (!route.allowed)
    throw new DeadlineRuleError(
      'NOT_FILEABLE',
      `${route.reason}${route.instead ? ` Instead: ${route.instead.replaceAll('_', ' ')}.` : ''} (${route.citation})`,
    );
  return { ...route, who: input.appellant };
}

function continuationOf(
  input: FilingDeadlineInput,
  level: AppealLevel,
): FilingDeadlineAnswer['continuationOfBenefits'] {
  if (input.action === undefined || input.plan !== 'medicaid_managed_care' || level !== 'plan_appeal') return undefined;
  if (!isOneOf(MEDICAID_ACTIONS, input.action))
    throw new DeadlineRuleError(
      'BAD_DECISION_KIND',
      `action must be one of ${MEDICAID_ACTIONS.join(', ')}, got ${JSON.stringify(input.action)}`,
    );
  const c: ContinuationOfBenefits = continuationOfBenefits({ noticeDate: input.noticeDate, action: input.action });
  if (!c.applies) return { applies: false, dueDate: null, basis: c.reason, citation: c.citation };
  // Only the enrollee may ask to keep benefits, whoever files the appeal.
  const whoAsks =
    input.appellant === 'medicaid_provider_with_consent'
      ? ' The provider cannot request continuation of benefits: the enrollee must (42 CFR 438.420(b)(5)).'
      : '';
  return {
    applies: true,
    dueDate: c.deadline.dueDate,
    basis: c.deadline.basis + whoAsks,
    citation: c.deadline.citation,
  };
}

function concurrentCareOf(input: DeadlineQuestion): ConcurrentCareWatch | undefined {
  const planCovered = input.plan === 'erisa_group' || input.plan === 'aca_individual';
  if (!planCovered || !input.serviceEnd || !CUTS.includes(input.action ?? '')) return undefined;
  return computeConcurrentCareWatch({
    courseEnds: input.serviceEnd,
    timeZone: requireTimeZone(input, 'the concurrent-care rule counts hours before the course ends'),
    reductionNoticeReceived: input.receivedDate ?? input.noticeDate,
  });
}

/**
 * The filing deadline with what a person needs beside it: the decision timeframe of the level,
 * the date the rule applied took effect, the next level, and — where the input names them — the
 * appellant's route, continuation of benefits and the concurrent-care watch.
 * @throws DeadlineRuleError as {@link computeFilingDeadline}; NOT_FILEABLE for an appellant who may not file
 */
export function answerFilingDeadline(question: DeadlineQuestion): FilingDeadlineAnswer {
  if (isFastTrackLevel(question.level)) return answerFastTrack(question, question.level);
  const input: FilingDeadlineInput = { ...question, level: requireLevel(question.plan, question.level) };
  const level = input.level;
  const route = routeOf(input, level);
  // A contracted provider's payment dispute runs on the contract's window, which only the payer sets.
  const deadline =
    route?.route === 'provider_dispute'
      ? computeFilingDeadline({ ...input, plan: 'other', level: 'payer_appeal' })
      : computeFilingDeadline(input);
  const continuation = continuationOf(input, level);
  const concurrentCare = concurrentCareOf(input);
  return {
    plan: input.plan,
    level,
    expedited: input.expedited === true,
    noticeDate: input.noticeDate,
    ...(input.receivedDate === undefined ? {} : { receivedDate: input.receivedDate }),
    filingDeadline: deadline.dueDate,
    ...(deadline.lastBusinessDay === undefined ? {} : { lastBusinessDay: deadline.lastBusinessDay }),
    countedFrom: deadline.countedFrom,
    basis: deadline.basis,
    citation: deadline.citation,
    ...(deadline.rolledOver ? { rolledOver: deadline.rolledOver } : {}),
    decisionTimeframe: describeDecisionTimeframes({ plan: input.plan, level, noticeDate: input.noticeDate }),
    ...(deadline.ruleEffectiveFrom === undefined ? {} : { ruleEffectiveFrom: deadline.ruleEffectiveFrom }),
    ...(deadline.ruleSource === undefined ? {} : { ruleSource: deadline.ruleSource }),
    nextLevel: nextAppealLevel(input.plan, level),
    ...(route
      ? {
          appellant: {
            who: route.who,
            route: route.route,
            requiredDocument: route.requiredDocument,
            basis: route.basis,
          },
        }
      : {}),
    ...(continuation ? { continuationOfBenefits: continuation } : {}),
    ...(concurrentCare ? { concurrentCare } : {}),
  };
}
