/**
 * Timeframes for the payer's first decision (before any appeal): the Medicare Advantage
 * organization determination (prior authorization) and the ERISA / individual-market claim
 * decision. They matter to peer-to-peer work, which happens before the decision is final.
 */
import { requirePlanType } from './appeal-levels.js';
import type { PlanType } from './appeal-levels.js';
import type { DecisionKind } from './appeal-rule.types.js';
import { calendarDateIn, clockWords, parseSubmission } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';
import type { ComputedDeadline } from './deadline.types.js';
import { describeLength, endOfWindow } from './payer-window.js';

/** One plan type's initial-decision timeframes. */
export interface InitialDecisionRule {
  plan: PlanType;
  /** Calendar days by kind; `from` dates the requests a number applies to, when it changed. */
  days: Partial<Record<DecisionKind, readonly { days: number; from?: string; before?: string }[]>>;
  expeditedHours: number;
  /** Extension the payer may take, in words. */
  extension?: string;
  citation: string;
}

const ERISA_INITIAL: Omit<InitialDecisionRule, 'plan' | 'citation'> = {
  // A claim for payment of care already given is a post-service claim (29 CFR 2560.503-1(m)(3)).
  days: { pre_service: [{ days: 15 }], post_service: [{ days: 30 }], payment: [{ days: 30 }] },
  expeditedHours: 72,
  extension: 'the plan may extend once by 15 days with notice',
};

/** The reference table's initial-decision rows. */
export const INITIAL_DECISION_RULES: readonly InitialDecisionRule[] = Object.freeze([
  // CMS-0057-F cut the standard prior-authorization timeframe from 14 to 7 days from 2026-01-01.
  {
    plan: 'medicare_advantage',
    days: {
      pre_service: [
        { days: 14, before: '2026-01-01' },
        { days: 7, from: '2026-01-01' },
      ],
    },
    expeditedHours: 72,
    citation: 'CMS-0057-F (89 FR 8758); 42 CFR 422.572',
  },
  { plan: 'erisa_group', ...ERISA_INITIAL, citation: '29 CFR 2560.503-1(f)' },
  { plan: 'aca_individual', ...ERISA_INITIAL, citation: '45 CFR 147.136(b); 29 CFR 2560.503-1(f)' },
] satisfies InitialDecisionRule[]);

/** What {@link computeInitialDecisionDue} needs. */
export interface InitialDecisionInput {
  plan: PlanType;
  /** When the payer received the request: ISO instant with offset, or 'YYYY-MM-DD' (00:00 UTC that day). */
  submittedAt: string;
  expedited?: boolean;
  /** Defaults to pre-service (prior authorization). */
  decisionKind?: DecisionKind;
  /** IANA zone whose calendar gives an instant its date (the clinic's); default UTC. */
  timeZone?: string;
}

/**
 * When the payer's initial decision on a request is due, or null for plan types whose
 * initial timeframes are not in the rules.
 *
 * @throws DeadlineRuleError UNKNOWN_PLAN, BAD_DATE, BAD_TIME_ZONE, BAD_DECISION_KIND
 */
export function computeInitialDecisionDue(input: InitialDecisionInput): ComputedDeadline | null {
  const plan = requirePlanType(input.plan);
  const rule = INITIAL_DECISION_RULES.find((r) => r.plan === plan);
  const { instant, date, text, timeZone } = parseSubmission(input.submittedAt, input.timeZone);
  if (rule === undefined) return null;
  if (input.expedited === true) {
    const dueAt = new Date(instant.getTime() + rule.expeditedHours * 3_600_000).toISOString();
    return {
      dueDate: calendarDateIn(new Date(dueAt), timeZone),
      dueAt,
      citation: rule.citation,
      countedFrom: 'submission',
      basis:
        `expedited initial decision: ${rule.expeditedHours} hours after the request ` +
        `was received (${text}) → ${clockWords(new Date(dueAt), timeZone)}; ${rule.citation}`,
    };
  }
  const kind = input.decisionKind ?? 'pre_service';
  const entry = rule.days[kind]?.find((d) => (d.from ?? '') <= date && (d.before === undefined || date < d.before));
  if (entry === undefined) {
    throw new DeadlineRuleError(
      'BAD_DECISION_KIND',
      `${plan} has no ${JSON.stringify(kind)} initial decision timeframe; expected ` +
        `one of ${Object.keys(rule.days).join(', ')}`,
    );
  }
  const dueDate = endOfWindow(date, entry.days, 'calendar');
  const since =
    entry.from === undefined
      ? entry.before === undefined
        ? ''
        : ` (requests received before ${entry.before})`
      : ` (requests received from ${entry.from})`;
  const extension = rule.extension === undefined ? '' : `; ${rule.extension}`;
  return {
    dueDate,
    citation: rule.citation,
    countedFrom: 'submission',
    basis:
      `initial ${kind.replace('_', '-')} decision: ${describeLength(entry.days, 'calendar')}${since} ` +
      `after the request was received (${date}) → ${dueDate}${extension}; ${rule.citation}`,
  };
}
