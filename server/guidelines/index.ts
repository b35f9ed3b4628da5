/**
 * Guideline references (the shared library) and case criteria (references attached to a case,
 * judged with evidence). The only import surface for other domains; see CONTEXT.md.
 */
export {
  GUIDELINE_SOURCES,
  CRITERION_STATUSES,
  type GuidelineSource,
  type GuidelineReference,
  type GuidelineView,
  type CaseCriterion,
  type CriterionEvidence,
  type CriterionStatus,
} from './guideline.types.js';
export { citationOf } from './citation.js';
export { listCaseCriteria, attachCriterion, type NewCriterion } from './criterion.service.js';
export { criterionBody, createGuidelineBody, updateGuidelineBody, listGuidelinesQuery } from './guideline.schemas.js';
export {
  createGuideline,
  getGuideline,
  listGuidelines,
  updateGuideline,
  suggestGuidelines,
  type GuidelineInput,
  type GuidelineChanges,
  type GuidelineSearch,
} from './guideline.service.js';
export { registerGuidelineRoutes } from './guideline.routes.js';
