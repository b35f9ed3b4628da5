/**
 * The guideline library in the browser: search by words and codes, add a reference, correct
 * one (checked against the revision read, as the API's PATCH is). Reads are open to every role,
 * changes to the roles the API gives them; the forms post without script (form-route.ts).
 */
import type { Request, Response, Router } from 'express';
import {
  createGuideline,
  createGuidelineBody,
  getGuideline,
  listGuidelines,
  listGuidelinesQuery,
  updateGuideline,
  updateGuidelineBody,
  type GuidelineChanges,
  type GuidelineInput,
  type GuidelineSearch,
} from '../guidelines/index.js';
import type { AppError } from '../platform/errors.js';
import { notFound } from '../platform/errors.js';
import { objectId } from '../platform/http/common-schemas.js';
import { mayCall, requireApiRoles } from './api-permissions.js';
import type { WebDeps } from './case-file.routes.js';
import { fieldErrors } from './form-errors.js';
import { registerFormRoute } from './form-route.js';
import { GUIDELINE_LABELS, GUIDELINE_SECTIONS, SOURCE_NAMES, guidelineBody } from './guideline-form.js';
import { noticeOf, recordForm } from './record-form.js';
import { renderPage } from './web-views.js';

const NOTICES: Record<string, string> = {
  added: 'Guideline added to the library.',
  saved: 'Guideline saved. Criteria already attached to cases keep the text they were judged against.',
};

function guidelineIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.guidelineId);
  if (error) throw notFound('Guideline', 'GUIDELINE_NOT_FOUND');
  return value;
}

const STALE =
  'Someone else changed this guideline while you had it open. Here it is as it stands now; ' +
  'apply your change again if it still makes sense.';
const explain = (err: AppError) => (err.code === 'STALE_VERSION' ? STALE : err.message);

/** The search as the API reads it; a bad code is shown beside the field, with nothing found. */
function readSearch(req: Request): { search?: GuidelineSearch; errors: Record<string, string> } {
  const raw = Object.fromEntries(
    ['q', 'code', 'page'].flatMap((k) => (typeof req.query[k] === 'string' && req.query[k] ? [[k, req.query[k]]] : [])),
  );
  const { value, error } = listGuidelinesQuery.validate(raw, {
    abortEarly: false,
    convert: true,
    messages: { 'alternatives.match': '{{#label}} must be a CPT or HCPCS code (72148) or an ICD-10 code (M54.16)' },
  });
  return error ? { errors: fieldErrors(error) } : { search: value, errors: {} };
}

export function guidelineLibraryRoutes(router: Router, deps: WebDeps): void {
  const readers = requireApiRoles(deps.api, 'get', '/guidelines');

  router.get('/guidelines', readers, async (req, res) => {
    const { search, errors } = readSearch(req);
    const found = search ? await listGuidelines(search) : undefined;
    const pages = found ? Math.ceil(found.total / found.limit) : 0;
    const kept = Object.fromEntries(Object.entries({ q: search?.q, code: search?.code }).filter(([, v]) => v));
    const pageLink = (page: number) => `/guidelines?${new URLSearchParams({ ...kept, page: String(page) })}`;
    renderPage(res, 'guidelines', {
      title: 'Guideline library',
      notice: noticeOf(req, NOTICES),
      query: { q: req.query.q, code: req.query.code },
      errors,
      invalidSearch: !search,
      searched: Boolean(search?.q || search?.code),
      total: found?.total,
      guidelines: found?.guidelines.map((g) => ({ ...g, sourceName: SOURCE_NAMES[g.source] })),
      previous: found && found.page > 1 ? pageLink(found.page - 1) : undefined,
      next: found && found.page < pages ? pageLink(found.page + 1) : undefined,
      mayAdd: mayCall(deps.api, res.locals.user.role, 'post', '/guidelines'),
    });
  });

  const showNew = (_req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) =>
    renderPage(
      res,
      'guideline',
      {
        title: 'Add a guideline',
        heading: 'Add a guideline',
        action: '/guidelines/new',
        ...recordForm(GUIDELINE_SECTIONS, {}, extra, 'guideline', status),
      },
      status,
    );
  router.get('/guidelines/new', requireApiRoles(deps.api, 'post', '/guidelines'), (req, res) => showNew(req, res));
  registerFormRoute<GuidelineInput>(router, deps.api, {
    api: { method: 'post', path: '/guidelines' },
    path: '/guidelines/new',
    schema: createGuidelineBody,
    toBody: (f) => guidelineBody(f, false),
    run: (body, _req, res) => createGuideline(body, res.locals.user, deps),
    key: () => 'guideline',
    labels: { ...GUIDELINE_LABELS, '': 'Codes' },
    show: async (req, res, extra, status) => showNew(req, res, extra, status),
    explain,
    done: () => '/guidelines?notice=added',
  });

  const showOne = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const guideline = await getGuideline(guidelineIdOf(req));
    const mayEdit = mayCall(deps.api, res.locals.user.role, 'patch', '/guidelines/:guidelineId');
    renderPage(
      res,
      'guideline',
      {
        title: `${guideline.title} · guideline`,
        heading: mayEdit ? 'Edit a guideline' : guideline.title,
        notice: noticeOf(req, NOTICES),
        guideline: { ...guideline, sourceName: SOURCE_NAMES[guideline.source] },
        mayEdit,
        editing: true,
        action: `/guidelines/${guideline.id}`,
        ...recordForm(GUIDELINE_SECTIONS, { ...guideline }, extra, 'guideline', status, { versionKey: 'revision' }),
      },
      status,
    );
  };
  router.get('/guidelines/:guidelineId', readers, (req, res) => showOne(req, res));
  registerFormRoute<GuidelineChanges & { revision: number }>(router, deps.api, {
    api: { method: 'patch', path: '/guidelines/:guidelineId' },
    path: '/guidelines/:guidelineId',
    schema: updateGuidelineBody,
    toBody: (f) => guidelineBody(f, true),
    run: ({ revision, ...changes }, req, res) =>
      updateGuideline(guidelineIdOf(req), revision, changes, res.locals.user, deps),
    key: () => 'guideline',
    labels: { ...GUIDELINE_LABELS, revision: 'Revision' },
    show: showOne,
    explain,
    done: (req) => `/guidelines/${guidelineIdOf(req)}?notice=saved`,
  });
}
