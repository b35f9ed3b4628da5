import type { Router } from 'express';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { requireRole } from './web-session.middleware.js';
import { renderPage } from './web-views.js';
import { loadPeerToPeerPage } from './p2p-page.service.js';

const NOTICES: Record<string, string> = { availability: 'Availability saved.', outcome: 'Outcome recorded.' };

/** The medical director's P2P page (admins see every physician's; clinicians their own calls). */
export function peerToPeerRoutes(router: Router, deps: DomainDeps & { api: ApiRegistry }): void {
  router.get('/p2p', requireRole('medical_director', 'admin', 'clinician'), async (req, res) => {
    const query = { week: typeof req.query.week === 'string' ? req.query.week : undefined, who: typeof req.query.who === 'string' ? req.query.who : undefined };
    const p2p = await loadPeerToPeerPage(query, res.locals.user, deps.api, deps);
    const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined;
    renderPage(res, 'p2p', { title: 'Peer-to-peer calls', p2p, notice, scripts: ['api-form.js'] });
  });
}
