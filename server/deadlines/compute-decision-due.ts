/**
 * When the reviewer's decision is due, counted from the day it received the request.
 *
 * Decision dates are not rolled off weekends: they are the reviewer's obligation, and the
 * regulations count calendar days, so the engine flags a late decision at the earliest date.
 */
import { requireLevel } from './appeal-levels.js';
import type { DecisionKind, DecisionTimeframeRule, Timeframe } from './appeal-rule.types.js';
import { findAppealRule } from './appeal-rules.js';
import { addDays, calendarDateIn, clockWords, parseSubmission, type Submission } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';
import type { ComputedDeadline, DecisionDueInput, DecisionTimeframeResult } from './deadline.types.js';
import { describeLength, endOfWindow } from './payer-window.js';

const KIND_WORDS: Record<DecisionKind, string> = {
  pre_service: 'pre-service',
  post_service: 'post-service',
  payment: 'payment',
  part_b_drug: 'Part B drug',
  coverage: 'standard coverage',
};

const MS_PER_HOUR = 3_600_000;

function byTimeframe(timeframe: Timeframe, submission: Submission, label: string) {
  if ('hours' in timeframe) {
    const dueAt = new Date(submission.instant.getTime() + timeframe.hours * MS_PER_HOUR).toISOString();
    return {
      dueDate: calendarDateIn(new Date(dueAt), submission.timeZone),
      dueAt,
      text:
        `${label}: ${timeframe.hours} hours after the request was received (${submission.text}) → ` +
        clockWords(new Date(dueAt), submission.timeZone),
    };
  }
  const dueDate = endOfWindow(submission.date, timeframe.days, timeframe.unit);
  return {
    dueDate,
    text:
      `${label}: ${describeLength(timeframe.days, timeframe.unit)} after the request ` +
      `was received (${submission.text}) → ${dueDate}`,
  };
}

/**
 * The due date moved by the extension the reviewer gave in writing, where its rule allows one for
 * the kind of request (Medicaid plan appeals, 42 CFR 438.408(c); Medicare Advantage requests for a
 * service, 42 CFR 422.590(f)).
 */
function extended(
  due: { dueDate: string; dueAt?: string; text: string },
  decision: DecisionTimeframeRule,
  input: DecisionDueInput,
  kind: DecisionKind,
  timeZone: string,
) {
  const days = input.extensionDays;
  if (days === undefined) return due;
  if (!decision.extension)
    throw new DeadlineRuleError(
      'NO_EXTENSION',
      `the ${input.level} decision of ${input.plan} has no extension in the rules`,
    );
  if (decision.extension.kinds !== undefined && !decision.extension.kinds.includes(kind)) {
    throw new DeadlineRuleError(
      'NO_EXTENSION',
      `a ${KIND_WORDS[kind]} ${input.level} decision of ${input.plan} may not be extended ` +
        `(${decision.extension.citation})`,
    );
  }
  if (!Number.isInteger(days) || days < 1 || days > decision.extension.maxDays) {
    throw new DeadlineRuleError(
      'BAD_EXTENSION',
      `an extension must be 1 to ${decision.extension.maxDays} days, got ${JSON.stringify(days)}`,
    );
  }
  const dueAt =
    due.dueAt === undefined ? undefined : new Date(Date.parse(due.dueAt) + days * 24 * MS_PER_HOUR).toISOString();
  const dueDate = dueAt === undefined ? addDays(due.dueDate, days) : calendarDateIn(new Date(dueAt), timeZone);
  return {
    dueDate,
    ...(dueAt ? { dueAt } : {}),
    text:
      `${due.text}, extended by ${days} days with written notice (${decision.extension.citation}) ` +
      `→ ${dueAt ? clockWords(new Date(dueAt), timeZone) : dueDate}`,
  };
}

const KNOWN_KINDS = Object.keys(KIND_WORDS);
const isDecisionKind = (kind: string): kind is DecisionKind => KNOWN_KINDS.includes(kind);

/**
 * The standard timeframe for a kind of request. A kind the level does not distinguish (a
 * "coverage" request to an ERISA plan) falls back to the level's default kind, which is never
 * longer than the timeframes it stands for, and the basis says so: callers pass a case's request
 * type for every level, and a date with a note serves them better than an error.
 */
function chooseKind(decision: DecisionTimeframeRule, kind: DecisionKind | undefined, notes: string[]): DecisionKind {
  if (kind !== undefined && !isDecisionKind(kind)) {
    throw new DeadlineRuleError(
      'BAD_DECISION_KIND',
      `unknown decision kind ${JSON.stringify(kind)}; expected one of ${KNOWN_KINDS.join(', ')}`,
    );
  }
  const chosen = kind ?? decision.defaultKind;
  if (decision.days[chosen] !== undefined) return chosen;
  notes.push(
    `this level has no separate ${KIND_WORDS[chosen]} timeframe, so the ${KIND_WORDS[decision.defaultKind]} ` +
      `one applies`,
  );
  return decision.defaultKind;
}

/**
 * What the rules say about the decision on a filed level: a due date by kind of request
 * (pre-service, post-service, payment, Part B drug, Part D coverage) or by the expedited rule;
 * `no_regulatory_deadline` where the regulation sets none (never overdue: Medicare Advantage ALJ
 * and Council, federal court); `not_computed` where one exists that the engine cannot count.
 * A 72-hour timeframe gives `dueAt` = submittedAt + 72 hours exactly and `dueDate` = its date in `timeZone`.
 *
 * @param input - plan type, level, when the reviewer received the request, expedited, kind, extension
 * @throws DeadlineRuleError UNKNOWN_PLAN, UNKNOWN_LEVEL, NO_RULE, BAD_DATE, BAD_TIME_ZONE,
 *   BAD_DECISION_KIND (not a decision kind at all), NO_EXPEDITED (Original Medicare has no expedited
 *   process), NO_EXTENSION (an extension where the rule or the kind has none), BAD_EXTENSION
 */
export function computeDecisionTimeframe(input: DecisionDueInput): DecisionTimeframeResult {
  const level = requireLevel(input.plan, input.level);
  const submission = parseSubmission(input.submittedAt, input.timeZone);
  const rule = findAppealRule(input.plan, level, submission.date);
  if (input.expedited === true && rule.noExpedited !== undefined) {
    throw new DeadlineRuleError('NO_EXPEDITED', `no expedited ${level} for ${input.plan}. ${rule.noExpedited}`);
  }
  const decision = rule.decision;
  if (decision === null) {
    if (input.extensionDays !== undefined)
      throw new DeadlineRuleError(
        'NO_EXTENSION',
        `the ${input.level} decision of ${input.plan} has no timeframe in the rules to extend`,
      );
    const why = rule.decisionNote ?? 'none set';
    return rule.noRegulatoryDeadline === true
      ? { kind: 'no_regulatory_deadline', basis: `no regulatory decision deadline: ${why}` }
      : { kind: 'not_computed', basis: `no computed decision timeframe: ${why}` };
  }

  const notes: string[] = [];
  // The kind still matters when expedited: it decides whether an extension is allowed.
  const kindNotes: string[] = [];
  const kind = chooseKind(decision, input.decisionKind, kindNotes);
  let chosen: { timeframe: Timeframe; label: string };
  if (input.expedited === true && decision.expedited !== undefined) {
    chosen = { timeframe: decision.expedited, label: 'expedited' };
  } else {
    chosen = { timeframe: { days: decision.days[kind] ?? 0, unit: 'calendar' }, label: KIND_WORDS[kind] };
    notes.push(...kindNotes);
    if (input.expedited === true)
      notes.push('this level has no expedited timeframe in the rules, so the standard one is shown');
  }
  if (decision.note !== undefined && !('hours' in chosen.timeframe)) notes.push(decision.note);

  const due = extended(
    byTimeframe(chosen.timeframe, submission, chosen.label),
    decision,
    input,
    kind,
    submission.timeZone,
  );
  return {
    kind: 'due',
    dueDate: due.dueDate,
    ...('dueAt' in due ? { dueAt: due.dueAt } : {}),
    basis: `${due.text}${notes.map((n) => `; ${n}`).join('')}; ${decision.citation}`,
    citation: decision.citation,
    countedFrom: 'submission',
    ...(rule.effectiveFrom === undefined ? {} : { ruleEffectiveFrom: rule.effectiveFrom }),
    ruleSource: rule.effectiveRule,
  };
}

/**
 * When the decision on a filed level is due, as {@link computeDecisionTimeframe} computes it.
 *
 * @returns the due date, or null where there is none: no regulatory deadline (never overdue) or one
 *   the engine cannot compute (Medicare Advantage independent review entity; state fair hearing;
 *   plan type `other`). {@link computeDecisionTimeframe} says which.
 * @throws DeadlineRuleError as {@link computeDecisionTimeframe}
 */
export function computeDecisionDue(input: DecisionDueInput): ComputedDeadline | null {
  const result = computeDecisionTimeframe(input);
  if (result.kind !== 'due') return null;
  const { kind: _kind, ...due } = result;
  return due;
}

/**
 * The decision timeframes of a level in words, for display ("pre-service 30 days; payment
 * 60 days; Part B drug 7 days; expedited 72 hours (42 CFR 422.590)"), or why there is none.
 *
 * @throws DeadlineRuleError UNKNOWN_PLAN, UNKNOWN_LEVEL
 */
export function describeDecisionTimeframes(input: {
  plan: DecisionDueInput['plan'];
  level: DecisionDueInput['level'];
  noticeDate?: string;
}): string {
  const level = requireLevel(input.plan, input.level);
  const rule = findAppealRule(input.plan, level, input.noticeDate);
  const decision = rule.decision;
  if (decision === null) {
    const why = rule.decisionNote ?? 'none set';
    return rule.noRegulatoryDeadline === true
      ? `no regulatory decision deadline: ${why}`
      : `no computed decision timeframe: ${why}`;
  }
  const byDays = new Map<number, string[]>();
  for (const kind of Object.keys(decision.days).filter(isDecisionKind)) {
    const days = decision.days[kind];
    if (days !== undefined) byDays.set(days, [...(byDays.get(days) ?? []), KIND_WORDS[kind]]);
  }
  const parts =
    byDays.size === 1
      ? [`${[...byDays.keys()][0]} days`]
      : [...byDays].map(([days, kinds]) => `${kinds.join('/')} ${days} days`);
  if (decision.expedited !== undefined) {
    parts.push(
      'hours' in decision.expedited
        ? `expedited ${decision.expedited.hours} hours`
        : `expedited ${describeLength(decision.expedited.days, decision.expedited.unit)}`,
    );
  }
  const note = decision.note === undefined ? '' : `; ${decision.note}`;
  return `${parts.join('; ')}${note} (${decision.citation})`;
}
