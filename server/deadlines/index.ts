/**
 * The deadlines domain's public surface: other domains import from here only.
 * Everything exported is pure (no I/O, no clock): callers pass dates in.
 */
export {
  PLAN_TYPES,
  APPEAL_LEVELS,
  appealLevels,
  nextAppealLevel,
  isAutomaticLevel,
  isPlanType,
  isAppealLevel,
  requirePlanType,
  requireLevel,
} from './appeal-levels.js';
export type { PlanType, AppealLevel } from './appeal-levels.js';
export { APPEAL_RULES, findAppealRule, ruleVersions } from './appeal-rules.js';
export type {
  AppealRule,
  DecisionKind,
  DecisionTimeframeRule,
  FilingWindowRule,
  PayerWindowPolicy,
  RolloverPolicy,
  StateConfigurable,
  Timeframe,
} from './appeal-rule.types.js';
export { DAY_UNITS, WINDOW_STARTS } from './payer-window.js';
export { payerWindowSchema } from './deadline.schemas.js';
export { appealRoute, requiredDocument, timedDeadline } from './deadline.responses.js';
export type { DayUnit, WindowStart } from './payer-window.js';
export { DeadlineRuleError } from './deadline-rule.error.js';
export type { DeadlineErrorCode } from './deadline-rule.error.js';
export type {
  ComputedDeadline,
  DecisionDueInput,
  DecisionTimeframeResult,
  FilingDeadlineInput,
  PayerWindowOverride,
  PeerToPeerWindowInput,
} from './deadline.types.js';
export { computeFilingDeadline } from './compute-filing-deadline.js';
export { answerFilingDeadline, FAST_TRACK_LEVELS } from './deadline-answer.js';
export type { DeadlineQuestion, FastTrackLevel, FilingDeadlineAnswer } from './deadline-answer.js';
export { computeDecisionDue, computeDecisionTimeframe, describeDecisionTimeframes } from './compute-decision-due.js';
export { computePeerToPeerWindow } from './peer-to-peer-window.js';
export { computeInitialDecisionDue, INITIAL_DECISION_RULES } from './initial-decisions.js';
export type { InitialDecisionInput, InitialDecisionRule } from './initial-decisions.js';
export { computeContinuationOfBenefitsDeadline } from './continuation-of-benefits.js';
export { parseIsoDate, addDays } from './calendar-date.js';
export { addBusinessDays, isFederalHoliday, isWorkingDay, nextWorkingDay, rollToWorkingDay } from './working-days.js';
export { federalHolidaysIn, FEDERAL_HOLIDAY_NAMES } from './federal-holidays.js';
export { continuationOfBenefits, CONTINUATION_OF_BENEFITS_RULE, MEDICAID_ACTIONS } from './continuation-of-benefits.js';
export type {
  ContinuationOfBenefits,
  ContinuationOfBenefitsInput,
  MedicaidAction,
} from './continuation-of-benefits.js';
export { deadlineWords } from './wall-clock.js';
export type { RuleSource, TimedDeadline } from './wall-clock.js';
export { computeFastTrackDeadline } from './fast-track.js';
export type { FastTrackDeadline, FastTrackInput } from './fast-track.js';
export { FAST_TRACK_KINDS, FAST_TRACK_PLANS, FAST_TRACK_RULES } from './fast-track-rules.js';
export type { FastTrackKind, FastTrackPlan, FastTrackRule } from './fast-track-rules.js';
export {
  computePriorAuthorizationDue,
  PRIOR_AUTHORIZATION_PAYERS,
  PRIOR_AUTHORIZATION_RULES,
} from './prior-authorization.js';
export type {
  PriorAuthorizationDue,
  PriorAuthorizationInput,
  PriorAuthorizationPayer,
  PriorAuthorizationRule,
} from './prior-authorization.js';
export { FEDERAL_EXTERNAL_REVIEW, STATE_EXTERNAL_REVIEW_RULES, stateExternalReview } from './state-external-review.js';
export type { StateExternalReview, StateExternalReviewRule } from './state-external-review.js';
export { computeConcurrentCareWatch } from './concurrent-care.js';
export type { ConcurrentCareInput, ConcurrentCareWatch } from './concurrent-care.js';
export { appellantRoute, APPELLANTS } from './appellant-route.js';
export type {
  Appellant,
  AppellantRouteInput,
  AppellantRouteResult,
  AppealRoute,
  RequiredDocument,
} from './appellant-route.js';
