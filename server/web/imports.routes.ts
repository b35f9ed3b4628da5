/**
 * `/imports` (billing, administrators: the roles of the imports API): upload a remittance, the
 * list of past imports, and `/imports/<id>` with the job's progress and, once done, its summary
 * and a link to the cases it made. With script, imports.js sends the file to the API and follows
 * the job's progress there; without, the form posts here and a running import's page refreshes
 * itself.
 */
import { Transform } from 'node:stream';
import type { Request, RequestHandler, Response, Router } from 'express';
import multer, { type StorageEngine } from 'multer';
import { MAX_REMITTANCE_BYTES, queueImport, receiveImportFrom } from '../imports/index.js';
import { forbidden, invalid, notFound, tooLarge, type AppError } from '../platform/errors.js';
import { toAppError } from '../platform/http/error-handler.js';
import { noteProblem } from '../platform/request-context.js';
import { objectId } from '../platform/http/common-schemas.js';
import { mayCall, requireApiRoles } from './api-permissions.js';
import type { WebDeps } from './case-file.routes.js';
import { formBody } from './form-errors.js';
import { loadImportList, loadImportPage } from './imports-page.service.js';
import { csrfTokenMatches } from './web-session.service.js';
import { CSRF_REFUSAL } from './web-session.middleware.js';
import { renderPage } from './web-views.js';

/** Seconds between refreshes of a running import's page without script. */
const REFRESH_SECONDS = 3;

// The largest remittance the form takes is the imports API's own limit.
const MAX_SIZE_TEXT = `${MAX_REMITTANCE_BYTES / 1024 / 1024} MB`;

const CSV_TEMPLATE = '/imports/csv-template';

/** Refusals the user can act on (no file, not a remittance, too large); a forged form gets the error page. */
const UPLOAD_REFUSALS = [400, 413, 415, 422];

function importIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.importId);
  if (error) throw notFound('Import', 'IMPORT_NOT_FOUND');
  return value;
}

/**
 * The plain form's upload, streamed as the API's is: the CSRF token (the form's first field) is
 * checked before any byte of the file is read, and the file goes straight to the imports domain,
 * which hashes it to a temporary file and keeps it only once it is whole. A file over the limit
 * breaks the stream, so nothing of it is kept.
 */
function receiveFormUpload(deps: WebDeps): RequestHandler {
  const storage: StorageEngine = {
    _handleFile(req, file, done) {
      // A form sent with no file chosen still has the part, empty: refused as no file, not as a bad one.
      let bytes = 0;
      const whole = new Transform({
        transform(chunk: Buffer, _encoding, next) {
          bytes += chunk.length;
          next(null, chunk);
        },
        flush: (next) => next(bytes ? null : invalid('No file was chosen')),
      });
      file.stream.on('limit', () => whole.destroy(tooLarge('The file is larger than an import takes')));
      file.stream.pipe(whole);
      receiveImportFrom(whole, req.res!.locals.user, queueImport, deps).then(
        (received) => done(null, { importId: received.id } as Partial<Express.Multer.File>),
        (err: unknown) => done(err),
      );
    },
    _removeFile: (_req, _file, done) => done(null),
  };
  return multer({
    storage,
    limits: { fileSize: MAX_REMITTANCE_BYTES, files: 1, fields: 1, parts: 2 },
    fileFilter(req, _file, accept) {
      const token = formBody(req)._csrf;
      if (csrfTokenMatches(req.res!.locals.csrfBoundTo, token, deps.config.sessionSecret)) accept(null, true);
      else accept(forbidden(CSRF_REFUSAL));
    },
  }).single('file');
}

/** What a refused upload says on the form, in the page's words. */
function refusalText(err: AppError): string {
  if (err.status === 413) return `The file was not imported: it is larger than the ${MAX_SIZE_TEXT} an import takes.`;
  if (err.code === 'VALIDATION_FAILED') return 'Choose the remittance file to import.';
  return `The file was not imported. ${err.message.replace(/\.?$/, '.')}`;
}

/** Mounted before the page router's CSRF check: the upload checks the token itself, as the file arrives. */
export function importsRoutes(router: Router, deps: WebDeps): void {
  const zone = deps.config.clinic.timeZone;
  const showList = async (res: Response, extra: Record<string, unknown> = {}, status = 200) =>
    renderPage(
      res,
      'imports',
      {
        title: 'Imports',
        imports: await loadImportList(zone),
        maxSize: MAX_SIZE_TEXT,
        // The CSV layout's template, from the API, when the API offers it to this role.
        csvTemplate: mayCall(deps.api, res.locals.user.role, 'get', CSV_TEMPLATE) ? `/api/v1${CSV_TEMPLATE}` : null,
        scripts: ['send-file.js', 'imports.js'],
        ...extra,
      },
      status,
    );
  const receive = receiveFormUpload(deps);

  router.get('/imports', requireApiRoles(deps.api, 'get', '/imports'), (_req, res) => showList(res));
  router.post('/imports', requireApiRoles(deps.api, 'post', '/imports'), async (req, res) => {
    try {
      await new Promise<void>(
        (resolve, reject) => void receive(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
      );
    } catch (err) {
      const refusal = toAppError(err);
      if (!UPLOAD_REFUSALS.includes(refusal.status)) throw err;
      noteProblem(refusal.code);
      return showList(res, { formProblems: { import: refusalText(refusal) } }, refusal.status);
    }
    const importId = (req.file as { importId?: string } | undefined)?.importId;
    if (!importId) return showList(res, { formProblems: { import: 'Choose the remittance file to import.' } }, 400);
    res.redirect(303, `/imports/${importId}`);
  });
  router.get('/imports/:importId', requireApiRoles(deps.api, 'get', '/imports/:importId'), async (req, res) => {
    const imported = await loadImportPage(importIdOf(req), zone);
    renderPage(res, 'import', {
      title: `Import of ${imported.uploadedAt}`,
      imported,
      refreshSeconds: REFRESH_SECONDS,
      scripts: ['send-file.js', 'imports.js'],
    });
  });
}
