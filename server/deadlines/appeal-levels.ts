/**
 * Plan types and the order of their appeal levels (reference table "Names used by the engine").
 */
import { isOneOf } from '../platform/guards.js';
import { DeadlineRuleError } from './deadline-rule.error.js';

/** The kinds of coverage whose appeal rules differ. */
export const PLAN_TYPES = [
  'medicare_ab',
  'medicare_advantage',
  'medicare_part_d',
  'medicaid_managed_care',
  'erisa_group',
  'aca_individual',
  'other',
] as const;

/** One of {@link PLAN_TYPES}. */
export type PlanType = (typeof PLAN_TYPES)[number];

/** Every appeal level any plan type has. */
export const APPEAL_LEVELS = [
  'redetermination',
  'reconsideration',
  'independent_review',
  'alj_hearing',
  'council_review',
  'judicial_review',
  'plan_appeal',
  'state_fair_hearing',
  'internal_appeal',
  'external_review',
  'payer_appeal',
] as const;

/**
 * A step of an appeal. `payer_appeal` is the single level of plan type `other`, whose window
 * comes from the payer's configuration.
 */
export type AppealLevel = (typeof APPEAL_LEVELS)[number];

const LEVELS: Record<PlanType, readonly AppealLevel[]> = {
  medicare_ab: ['redetermination', 'reconsideration', 'alj_hearing', 'council_review', 'judicial_review'],
  // An adverse MA reconsideration goes to the independent review entity automatically (42 CFR 422.592).
  medicare_advantage: ['reconsideration', 'independent_review', 'alj_hearing', 'council_review', 'judicial_review'],
  medicare_part_d: ['redetermination', 'reconsideration', 'alj_hearing', 'council_review', 'judicial_review'],
  medicaid_managed_care: ['plan_appeal', 'state_fair_hearing'],
  erisa_group: ['internal_appeal', 'external_review'],
  // One level of internal appeal only: 45 CFR 147.136(b)(3)(ii)(G).
  aca_individual: ['internal_appeal', 'external_review'],
  other: ['payer_appeal'],
};

/** Type guard for untrusted input. */
export function isPlanType(value: unknown): value is PlanType {
  return isOneOf(PLAN_TYPES, value);
}

/** Type guard for untrusted input. */
export function isAppealLevel(value: unknown): value is AppealLevel {
  return isOneOf(APPEAL_LEVELS, value);
}

/**
 * Checks a plan type from untrusted input.
 *
 * @throws DeadlineRuleError UNKNOWN_PLAN
 */
export function requirePlanType(plan: unknown): PlanType {
  if (isPlanType(plan)) return plan;
  throw new DeadlineRuleError(
    'UNKNOWN_PLAN',
    `unknown plan type ${JSON.stringify(plan)}; expected one of ${PLAN_TYPES.join(', ')}`,
  );
}

/**
 * Checks that a level exists for the plan type.
 *
 * @throws DeadlineRuleError UNKNOWN_PLAN, or UNKNOWN_LEVEL when the level is unknown or belongs to another plan type
 */
export function requireLevel(plan: unknown, level: unknown): AppealLevel {
  const planType = requirePlanType(plan);
  if (isAppealLevel(level) && LEVELS[planType].includes(level)) return level;
  throw new DeadlineRuleError(
    'UNKNOWN_LEVEL',
    `${JSON.stringify(level)} is not an appeal level of plan type ${planType}; ` +
      `expected one of ${LEVELS[planType].join(', ')}`,
  );
}

/**
 * The appeal levels of a plan type, in the order a case climbs them.
 *
 * @param plan - the plan type
 * @throws DeadlineRuleError UNKNOWN_PLAN
 */
export function appealLevels(plan: PlanType): AppealLevel[] {
  return [...LEVELS[requirePlanType(plan)]];
}

/**
 * The level after `level`, or null at the last one. For Medicare Advantage the level after
 * `reconsideration` is the automatic `independent_review`, then `alj_hearing`.
 *
 * @throws DeadlineRuleError UNKNOWN_PLAN, UNKNOWN_LEVEL
 */
export function nextAppealLevel(plan: PlanType, level: AppealLevel): AppealLevel | null {
  const levels = LEVELS[requirePlanType(plan)];
  const index = levels.indexOf(requireLevel(plan, level));
  return levels[index + 1] ?? null;
}

/**
 * Whether the level starts without a filing: only Medicare Advantage's independent review
 * entity, to which the plan must forward an adverse reconsideration itself (42 CFR 422.592).
 *
 * @throws DeadlineRuleError UNKNOWN_PLAN, UNKNOWN_LEVEL
 */
export function isAutomaticLevel(plan: PlanType, level: AppealLevel): boolean {
  return requireLevel(plan, level) === 'independent_review' && plan === 'medicare_advantage';
}
