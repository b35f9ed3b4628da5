import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { attachSession, requireCsrf } from './web-session.middleware.js';
import { signInRoutes } from './sign-in.routes.js';
import { boardRoutes } from './board.routes.js';
import { intakeRoutes, noticeUploadRoute } from './intake.routes.js';
import { caseFileRoutes } from './case-file.routes.js';
import { caseWorkRoutes } from './case-work.routes.js';
import { caseFactsRoutes } from './case-facts.routes.js';
import { caseDeadlineRoutes } from './case-deadline.routes.js';
import { claimLineRoutes } from './claim-lines.routes.js';
import { attendanceRoutes } from './attendance.routes.js';
import { caseNarrativeRoutes } from './case-narrative.routes.js';
import { statedReasonsRoutes } from './stated-reasons.routes.js';
import { documentSearchRoutes } from './document-search.routes.js';
import { caseAssigneeRoutes } from './case-assignee.routes.js';
import { evidenceUploadRoute } from './evidence-upload.route.js';
import { peerToPeerRoutes } from './p2p.routes.js';
import { peerToPeerReviewRoutes } from './p2p-review.routes.js';
import { peerToPeerRequestRoute } from './p2p-request.routes.js';
import { guidelineLibraryRoutes } from './guideline-library.routes.js';
import { adminRoutes } from './admin.routes.js';
import { importsRoutes } from './imports.routes.js';
import { pageErrorHandler } from './web-errors.js';
import { notFound } from '../platform/errors.js';

export { webSessionForApi } from './web-session.middleware.js';
export { label } from './web-labels.js';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** Mounts the server-rendered pages (sign-in, board, case file, P2P) on the app. */
export function mountWeb(app: Express, api: ApiRegistry, deps: DomainDeps): void {
  // Helmet's defaults, except that plain-HTTP installs (no TLS proxy) must not have the browser
  // upgrade the stylesheet and scripts to an https:// that does not exist.
  const csp = helmet.contentSecurityPolicy({
    directives: { 'upgrade-insecure-requests': deps.config.trustProxy ? [] : null },
  });
  app.use(
    '/static',
    csp,
    express.static(PUBLIC_DIR, { index: false, maxAge: deps.config.env === 'production' ? '1h' : 0 }),
  );
  const pages = express.Router();
  // API paths the API router did not match fall through to its 404, not to a page.
  pages.use((req, _res, next) => next(req.path.startsWith('/api/') ? 'router' : undefined));
  pages.use(csp);
  pages.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 500 }));
  pages.use(attachSession(deps));
  // Before the CSRF check: these uploads check the token themselves, once the multipart body is being read.
  evidenceUploadRoute(pages, { ...deps, api });
  importsRoutes(pages, { ...deps, api });
  noticeUploadRoute(pages, { ...deps, api });
  pages.use(requireCsrf(deps));
  signInRoutes(pages, deps);
  boardRoutes(pages, deps);
  intakeRoutes(pages, deps);
  caseFileRoutes(pages, { ...deps, api });
  caseWorkRoutes(pages, { ...deps, api });
  caseFactsRoutes(pages, { ...deps, api });
  caseDeadlineRoutes(pages, { ...deps, api });
  claimLineRoutes(pages, { ...deps, api });
  attendanceRoutes(pages, { ...deps, api });
  caseNarrativeRoutes(pages, { ...deps, api });
  statedReasonsRoutes(pages, { ...deps, api });
  documentSearchRoutes(pages, { ...deps, api });
  caseAssigneeRoutes(pages, { ...deps, api });
  peerToPeerRoutes(pages, { ...deps, api });
  peerToPeerReviewRoutes(pages, { ...deps, api });
  peerToPeerRequestRoute(pages, { ...deps, api });
  guidelineLibraryRoutes(pages, { ...deps, api });
  adminRoutes(pages, { ...deps, api });
  // Any other address outside the API is a page that does not exist: an HTML page, not the API's JSON.
  pages.use((_req, _res, next) => next(notFound('Page', 'PAGE_NOT_FOUND')));
  pages.use(pageErrorHandler(deps.logger));
  app.use(pages);
}
