/**
 * The last day to file an appeal level. Pure: dates in, a date and its reasoning out.
 */
import { requireLevel } from './appeal-levels.js';
import type { AppealLevel } from './appeal-levels.js';
import type { FilingWindowRule, RolloverPolicy, StateConfigurable } from './appeal-rule.types.js';
import { describeRuleVersion, findAppealRule } from './appeal-rules.js';
import { addDays, addMonthsOrFirstOfNext, dateParts, monthName, parseIsoDate } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';
import type { ComputedDeadline, FilingDeadlineInput, PayerWindowOverride } from './deadline.types.js';
import { describeLength, endOfWindow, validatePayerWindow, type DayUnit, type WindowStart } from './payer-window.js';
import { applyRollover, lastBusinessDayBefore } from './rollover.js';

/** The window actually used, after payer and state configuration. */
interface ResolvedWindow {
  days?: number;
  months?: number;
  unit: DayUnit;
  countFrom: WindowStart;
  presumedReceiptDays?: number;
  rollover: RolloverPolicy;
  rolloverSource?: string;
  citation: string;
  /** Sentences appended to the basis (defaults used, overrides applied or refused). */
  notes: string[];
}

/** Longest state external-review window accepted; longer is a configuration typo. */
const MAX_EXTERNAL_REVIEW_MONTHS = 24;
/** Longest state fair-hearing setting read at all; longer is a configuration typo. */
const MAX_STATE_FAIR_HEARING_DAYS = 365;

function fromRule(filing: FilingWindowRule): ResolvedWindow {
  return {
    days: filing.windowDays,
    months: filing.windowMonths,
    unit: filing.unit,
    countFrom: filing.countFrom,
    presumedReceiptDays: filing.presumedReceiptDays,
    rollover: filing.rollover,
    rolloverSource: filing.rolloverSource,
    citation: filing.citation,
    notes: [],
  };
}

function fromPayer(filing: FilingWindowRule, window: PayerWindowOverride, note?: string): ResolvedWindow {
  const label = window.label ?? 'payer-configured window';
  return {
    days: window.days,
    unit: window.unit,
    countFrom: window.countFrom,
    rollover: filing.rollover,
    rolloverSource: filing.rolloverSource,
    citation: filing.payerWindow === 'required' ? label : `${label}; ${filing.citation}`,
    // With no federal window the label is the citation already; otherwise say whose window it is.
    notes: [
      ...(filing.payerWindow === 'required' ? [] : [`window from ${label}`]),
      ...(note === undefined ? [] : [note]),
    ],
  };
}

function payerWindowFor(level: AppealLevel, window: PayerWindowOverride | undefined): PayerWindowOverride | undefined {
  if (window === undefined || (window.level !== undefined && window.level !== level)) return undefined;
  return validatePayerWindow(window);
}

function requireWholeNumber(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DeadlineRuleError('BAD_WINDOW', `${what} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/**
 * The fair-hearing window with a state's setting where the federal text allows it. A setting
 * outside it would give the enrollee less time than the text grants, or a date it does not
 * support: the federal window stands and the basis says why.
 */
function stateFairHearingWindow(
  filing: FilingWindowRule,
  configurable: Extract<StateConfigurable, { kind: 'state_fair_hearing_days' }>,
  stateDays: number | undefined,
): ResolvedWindow {
  if (stateDays === undefined) return fromRule(filing);
  const days = requireWholeNumber(stateDays, 1, MAX_STATE_FAIR_HEARING_DAYS, 'the state fair hearing window (days)');
  if (days >= configurable.min && days <= configurable.max) {
    return { ...fromRule(filing), days, notes: [`the state's ${days}-day window`] };
  }
  const allowed =
    configurable.min === configurable.max
      ? `${configurable.min} days`
      : `${configurable.min} to ${configurable.max} days`;
  return {
    ...fromRule(filing),
    notes: [`the state's ${days}-day setting was not applied: ${configurable.citation} allows ${allowed}`],
  };
}

/** Chooses between the federal window, a state's configured one and a payer's. */
function resolveWindow(filing: FilingWindowRule, input: FilingDeadlineInput, level: AppealLevel): ResolvedWindow {
  const payer = payerWindowFor(level, input.payerWindow);
  const configurable = filing.configurable;
  if (filing.payerWindow === 'required') {
    if (payer === undefined) {
      throw new DeadlineRuleError(
        'NO_PAYER_WINDOW',
        `plan type ${input.plan} has no federal appeal window: configure the payer's window for ${level}`,
      );
    }
    return fromPayer(filing, payer);
  }
  if (configurable?.kind === 'state_fair_hearing_days') {
    const resolved = stateFairHearingWindow(filing, configurable, input.stateFairHearingDays);
    if (payer !== undefined)
      resolved.notes.push(`the payer window was not applied: ${filing.citation} fixes this window`);
    return resolved;
  }
  if (configurable?.kind === 'external_review_months') {
    if (input.externalReviewMonths !== undefined) {
      const months = requireWholeNumber(
        input.externalReviewMonths,
        configurable.min,
        MAX_EXTERNAL_REVIEW_MONTHS,
        'the state external review window (months)',
      );
      return {
        ...fromRule(filing),
        months,
        notes: [`the state's ${months}-month window (at least ${configurable.min} months)`],
      };
    }
    if (payer !== undefined) return fromPayer(filing, payer);
    return fromRule(filing);
  }
  if (filing.payerWindow === 'floor' && payer !== undefined) {
    const shorter = filing.windowDays !== undefined && payer.unit === 'calendar' && payer.days < filing.windowDays;
    return fromPayer(
      filing,
      payer,
      shorter
        ? `shorter than the federal minimum of ${filing.windowDays} days (${filing.citation}); ` +
            `the plan's own window is kept as the safe date`
        : undefined,
    );
  }
  const resolved = fromRule(filing);
  if (payer !== undefined)
    resolved.notes.push(`the payer window was not applied: ${filing.citation} fixes this window`);
  return resolved;
}

/** Where the count starts, and how to say it. */
function resolveStart(window: ResolvedWindow, noticeDate: string, receivedDate: string | undefined) {
  if (window.countFrom === 'notice') {
    return { start: noticeDate, countedFrom: 'notice' as const, text: `the notice date (${noticeDate})` };
  }
  if (receivedDate !== undefined) {
    return { start: receivedDate, countedFrom: 'receipt' as const, text: `receipt (received ${receivedDate})` };
  }
  if (window.presumedReceiptDays !== undefined) {
    const start = addDays(noticeDate, window.presumedReceiptDays);
    return {
      start,
      countedFrom: 'presumed_receipt' as const,
      text: `presumed receipt (notice ${noticeDate} + ${window.presumedReceiptDays} days = ${start})`,
    };
  }
  return {
    start: noticeDate,
    countedFrom: 'notice' as const,
    text:
      `the notice date (${noticeDate}), because the received date is unknown and ` +
      `the rule sets no receipt presumption (the earlier, safer date)`,
  };
}

/** The raw last day and how it was reached. */
function endOf(window: ResolvedWindow, start: string): { raw: string; length: string; monthRule: string } {
  if (window.months !== undefined) {
    const later = addMonthsOrFirstOfNext(start, window.months);
    let monthRule = '';
    if (!later.corresponding) {
      const { day } = dateParts(start);
      const { month, year } = dateParts(addDays(later.date, -1));
      monthRule = `: there is no ${day} ${monthName(month)} ${year}, so the first day of the next month`;
    }
    return { raw: later.date, length: `${window.months} months`, monthRule };
  }
  const days = window.days ?? 0;
  return { raw: endOfWindow(start, days, window.unit), length: describeLength(days, window.unit), monthRule: '' };
}

/**
 * The last day to file a level: the window from the rule table (or the payer's or state's
 * configured window), counted from the notice, the received date or the presumed receipt,
 * then rolled off a weekend or federal holiday where the rule allows.
 *
 * @param input - plan type, level, notice date, and optional received date and configuration
 * @returns the due date, the basis in words and the citation
 * @throws DeadlineRuleError UNKNOWN_PLAN, UNKNOWN_LEVEL, NO_RULE (notice older than the table),
 *   NOT_FILEABLE (automatic level), NO_EXPEDITED (expedited where the level has none: Original
 *   Medicare), BAD_DATE (bad date, or received before the notice date), NO_PAYER_WINDOW, BAD_WINDOW
 */
export function computeFilingDeadline(input: FilingDeadlineInput): ComputedDeadline {
  const level = requireLevel(input.plan, input.level);
  const noticeDate = parseIsoDate(input.noticeDate, 'noticeDate');
  const receivedDate = input.receivedDate === undefined ? undefined : parseIsoDate(input.receivedDate, 'receivedDate');
  if (receivedDate !== undefined && receivedDate < noticeDate) {
    throw new DeadlineRuleError('BAD_DATE', `receivedDate ${receivedDate} is before the notice date ${noticeDate}`);
  }
  const rule = findAppealRule(input.plan, level, noticeDate);
  if (rule.automatic || rule.filing === null) {
    throw new DeadlineRuleError(
      'NOT_FILEABLE',
      `${input.plan} ${level} starts automatically: there is nothing to file`,
    );
  }
  if (input.expedited === true && rule.noExpedited !== undefined) {
    throw new DeadlineRuleError('NO_EXPEDITED', `no expedited ${level} for ${input.plan}. ${rule.noExpedited}`);
  }
  const window = resolveWindow(rule.filing, input, level);
  const { start, countedFrom, text } = resolveStart(window, noticeDate, receivedDate);
  const { raw, length, monthRule } = endOf(window, start);
  const rolled = applyRollover(raw, window.rollover, window.rolloverSource);

  const notes = [...window.notes];
  const version = describeRuleVersion(rule);
  if (version !== undefined) notes.push(version);
  if (window.countFrom === 'notice' && receivedDate !== undefined)
    notes.push('the received date does not move this window, which counts from the notice date');
  if (input.expedited === true) notes.push('an expedited request has the same filing window');
  const lastBusinessDay = lastBusinessDayBefore(rolled.dueDate);
  if (lastBusinessDay !== undefined) notes.push(lastBusinessDay.text);

  const basis =
    `${length} from ${text}${monthRule} → ${raw}${rolled.text}${notes.map((n) => `; ${n}`).join('')}; ` +
    `${window.citation}`;
  return {
    dueDate: rolled.dueDate,
    basis,
    citation: window.citation,
    countedFrom,
    ...(rolled.rolledOver ? { rolledOver: rolled.rolledOver } : {}),
    ...(lastBusinessDay ? { lastBusinessDay: lastBusinessDay.label, lastBusinessDate: lastBusinessDay.date } : {}),
    ...(rule.effectiveFrom === undefined ? {} : { ruleEffectiveFrom: rule.effectiveFrom }),
    ruleSource: rule.effectiveRule,
  };
}
