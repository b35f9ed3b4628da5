/**
 * QIO fast-track appeals: by when the patient must ask the QIO, in hours, and what the QIO owes.
 * Pure: the notice's receipt, the service end or discharge date and the clinic's zone are passed in.
 */
import { isOneOf } from '../platform/guards.js';
import { addDays, daysBetween, parseIsoDate } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';
import {
  DISCHARGE_PROTECTION,
  FAST_TRACK_KINDS,
  FAST_TRACK_PLANS,
  FAST_TRACK_RULES,
  NOTICE_TIMING,
} from './fast-track-rules.js';
import type { FastTrackKind, FastTrackPlan, FastTrackRule } from './fast-track-rules.js';
import type { TimedDeadline } from './wall-clock.js';
import {
  clinicMoment,
  deadlineAt,
  deadlineAtInstant,
  deadlineEndOfDay,
  hoursAfter,
  ruleInForce,
} from './wall-clock.js';

/** What {@link computeFastTrackDeadline} needs. */
export interface FastTrackInput {
  plan: FastTrackPlan;
  kind: FastTrackKind;
  /**
   * When the patient received the Notice of Medicare Non-Coverage (`services_ending`): an ISO instant
   * with offset, or 'YYYY-MM-DD' on the clinic's calendar. Only its date counts.
   */
  noticeReceived?: string;
  /** The last covered day on the notice (`services_ending`) or the planned discharge date ('YYYY-MM-DD'). */
  serviceEnd?: string;
  /** IANA zone of the clinic, whose wall clock "noon" is read on. */
  timeZone: string;
  /** When the QIO received the request, if it has: gives the QIO's decision instant where the text counts hours. */
  qioRequestedAt?: string;
}

/** The fast-track deadline, with what follows from it. */
export interface FastTrackDeadline extends TimedDeadline {
  basis: string;
  citation: string;
  /** The date the rule followed took effect. */
  effectiveFrom: string;
  /** The regulation's words and where they were read. */
  ruleText: string;
  readIn: string;
  /** What is left, and what is lost, after the deadline. */
  ifMissed: string;
  /** A late hospital-discharge request after leaving (Original Medicare): the last day, 30 days after discharge. */
  lateRequestLastDay?: string;
  /** The QIO's decision timeframe, in words with its citation. */
  qioDecision: string;
  /** The QIO's decision instant, where the text counts hours from the request and the request time is known. */
  qioDecisionDue?: TimedDeadline;
  notes: string[];
}

function requireInput<T extends string>(value: T | undefined, field: string, why: string): T {
  if (value === undefined) throw new DeadlineRuleError('BAD_DATE', `${field} is required: ${why}`);
  return value;
}

function findRule(plan: FastTrackPlan, kind: FastTrackKind, date: string): FastTrackRule {
  const rule = ruleInForce(
    FAST_TRACK_RULES.filter((r) => r.plan === plan && r.kind === kind),
    date,
  );
  if (!rule) {
    const first = FAST_TRACK_RULES.filter((r) => r.plan === plan && r.kind === kind)
      .map((r) => r.effectiveFrom)
      .sort()[0];
    throw new DeadlineRuleError('BAD_DATE', `no ${plan} ${kind} fast-track rule before ${first}; got ${date}`);
  }
  return rule;
}

/** The provider's notice came less than 2 days before services end (Original Medicare). */
function lateNoticeNote(received: string, serviceEnd: string): string | undefined {
  if (daysBetween(received, serviceEnd) >= 2) return undefined;
  const paidUntil = [addDays(received, 2), serviceEnd].sort()[1];
  return (
    `the notice was received ${received}, less than 2 days before services end ${serviceEnd}: unless the ` +
    `services were expected to last fewer than 2 days, the provider pays for services until ${paidUntil} ` +
    `(${NOTICE_TIMING.citation})`
  );
}

function servicesEnding(input: FastTrackInput): FastTrackDeadline {
  const receivedText = requireInput(input.noticeReceived, 'noticeReceived', 'the deadline counts from it');
  const received = clinicMoment(receivedText, 'noticeReceived', input.timeZone);
  const rule = findRule(input.plan, 'services_ending', received.date);
  const due = deadlineAt(addDays(received.date, 1), '12:00', input.timeZone);
  const notes: string[] = [];
  if (input.serviceEnd !== undefined && input.plan === 'medicare_ab') {
    const note = lateNoticeNote(received.date, parseIsoDate(input.serviceEnd, 'serviceEnd'));
    if (note) notes.push(note);
  }
  notes.push(
    "noon is read on the clinic's clock; the QIO is the one for the State where the patient receives the services",
  );
  let qioDecisionDue: TimedDeadline | undefined;
  if (input.qioRequestedAt !== undefined && rule.qioDecision.hours !== undefined) {
    const requested = clinicMoment(input.qioRequestedAt, 'qioRequestedAt', input.timeZone);
    qioDecisionDue = deadlineAtInstant(hoursAfter(requested.instant, rule.qioDecision.hours), input.timeZone);
  }
  return {
    ...due,
    basis:
      `notice received ${received.date}: ask the QIO ${due.words} (noon of the calendar day after receipt); ` +
      rule.citation,
    citation: rule.citation,
    effectiveFrom: rule.effectiveFrom,
    ruleText: rule.text,
    readIn: rule.readIn,
    ifMissed: `${rule.ifMissed.text} (${rule.ifMissed.citation})`,
    qioDecision: `${rule.qioDecision.text} (${rule.qioDecision.citation})`,
    qioDecisionDue,
    notes,
  };
}

function hospitalDischarge(input: FastTrackInput): FastTrackDeadline {
  const dischargeText = requireInput(input.serviceEnd, 'serviceEnd', 'the planned discharge date is the deadline');
  const discharge = parseIsoDate(dischargeText, 'serviceEnd');
  const rule = findRule(input.plan, 'hospital_discharge', discharge);
  const due = deadlineEndOfDay(discharge, input.timeZone);
  const protection = DISCHARGE_PROTECTION[input.plan];
  return {
    ...due,
    basis:
      `planned discharge ${discharge}: ask the QIO ${due.words} ` +
      `(no later than the day of discharge); ${rule.citation}`,
    citation: rule.citation,
    effectiveFrom: rule.effectiveFrom,
    ruleText: rule.text,
    readIn: rule.readIn,
    ifMissed: `${rule.ifMissed.text} (${rule.ifMissed.citation})`,
    lateRequestLastDay: input.plan === 'medicare_ab' ? addDays(discharge, 30) : undefined,
    qioDecision: `${rule.qioDecision.text} (${rule.qioDecision.citation})`,
    notes: [`a timely request: ${protection.text} (${protection.citation})`],
  };
}

/**
 * The QIO fast-track deadline for a Medicare patient whose services are ending or who is being
 * discharged: a date, a time and a zone ("by noon, clinic time, Tue 2026-12-01").
 *
 * @param input - plan, kind, the notice's receipt or the service end / discharge date, the clinic's zone
 * @throws DeadlineRuleError UNKNOWN_PLAN (a plan with no QIO fast track), BAD_DATE, BAD_TIME_ZONE
 */
export function computeFastTrackDeadline(input: FastTrackInput): FastTrackDeadline {
  if (!isOneOf(FAST_TRACK_PLANS, input.plan)) {
    throw new DeadlineRuleError(
      'UNKNOWN_PLAN',
      `QIO fast-track appeals exist for ${FAST_TRACK_PLANS.join(' and ')}, not ${JSON.stringify(input.plan)}`,
    );
  }
  if (!isOneOf(FAST_TRACK_KINDS, input.kind)) {
    throw new DeadlineRuleError(
      'UNKNOWN_LEVEL',
      `a fast-track appeal is one of ${FAST_TRACK_KINDS.join(', ')}, got ${JSON.stringify(input.kind)}`,
    );
  }
  return input.kind === 'services_ending' ? servicesEnding(input) : hospitalDischarge(input);
}
