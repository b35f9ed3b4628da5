export { registerCaseRoutes } from './case.routes.js';
export {
  openCase,
  getCase,
  readCaseRecord,
  transitionCase,
  addTimelineNote,
  listCases,
  type NewCase,
  type Transition,
} from './case.service.js';
export { CaseModel, type CaseRecord, type CaseDocument } from './case.model.js';
export { visibleTo } from './case-query.js';
export { CASE_STATUSES, allowedTransitions, canTransition, type CaseStatus } from './case-status.js';
export { DENIAL_CATEGORIES, KNOWN_REASON_CODES, type DenialCategory } from './denial-codes.js';
export { updateCase, exportCases, recomputePayerDeadlines, type CaseChanges } from './case.service.js';
export { createCaseBody, updateCaseBody, transitionBody, listCasesQuery, searchCasesBody } from './case.schemas.js';
export { caseFilter, type CaseFilters } from './case-query.js';
export { type CaseView } from './case-view.js';
export { DECISION_STATUSES, FINISHED_STATUSES } from './case-status.js';
