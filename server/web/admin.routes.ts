/**
 * Administration, for administrators only: users, payer profiles, letter templates. Every
 * /admin page is closed to other roles (an HTML 403 page), whatever the API route of a form
 * allows (billing may change payer profiles through the API, not here).
 */
import type { Router } from 'express';
import type { WebDeps } from './case-file.routes.js';
import { requireRole } from './web-session.middleware.js';
import { renderPage } from './web-views.js';
import { adminUserRoutes } from './admin-users.routes.js';
import { adminPayerRoutes } from './admin-payers.routes.js';
import { adminTemplateRoutes } from './admin-templates.routes.js';

export function adminRoutes(router: Router, deps: WebDeps): void {
  router.use('/admin', requireRole('admin'));
  router.get('/admin', (_req, res) => renderPage(res, 'admin', { title: 'Administration' }));
  adminUserRoutes(router, deps);
  adminPayerRoutes(router, deps);
  adminTemplateRoutes(router, deps);
}
