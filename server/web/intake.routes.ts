import type { Request, RequestHandler, Response, Router } from 'express';
import multer from 'multer';
import {
  getNotice,
  noticeProgressKey,
  noticeReadingState,
  readingStopped,
  startReadingNotice,
  type NoticeReadingState,
  type NoticeView,
} from '../denial-notices/index.js';
import { objectId } from '../platform/http/common-schemas.js';
import { listPayerProfiles } from '../payers/index.js';
import { AppError, forbidden, invalid, notFound } from '../platform/errors.js';
import { toAppError } from '../platform/http/error-handler.js';
import { noteProblem } from '../platform/request-context.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { listUsers, type AuthenticatedUser } from '../auth/index.js';
import { CSRF_REFUSAL, requireRole } from './web-session.middleware.js';
import { csrfTokenMatches } from './web-session.service.js';
import { requireApiRoles } from './api-permissions.js';
import type { WebDeps } from './case-file.routes.js';
import { renderPage } from './web-views.js';
import { intakeSections, readIntakeForm, type IntakePeople } from './intake-form.js';
import { formView } from './form-fields.js';
import { formBody, problemErrors } from './form-errors.js';
import { noticePrefill, type NoticePrefill } from './intake-notice.js';
import { automatedReviewWords, openCheckedCase } from './intake-notice.service.js';
import { declaredType } from '../platform/http/memory-upload.js';

/** The clinic's physicians (the treating clinician) and everyone (the assignee), as the form offers them. */
async function people(): Promise<IntakePeople> {
  const users = await listUsers();
  return { users, physicians: users.filter((u) => u.role === 'clinician' || u.role === 'medical_director') };
}

async function sections(offered: IntakePeople) {
  const profiles = await listPayerProfiles();
  return intakeSections(
    profiles.map((p) => ({ value: String(p._id), text: p.name })),
    offered,
  );
}

/**
 * What a fresh form starts with: a clinician opening a case is usually the one treating; whoever
 * opens it works it until they assign it to someone else.
 */
function defaults(user: AuthenticatedUser) {
  return {
    priority: 'standard',
    patient: { sex: 'unknown' },
    service: { requestType: 'post_service' },
    treatingClinician: user.role === 'clinician' ? { userId: user.id } : {},
    assigneeId: user.id,
  };
}

/** The defaults, with what the notice says in place of any of them. */
function startingValues(user: AuthenticatedUser, prefill: NoticePrefill | null): Record<string, unknown> {
  const start: Record<string, unknown> = defaults(user);
  for (const [section, fields] of Object.entries(prefill?.values ?? {}))
    start[section] = { ...(start[section] as Record<string, unknown> | undefined), ...fields };
  return start;
}

/**
 * The notice a form is opened from (`?notice=` or the form's hidden `notice`), read as its API
 * reads it (a clinician: only their own); none named, none read. A malformed id is a notice not found.
 */
async function noticeNamed(value: unknown, user: AuthenticatedUser, deps: DomainDeps): Promise<NoticeView | null> {
  if (value === undefined || value === '') return null;
  const { error, value: noticeId } = objectId.required().validate(value);
  if (error) throw notFound('Denial notice', 'DENIAL_NOTICE_NOT_FOUND');
  return getNotice(noticeId, user, deps);
}

/** The page's view of the notice: its id (for the form), its pages with the values' words marked. */
function noticeView(notice: NoticeView, prefill: NoticePrefill) {
  return {
    id: notice.id,
    pages: prefill.pages,
    textFlag: notice.textFlag,
    automatedReview: automatedReviewWords(notice)?.join(', '),
  };
}

/** The form's view with each field read from the notice marked with its confidence and places. */
function markedForm(view: ReturnType<typeof formView>, prefill: NoticePrefill | null) {
  if (!prefill) return view;
  return {
    ...view,
    sections: view.sections.map((s) => ({
      ...s,
      fields: s.fields.map((f) => ({ ...f, found: prefill.marks[f.key] })),
    })),
  };
}

const noticeQuery = (req: Request) => (typeof req.query.notice === 'string' ? req.query.notice : undefined);

/** The form as it first opens: the defaults, and what the notice says when it is opened from one. */
async function showFreshForm(res: Response, notice: NoticeView | null, refusal?: AppError) {
  const user: AuthenticatedUser = res.locals.user;
  const prefill = notice ? noticePrefill(notice) : null;
  const view = markedForm(formView(await sections(await people()), startingValues(user, prefill), {}), prefill);
  renderPage(
    res,
    'new-case',
    {
      title: notice ? 'New case from a denial notice' : 'New case',
      ...view,
      notice: notice && prefill ? noticeView(notice, prefill) : undefined,
      formProblems: refusal ? { notice: `The notice was not read. ${refusal.message.replace(/\.?$/, '.')}` } : {},
      scripts: ['dropzone.js', 'send-file.js', 'notice-upload.js'],
    },
    refusal?.status ?? 200,
  );
}

/** Refusals the user can act on (no file, too large, not a notice, damaged); a forged form gets the error page. */
const NOTICE_REFUSALS = [400, 413, 415, 422];

/**
 * The plain form's upload of a notice, into memory as the API receives it: the CSRF token (the
 * form's first field) is checked before any byte of the file is read.
 */
function receiveNoticeForm(deps: WebDeps): RequestHandler {
  return multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: deps.config.uploadMaxFileBytes, files: 1, fields: 1, parts: 2 },
    fileFilter(req, _file, accept) {
      const token = formBody(req)._csrf;
      if (csrfTokenMatches(req.res!.locals.csrfBoundTo, token, deps.config.sessionSecret)) accept(null, true);
      else accept(forbidden(CSRF_REFUSAL));
    },
  }).single('file');
}

/** Seconds between the looks a page without script takes at a notice's reading. */
const REFRESH_SECONDS = 2;

/** A key no reading is known under: another user's, mistyped, or of a reading ended over an hour ago. */
const NO_READING = new AppError(
  404,
  'NOTICE_READING_NOT_FOUND',
  'No reading of a notice is known at this address; send the notice again',
);
const noneFound = (err: unknown) => {
  if (err instanceof AppError && err.code === 'NOTICE_READING_NOT_FOUND') return null;
  throw err;
};

/** What the page following a reading says while it goes on. */
const readingText = (state: Extract<NoticeReadingState, { state: 'reading' }>) =>
  state.progress ? `Reading text… page ${state.progress.page} of ${state.progress.pageCount}` : 'Reading the notice…';

/**
 * The intake page's notice without page script (with it, notice-upload.js sends the file to the API
 * and asks where its reading is). `POST /cases/new/notice` takes the file as the API does and
 * answers at once with the page following its reading, `GET /cases/new/notice/<key>`: "Reading
 * text… page N of M", looking again every REFRESH_SECONDS, then the intake form opened from the
 * notice; a refusal, or a reading that stopped, on the intake form. Only the notice's id and the
 * reading's random key are in addresses: nothing read from it. Mounted before the page router's
 * CSRF check: the post checks the token itself.
 */
export function noticeUploadRoute(router: Router, deps: WebDeps): void {
  const receive = receiveNoticeForm(deps);
  const uploaders = requireApiRoles(deps.api, 'post', '/denial-notices');
  router.post('/cases/new/notice', uploaders, async (req, res) => {
    let file: Express.Multer.File;
    try {
      await new Promise<void>(
        (resolve, reject) => void receive(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
      );
      if (!req.file?.size) throw invalid('Choose the notice’s file');
      file = req.file;
    } catch (err) {
      const refusal = toAppError(err);
      if (!NOTICE_REFUSALS.includes(refusal.status)) throw err;
      noteProblem(refusal.code);
      return showFreshForm(res, null, refusal);
    }
    const key = await startReadingNotice(file.buffer, res.locals.user, deps, declaredType(file));
    res.redirect(303, `/cases/new/notice/${key}`);
  });

  router.get('/cases/new/notice/:key', uploaders, async (req, res) => {
    const { error, value: key } = noticeProgressKey.required().validate(req.params.key);
    const state = error ? null : await noticeReadingState(res.locals.user, key).catch(noneFound);
    if (state?.state === 'read') return res.redirect(303, `/cases/new?notice=${state.noticeId}`);
    if (state?.state !== 'reading') {
      const refusal = !state
        ? NO_READING
        : state.state === 'refused'
          ? new AppError(state.refusal.status, state.refusal.code, state.refusal.message)
          : readingStopped();
      noteProblem(refusal.code);
      return showFreshForm(res, null, refusal);
    }
    res.set('Cache-Control', 'no-store');
    renderPage(res, 'notice-reading', {
      title: 'Reading the denial notice',
      status: readingText(state),
      refreshSeconds: REFRESH_SECONDS,
      again: `/cases/new/notice/${key}`,
    });
  });
}

/**
 * The new-case intake form: validated as the API validates, every error beside its field. Opened
 * from a denial notice (`?notice=<id>`), it is pre-filled from what was read, each value marked
 * with its confidence and where it was found; nothing is saved until the person opens the case.
 */
export function intakeRoutes(router: Router, deps: DomainDeps): void {
  const editors = requireRole('clinician', 'billing', 'admin');

  router.get('/cases/new', editors, async (req, res) => {
    const notice = await noticeNamed(noticeQuery(req), res.locals.user, deps);
    await showFreshForm(res, notice);
  });

  router.post('/cases/new', editors, async (req, res) => {
    const form = formBody(req);
    const notice = await noticeNamed(form.notice, res.locals.user, deps);
    const prefill = notice ? noticePrefill(notice) : null;
    const offered = await people();
    const { notice: _noticeId, ...fields } = form;
    const { body, call, errors } = readIntakeForm(fields, offered);
    let problems = errors;
    if (body) {
      try {
        const opened = await openCheckedCase(body, notice, call, res.locals.user, deps);
        return res.redirect(303, `/cases/${opened.id}?notice=created`);
      } catch (err) {
        // Rules the schema cannot express (a notice dated in the future) come back per field.
        if (!(err instanceof AppError) || err.status !== 400 || !err.fields.length) throw err;
        problems = problemErrors(err.fields);
      }
    }
    renderPage(
      res,
      'new-case',
      {
        title: 'New case: check the form',
        ...markedForm(formView(await sections(offered), form, problems), prefill),
        notice: notice && prefill ? noticeView(notice, prefill) : undefined,
        scripts: ['dropzone.js', 'send-file.js', 'notice-upload.js'],
      },
      400,
    );
  });
}
