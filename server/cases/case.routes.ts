import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import type { ForeignDocuments } from './case-references.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { objectId } from '../platform/http/common-schemas.js';
import {
  createCaseBody,
  updateCaseBody,
  transitionBody,
  timelineNoteBody,
  overrideDeadlineBody,
  printedDeadlineBody,
  decisionExtensionBody,
  caseIdParams,
  listCasesQuery,
  searchCasesBody,
  exportCasesQuery,
  caseLineParams,
  lineOutcomeBody,
  addLinesBody,
  statedReasonsBody,
  reasonProposalBody,
  addMeasureBody,
  measureParams,
  removeMeasureQuery,
} from './case.schemas.js';
import {
  addMeasure,
  proposeStatedReasons,
  removeMeasure,
  setStatedReasons,
  type NewMeasure,
  type StatedReasonsInput,
} from './case-reasons.service.js';
import { addClaimLines, recordLineOutcome, type LineOutcomeInput, type NewLines } from './case-lines.service.js';
import {
  openCase,
  getCase,
  listCases,
  exportCases,
  updateCase,
  addTimelineNote,
  overrideDeadline,
  decidePrintedDeadline,
  extendDecision,
  type NewCase,
  type CaseChanges,
  type DeadlineOverride,
  type PrintedDeadlineDecision,
  type DecisionExtension,
} from './case.service.js';
import { transitionCase, type Transition } from './case-workflow.service.js';
import type { AdvocacyNote } from './case-store.js';
import { deadlineWorklist } from './case-worklist.js';
import type { CaseFilters } from './case-query.js';
import type { ExportWords } from './case-csv.js';
import { caseView, casePage, worklistAnswer, timelineNote, reasonProposal } from './case.responses.js';

type CaseParams = { caseId: string };
const everyone = ['clinician', 'billing', 'medical_director', 'admin'] as const;
const caseEditors = ['clinician', 'billing', 'admin'] as const;

/**
 * The case routes.
 * @param deps - with the words the CSV export writes for codes and user ids
 */
export function registerCaseRoutes(
  api: ApiRegistry,
  deps: DomainDeps & { exportWords: ExportWords; foreignDocuments: ForeignDocuments },
): void {
  const tag = 'cases';
  api.add({
    method: 'post',
    path: '/cases',
    roles: caseEditors,
    tag,
    summary: 'Open a denial case',
    schemas: { body: createCaseBody },
    response: caseView,
    handler: handle<unknown, unknown, NewCase>(({ body, user }) => openCase(body, user, deps)),
  });
  api.add({
    method: 'get',
    path: '/cases',
    roles: everyone,
    tag,
    summary: 'List cases with filters, sorting and pages',
    schemas: { query: listCasesQuery },
    response: casePage,
    handler: handle<unknown, CaseFilters & { page: number; limit: number }>(({ query, user }) =>
      listCases(query, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/search',
    roles: everyone,
    tag,
    summary:
      'Search cases by patient name, claim, authorization or case reference, with ' +
      'the list filters (in the body, never the URL)',
    schemas: { body: searchCasesBody },
    status: 200,
    response: casePage,
    handler: handle<unknown, unknown, CaseFilters & { page: number; limit: number }>(({ body, user }) =>
      listCases(body, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/export.csv',
    roles: ['billing', 'admin'],
    tag,
    summary: 'Export the filtered cases as CSV',
    produces: 'text/csv',
    schemas: { query: exportCasesQuery },
    handler: handle<unknown, CaseFilters>(async ({ query, user, res }) => {
      const { fileName, csv } = await exportCases(query, user, deps);
      res.attachment(fileName).type('text/csv').send(csv);
    }),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId',
    roles: everyone,
    tag,
    summary: 'Read a case with its timeline and deadlines',
    schemas: { params: caseIdParams },
    response: caseView,
    handler: handle<CaseParams>(({ params, user }) => getCase(params.caseId, user)),
  });
  api.add({
    method: 'patch',
    path: '/cases/:caseId',
    roles: caseEditors,
    tag,
    summary: 'Change case fields (version-checked; a stale version is 409)',
    schemas: { params: caseIdParams, body: updateCaseBody },
    response: caseView,
    handler: handle<CaseParams, unknown, CaseChanges & { version: number; note?: string }>(
      ({ params, body: { version, ...changes }, user }) => updateCase(params.caseId, version, changes, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/transitions',
    roles: everyone,
    tag,
    summary: 'Move a case to another status (409 with the allowed ones when illegal)',
    schemas: { params: caseIdParams, body: transitionBody },
    status: 200,
    response: caseView,
    handler: handle<CaseParams, unknown, Transition>(({ params, body, user }) =>
      transitionCase(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/timeline',
    roles: everyone,
    tag,
    summary: 'Add a note, a quote in the speaker’s own words, or alternatives offered',
    schemas: { params: caseIdParams, body: timelineNoteBody },
    response: timelineNote,
    handler: handle<CaseParams, unknown, AdvocacyNote>(({ params, body, user }) =>
      addTimelineNote(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/deadline-overrides',
    roles: ['billing', 'admin'],
    tag,
    summary: 'Replace a computed deadline by the date printed on the payer notice',
    schemas: { params: caseIdParams, body: overrideDeadlineBody },
    status: 200,
    response: caseView,
    handler: handle<CaseParams, unknown, DeadlineOverride>(({ params, body, user }) =>
      overrideDeadline(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/printed-deadline',
    roles: ['billing', 'admin'],
    tag,
    summary:
      'Decide between the filing deadline printed on the payer’s notice and the computed one, where they ' +
      'differ (until then the earlier governs): keep the computed one, or accept the printed one as an override',
    schemas: { params: caseIdParams, body: printedDeadlineBody },
    status: 200,
    response: caseView,
    handler: handle<CaseParams, unknown, PrintedDeadlineDecision>(({ params, body, user }) =>
      decidePrintedDeadline(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/decision-extensions',
    roles: ['billing', 'admin'],
    tag,
    summary:
      'Record the reviewer’s written extension of its decision; the decision deadline ' +
      'moves by it where the rule allows (Medicaid plan appeals: up to 14 days, ' +
      '42 CFR 438.408(c)), else 422',
    schemas: { params: caseIdParams, body: decisionExtensionBody },
    status: 200,
    response: caseView,
    handler: handle<CaseParams, unknown, DecisionExtension>(({ params, body, user }) =>
      extendDecision(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/lines',
    roles: ['billing', 'admin'],
    tag,
    summary:
      'Add service lines to a case entered by hand (version-checked); the amount at stake becomes ' +
      'what is denied on its lines under appeal; money in integer cents',
    schemas: { params: caseIdParams, body: addLinesBody },
    status: 200,
    response: caseView,
    handler: handle<CaseParams, unknown, NewLines>(({ params, body, user }) =>
      addClaimLines(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/lines/:line/resolution',
    roles: ['billing', 'admin'],
    tag,
    summary:
      'Record how a line under appeal ended (version-checked): paid with its amount and remittance, ' +
      'upheld, written off with the reason and approver, rebilled, the patient’s share; never more ' +
      'than was denied on the line (422). An outcome recorded by mistake is corrected the same way: the new ' +
      'one replaces it and the timeline says what it was (409 LINE_OUTCOME_UNCHANGED when it is the same). ' +
      'A case paid in full while awaiting the decision moves to overturned',
    schemas: { params: caseLineParams, body: lineOutcomeBody },
    status: 200,
    response: caseView,
    handler: handle<CaseParams & { line: number }, unknown, LineOutcomeInput>(({ params, body, user }) =>
      recordLineOutcome(params.caseId, params.line, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/stated-reasons/proposal',
    roles: caseEditors,
    tag,
    summary:
      'Split the denial’s quoted reason (or `text`) into the reasons it gives, each with a guessed kind, ' +
      'for the user to confirm; stores nothing',
    schemas: { params: caseIdParams, body: reasonProposalBody },
    status: 200,
    response: reasonProposal,
    handler: handle<CaseParams, unknown, { text?: string }>(({ params, body, user }) =>
      proposeStatedReasons(params.caseId, body.text, user),
    ),
  });
  api.add({
    method: 'put',
    path: '/cases/:caseId/stated-reasons',
    roles: caseEditors,
    tag,
    summary:
      'Replace the denial’s stated reasons, in the payer’s order, each with the clinician’s answer and its ' +
      'evidence (measures, the barriers record, quoted pages); version-checked',
    schemas: { params: caseIdParams, body: statedReasonsBody },
    response: caseView,
    handler: handle<CaseParams, unknown, StatedReasonsInput>(({ params, body, user }) =>
      setStatedReasons(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/measures',
    roles: caseEditors,
    tag,
    summary: 'Add a reading of an objective measure with the document page it comes from (version-checked)',
    schemas: { params: caseIdParams, body: addMeasureBody },
    status: 200,
    response: caseView,
    handler: handle<CaseParams, unknown, NewMeasure>(({ params, body, user }) =>
      addMeasure(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'delete',
    path: '/cases/:caseId/measures/:measureId',
    roles: caseEditors,
    tag,
    summary: 'Remove a reading entered by mistake (`?version=`)',
    schemas: { params: measureParams, query: removeMeasureQuery },
    status: 200,
    response: caseView,
    handler: handle<CaseParams & { measureId: string }, { version: number }>(({ params, query, user }) =>
      removeMeasure(params.caseId, params.measureId, query.version, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/worklist/deadlines',
    roles: everyone,
    tag: 'deadlines',
    summary:
      'Deadlines due within N days and overdue ones, soonest first, of at most ' +
      '1,000 cases; `cases` above `casesShown` says more are due',
    schemas: {
      query: Joi.object({
        withinDays: Joi.number().integer().min(0).max(365).default(14),
        assignee: Joi.alternatives(objectId, Joi.string().valid('me')),
      }),
    },
    response: worklistAnswer,
    handler: handle<unknown, { withinDays: number; assignee?: string }>(({ query, user }) =>
      deadlineWorklist(
        { withinDays: query.withinDays, assigneeId: query.assignee === 'me' ? user.id : query.assignee },
        user,
        deps.clock,
      ),
    ),
  });
}
