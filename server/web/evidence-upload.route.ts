/**
 * Evidence upload from the case file without page script: one file per multipart form post.
 * Mounted before the page router's CSRF check, because a multipart body is read only by the
 * upload itself; the token (the form's first field) is checked before any byte of the file is
 * stored. With script, upload.js sends each file to the API instead, with progress.
 */
import type { Request, Router } from 'express';
import { documentFields, pageUpload, uploadParams } from '../evidence/index.js';
import { AppError, forbidden } from '../platform/errors.js';
import { requireApiRoles } from './api-permissions.js';
import { caseIdOf, showCaseFile, type WebDeps } from './case-file.routes.js';
import { formBody, formProblem, problemErrors } from './form-errors.js';
import { csrfTokenMatches } from './web-session.service.js';
import { CSRF_REFUSAL } from './web-session.middleware.js';
import { displayDate, label } from './web-labels.js';

/** Refusals the user can act on; a forged or expired form (403) gets the error page and learns nothing. */
const UPLOAD_REFUSALS = [400, 404, 409, 413, 415, 422];
const LABELS = { title: 'Title', kind: 'Kind', date: 'Date of the record', file: 'File' };
const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function evidenceUploadRoute(router: Router, deps: WebDeps): void {
  const upload = pageUpload(
    deps,
    { params: uploadParams, body: documentFields(deps.clock) },
    {
      beforeFile(req: Request) {
        const fields = formBody(req);
        if (!csrfTokenMatches(req.res!.locals.csrfBoundTo, fields._csrf, deps.config.sessionSecret))
          throw forbidden(CSRF_REFUSAL);
        delete fields._csrf;
        // Page script names a record after its file; a plain form, which cannot read the name, by its kind and date.
        const [title, kind, date] = [fields.title, fields.kind, fields.date].map(text);
        if (!title.trim() && kind && date) fields.title = `${label(kind)}, ${displayDate(date)}`;
      },
    },
  );
  router.post(
    '/cases/:caseId/documents',
    requireApiRoles(deps.api, 'post', '/cases/:caseId/documents'),
    async (req, res) => {
      const caseId = caseIdOf(req);
      try {
        await upload(req, res);
      } catch (err) {
        if (!(err instanceof AppError) || !UPLOAD_REFUSALS.includes(err.status)) throw err;
        return showCaseFile(
          req,
          res,
          deps,
          { formProblems: { upload: formProblem(err.message, problemErrors(err.fields), LABELS) } },
          err.status,
        );
      }
      res.redirect(303, `/cases/${caseId}?notice=uploaded#documents`);
    },
  );
}
