/**
 * `/imports` (billing, administrators: the roles of the imports API): upload a remittance, the
 * list of past imports, and `/imports/<id>` with the job's progress and, once done, its summary
 * and a link to the cases it made. With script, imports.js sends the file to the API and follows
 * the job's progress there; without, the page refreshes itself while the job runs.
 */
import type { Request, Router } from 'express';
import { notFound } from '../platform/errors.js';
import { objectId } from '../platform/http/common-schemas.js';
import { requireApiRoles } from './api-permissions.js';
import type { WebDeps } from './case-file.routes.js';
import { loadImportList, loadImportPage } from './imports-page.service.js';
import { renderPage } from './web-views.js';

/** Seconds between refreshes of a running import's page without script. */
const REFRESH_SECONDS = 3;

function importIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.importId);
  if (error) throw notFound('Import', 'IMPORT_NOT_FOUND');
  return value;
}

export function importsRoutes(router: Router, deps: WebDeps): void {
  const zone = deps.config.clinic.timeZone;
  router.get('/imports', requireApiRoles(deps.api, 'get', '/imports'), async (_req, res) => {
    renderPage(res, 'imports', {
      title: 'Imports',
      imports: await loadImportList(zone),
      scripts: ['imports.js'],
    });
  });
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
