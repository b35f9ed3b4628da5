/**
 * The clinic's words for the codes stored on a case: appeal levels as payers name them in
 * their notices, plan types, request types. Pure lookups shared by the helpers and the view.
 */
import { appealLevels, isAppealLevel, isPlanType, type PlanType, type AppealLevel } from '../deadlines/index.js';

const LEVEL_NAMES: Record<AppealLevel, string> = {
  redetermination: 'Redetermination',
  reconsideration: 'Reconsideration',
  independent_review: 'Independent Review Entity Reconsideration',
  alj_hearing: 'Administrative Law Judge Hearing',
  council_review: 'Medicare Appeals Council Review',
  judicial_review: 'Judicial Review',
  plan_appeal: 'Plan Appeal',
  state_fair_hearing: 'State Fair Hearing',
  internal_appeal: 'Internal Appeal',
  external_review: 'External Review',
  payer_appeal: 'Appeal',
};

/**
 * The level in words with its place in the plan's sequence, e.g. "Level 1 – Redetermination";
 * "Expedited" is prefixed for urgent requests ("Level 1 – Expedited Reconsideration").
 */
export function levelName(level: string, planType: string, expedited = false): string {
  if (!isAppealLevel(level)) throw new Error(`levelName: unknown appeal level "${level}"`);
  const position = isPlanType(planType) ? appealLevels(planType).indexOf(level) + 1 : 0;
  const words = expedited ? `Expedited ${LEVEL_NAMES[level]}` : LEVEL_NAMES[level];
  return position > 0 ? `Level ${position} – ${words}` : words;
}

export const PLAN_TYPE_NAMES: Record<PlanType, string> = {
  medicare_ab: 'Original Medicare (Parts A/B)',
  medicare_advantage: 'Medicare Advantage (Part C)',
  medicare_part_d: 'Medicare Part D',
  medicaid_managed_care: 'Medicaid managed care',
  erisa_group: 'Employer group health plan (ERISA)',
  aca_individual: 'Individual-market health plan',
  other: 'Health plan',
};

export const REQUEST_TYPE_NAMES: Record<string, string> = {
  pre_service: 'Pre-service (prior authorization)',
  post_service: 'Post-service claim',
  payment: 'Payment',
  part_b_drug: 'Part B drug',
  coverage: 'Coverage determination',
};

export const CRITERION_STATUS_NAMES: Record<string, string> = {
  met: 'Met',
  not_met: 'Not met',
  not_applicable: 'Not applicable',
};

/** "progress_note" → "Progress note". */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
