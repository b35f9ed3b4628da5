import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import {
  caseParams,
  createGuidelineBody,
  criterionBody,
  criterionParams,
  guidelineParams,
  listGuidelinesQuery,
  removeCriterionQuery,
  updateCriterionBody,
  updateGuidelineBody,
} from './guideline.schemas.js';
import * as r from './guideline.responses.js';
import {
  createGuideline,
  getGuideline,
  listGuidelines,
  suggestGuidelines,
  updateGuideline,
  type GuidelineChanges,
  type GuidelineInput,
  type GuidelineSearch,
} from './guideline.service.js';
import {
  attachCriterion,
  listCriteriaFor,
  removeCriterion,
  updateCriterion,
  type CriterionChanges,
  type NewCriterion,
} from './criterion.service.js';

const everyone = ['clinician', 'billing', 'medical_director', 'admin'] as const;
/** Judging whether a guideline applies and is met is clinical work; billing reads. */
const clinical = ['clinician', 'medical_director', 'admin'] as const;

type CaseParams = { caseId: string };
type CriterionParams = CaseParams & { criterionId: string };

/** The library holds no PHI: reads are open to every role and not audited; changes are. */
export function registerGuidelineRoutes(api: ApiRegistry, deps: DomainDeps): void {
  const tag = 'guidelines';
  api.add({
    method: 'post',
    path: '/guidelines',
    roles: clinical,
    tag,
    summary: 'Add a guideline reference to the library',
    schemas: { body: createGuidelineBody },
    response: r.guideline,
    handler: handle<unknown, unknown, GuidelineInput>(({ body, user }) => createGuideline(body, user, deps)),
  });
  api.add({
    method: 'get',
    path: '/guidelines',
    roles: everyone,
    tag,
    summary: 'Search the library by words (`q`) and by a CPT/HCPCS or ICD-10 code (`code`)',
    schemas: { query: listGuidelinesQuery },
    response: r.guidelineList,
    handler: handle<unknown, GuidelineSearch>(({ query }) => listGuidelines(query)),
  });
  api.add({
    method: 'get',
    path: '/guidelines/:guidelineId',
    roles: everyone,
    tag,
    summary: 'One guideline reference with its citation',
    schemas: { params: guidelineParams },
    response: r.guideline,
    handler: handle<{ guidelineId: string }>(({ params }) => getGuideline(params.guidelineId)),
  });
  api.add({
    method: 'patch',
    path: '/guidelines/:guidelineId',
    roles: clinical,
    tag,
    summary: 'Correct a reference (checked against `revision`; criteria already attached keep their copy)',
    schemas: { params: guidelineParams, body: updateGuidelineBody },
    response: r.guideline,
    handler: handle<{ guidelineId: string }, unknown, GuidelineChanges & { revision: number }>(
      ({ params, body: { revision, ...changes }, user }) =>
        updateGuideline(params.guidelineId, revision, changes, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/guideline-suggestions',
    roles: everyone,
    tag,
    summary: 'Library references matching the case’s procedure and diagnosis codes',
    schemas: { params: caseParams },
    response: r.guidelineSuggestions,
    handler: handle<CaseParams>(({ params, user }) => suggestGuidelines(params.caseId, user)),
  });

  api.add({
    method: 'post',
    path: '/cases/:caseId/criteria',
    roles: clinical,
    tag,
    summary:
      'Attach a guideline as a criterion: met / not met / not applicable, with ' +
      'quoted passages (checked against the page) or statements',
    schemas: { params: caseParams, body: criterionBody },
    response: r.caseCriterion,
    handler: handle<CaseParams, unknown, NewCriterion>(({ params, body, user }) =>
      attachCriterion(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/criteria',
    roles: everyone,
    tag,
    summary: 'The criteria of a case in the order attached',
    schemas: { params: caseParams },
    response: r.caseCriterionList,
    handler: handle<CaseParams>(async ({ params, user }) => ({ criteria: await listCriteriaFor(params.caseId, user) })),
  });
  api.add({
    method: 'patch',
    path: '/cases/:caseId/criteria/:criterionId',
    roles: clinical,
    tag,
    summary: 'Change a criterion’s status or evidence (version-checked)',
    schemas: { params: criterionParams, body: updateCriterionBody },
    response: r.caseCriterion,
    handler: handle<CriterionParams, unknown, CriterionChanges>(({ params, body, user }) =>
      updateCriterion(params.caseId, params.criterionId, body, user, deps),
    ),
  });
  api.add({
    method: 'delete',
    path: '/cases/:caseId/criteria/:criterionId',
    roles: clinical,
    tag,
    summary: 'Detach a criterion attached by mistake (`?version=`; packets already made keep their copy)',
    schemas: { params: criterionParams, query: removeCriterionQuery },
    status: 204,
    handler: handle<CriterionParams, { version: number }>(({ params, query, user }) =>
      removeCriterion(params.caseId, params.criterionId, query.version, user, deps),
    ),
  });
}
