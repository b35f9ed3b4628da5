/**
 * `/imports` (billing, administrators: the roles of the imports API): upload a remittance, the
 * list of past imports, and `/imports/<id>` with the job's progress and, once done, its summary
 * and a link to the cases it made. With script, imports.js sends the file to the API and follows
 * the job's progress there; without, a running import's page refreshes itself.
 */
import type { Request, Response, Router } from 'express';
import { notFound } from '../platform/errors.js';
import { objectId } from '../platform/http/common-schemas.js';
import { mayCall, requireApiRoles } from './api-permissions.js';
import type { WebDeps } from './case-file.routes.js';
import { loadImportList, loadImportPage } from './imports-page.service.js';
import { renderPage } from './web-views.js';

/** Seconds between refreshes of a running import's page without script. */
const REFRESH_SECONDS = 3;

/** The largest remittance an import takes: the imports API's own limit (imports/import.routes.ts). */
const MAX_REMITTANCE_BYTES = 50 * 1024 * 1024;
const MAX_SIZE_TEXT = `${MAX_REMITTANCE_BYTES / 1024 / 1024} MB`;

const CSV_TEMPLATE = '/imports/csv-template';

function importIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.importId);
  if (error) throw notFound('Import', 'IMPORT_NOT_FOUND');
  return value;
}

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
        scripts: ['imports.js'],
        ...extra,
      },
      status,
    );

  router.get('/imports', requireApiRoles(deps.api, 'get', '/imports'), (_req, res) => showList(res));
  router.get('/imports/:importId', requireApiRoles(deps.api, 'get', '/imports/:importId'), async (req, res) => {
    const imported = await loadImportPage(importIdOf(req), zone);
    renderPage(res, 'import', {
      title: `Import of ${imported.uploadedAt}`,
      imported,
      refreshSeconds: REFRESH_SECONDS,
      scripts: ['imports.js'],
    });
  });
}
