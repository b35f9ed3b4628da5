/**
 * The cases domain, as its neighbours use it: verbs named as the clinic says them, the status
 * predicates, and the types. Its model and internal files are never imported from outside
 * (lint enforces it; see server/ARCHITECTURE.md).
 */
export { registerCaseRoutes } from './case.routes.js';
export { recomputePayerDeadlines } from './case-payer-deadlines.js';
export {
  openCase,
  getCase,
  listCases,
  updateCase,
  addTimelineNote,
  exportCases,
  overrideDeadline,
  decidePrintedDeadline,
  extendDecision,
  type NewCase,
  type CaseChanges,
  type DeadlineOverride,
  type PrintedDeadlineDecision,
  type DecisionExtension,
} from './case.service.js';
export {
  transitionCase,
  advanceCase,
  appealNextLevel,
  recordPeerToPeerOnCase,
  type CaseMove,
  type PeerToPeerEvent,
  type Transition,
} from './case-workflow.service.js';
export {
  findVisibleCase,
  findVisibleCaseRef,
  isCaseVisible,
  visibleCaseIds,
  hasAnyCase,
  casesDueBetween,
  casesForFigures,
  preparingCasesOfPayers,
  type CaseRef,
  type DueCase,
  type FigureCaseRecord,
  type PreparingCase,
} from './case-reads.js';
export { assigneesOfCases } from './case-reminder-reads.js';
export type { CaseRecord } from './case.model.js';
export {
  openImportedCase,
  openImportedCases,
  recordClaimPayment,
  recordClaimReversal,
  findClaimCase,
  claimKeysOfPayer,
  payerOfClaim,
  type ImportedClaim,
  type ImportedCaseOutcome,
  type ClaimPaymentOutcome,
} from './case-claim.service.js';
export {
  claimKeyOf,
  amountAtStakeCents,
  applyPayment,
  lineSettlement,
  settlementWords,
  type ClaimKeyParts,
  type LineSettlement,
  type PaidLine,
} from './case-claim.js';
export {
  proposeStatedReasons,
  setStatedReasons,
  addMeasure,
  addMeasureReadings,
  removeMeasure,
  type NewMeasure,
  type StatedReasonsInput,
} from './case-reasons.service.js';
export { splitStatedReasons, reasonKindOf, reasonGaps, type ProposedReason, type ReasonGap } from './case-reasons.js';
export { measureTrends, type MeasureReading, type MeasureTrend } from './case-measures.js';
export { recordLineOutcome, addClaimLines, type LineOutcomeInput, type NewLines } from './case-lines.service.js';
export {
  STATED_REASON_KINDS,
  type StatedReason,
  type StatedReasonKind,
  type ObjectiveMeasure,
  type EvidenceQuote,
  LINE_RESOLUTIONS,
  type CaseClaim,
  type ClaimLineRecord,
  type LineAdjustment,
  type LineResolution,
  type LineResolutionKind,
} from './case.types.js';
export { addListKeys, markMissingFilingDeadlines } from './case-list-keys.js';
export { citesAdherence } from './adherence-words.js';
export {
  addHourToDueOrder,
  correctLegacyPeerToPeerCases,
  markAdherenceCited,
  addReferenceToImportedSearchTerms,
  moveEmbeddedNotes,
  restorePeerToPeerTrack,
} from './case-migrations.js';
export {
  CASE_STATUSES,
  PREPARING_STATUSES,
  allowedTransitions,
  canTransition,
  pathTo,
  isFinished,
  awaitsDecision,
  isFiling,
  isDecision,
  isPreparing,
  mayAppealNextLevel,
  revisedDecisionEffect,
  type CaseStatus,
  type RevisedResult,
} from './case-status.js';
export { CASE_DEADLINE_KINDS, type PeerToPeerTrack } from './case.types.js';
// A case is filed under a denial category; pages and neighbours that know cases read it here.
export { DENIAL_CATEGORIES, type DenialCategory } from '../reason-codes/index.js';
export {
  createCaseBody,
  updateCaseBody,
  transitionBody,
  timelineNoteBody,
  overrideDeadlineBody,
  printedDeadlineBody,
  decisionExtensionBody,
  listCasesQuery,
  searchCasesBody,
  caseClaim,
  claimLine,
  lineResolution,
  lineOutcomeBody,
  addLinesBody,
  statedReasonFields,
  statedReasonsBody,
  reasonProposalBody,
  measureFields,
  addMeasureBody,
  removeMeasureQuery,
} from './case.schemas.js';
export type { CaseFilters } from './case-query.js';
export type { ForeignDocuments } from './case-references.js';
export type { CaseView } from './case-view.js';
export type { ExportWords } from './case-csv.js';
export type { AdvocacyNote } from './case-store.js';
