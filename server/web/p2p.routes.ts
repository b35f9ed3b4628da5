import type { Request, Response, Router } from 'express';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import {
  availabilityBody,
  outcomeBody,
  recordOutcome,
  setAvailability,
  type AvailabilityInput,
  type OutcomeInput,
} from '../p2p/index.js';
import { requireRole } from './web-session.middleware.js';
import { renderPage } from './web-views.js';
import { loadPeerToPeerPage } from './p2p-page.service.js';
import { asList, formRows, registerFormRoute } from './form-route.js';
import { formBody } from './form-errors.js';
import { reviewIdOf, showReviewPage } from './p2p-review.routes.js';

const NOTICES: Record<string, string> = { availability: 'Availability saved.', outcome: 'Outcome recorded.' };
type PageDeps = DomainDeps & { api: ApiRegistry };

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The week shown: from the address, or, for a form sent back, from the form. */
async function showPeerToPeerPage(
  req: Request,
  res: Response,
  deps: PageDeps,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const form = formBody(req);
  const query = { week: text(req.query.week) ?? text(form._week), who: text(req.query.who) };
  const p2p = await loadPeerToPeerPage(query, res.locals.user, deps.api, deps);
  const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined;
  renderPage(res, 'p2p', { title: 'Peer-to-peer calls', p2p, notice, scripts: ['api-form.js'], ...extra }, status);
}

/** The outcome form is on both pages; a refusal or a success goes back to the one it was sent from. */
const fromReviewPage = (req: Request) => formBody(req)._from === 'review';

/** The medical director's P2P page (admins see every physician's; clinicians their own calls). */
export function peerToPeerRoutes(router: Router, deps: PageDeps): void {
  router.get('/p2p', requireRole('medical_director', 'admin', 'clinician'), (req, res) =>
    showPeerToPeerPage(req, res, deps),
  );

  // Recording an outcome without page script (see form-route.ts).
  registerFormRoute<OutcomeInput & { version: number }>(router, deps.api, {
    api: { method: 'post', path: '/p2p/:p2pId/outcome' },
    path: '/p2p/:p2pId/outcome',
    schema: outcomeBody,
    toBody: (f) => ({
      version: f.version,
      timing: f.timing,
      result: f.result,
      decisionDate: f.decisionDate,
      reviewerName: f.reviewerName,
      decisionReference: f.decisionReference,
      agreed: f.agreed,
      notes: f.notes,
      alternativesOffered: asList(f.alternativesOffered),
    }),
    run: (body, req, res) => recordOutcome(reviewIdOf(req), body, res.locals.user, deps),
    key: (req) => `outcome-${String(req.params.p2pId)}`,
    labels: {
      timing: 'When the call was held',
      result: 'Result',
      decisionDate: 'Date of the payer’s revised decision',
      reviewerName: 'Payer’s reviewer',
      decisionReference: 'Payer’s reference number',
      agreed: 'What was agreed',
      notes: 'Notes',
      version: 'The call',
    },
    show: (req, res, extra, status) =>
      fromReviewPage(req)
        ? showReviewPage(req, res, deps, extra, status)
        : showPeerToPeerPage(req, res, deps, extra, status),
    done: (req) => {
      if (fromReviewPage(req)) return `/p2p/${reviewIdOf(req)}?notice=outcome#outcome`;
      const week = text(formBody(req)._week);
      const weekParam = week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? `&week=${week}` : '';
      return `/p2p?notice=outcome${weekParam}#call-${reviewIdOf(req)}`;
    },
  });
  // Saving one's own availability without page script: rows left without a start (or a date) are dropped.
  const filled = (key: string) => (row: Record<string, unknown>) =>
    typeof row[key] === 'string' && row[key].trim() !== '';
  registerFormRoute<AvailabilityInput>(router, deps.api, {
    api: { method: 'put', path: '/physicians/:physicianId/availability' },
    path: '/p2p/availability',
    schema: availabilityBody,
    toBody: (f) => ({
      version: f.version,
      timeZone: f.timeZone,
      weekly: formRows(f, 'weekly', filled('start')),
      exceptions: formRows(f, 'exceptions', filled('date')),
    }),
    run: (body, _req, res) => setAvailability(res.locals.user.id, body, res.locals.user, deps),
    key: () => 'availability',
    labels: { version: 'Availability', timeZone: 'Time zone', weekly: 'Weekly hours', exceptions: 'Days off' },
    show: (req, res, extra, status) => showPeerToPeerPage(req, res, deps, extra, status),
    done: () => '/p2p?notice=availability#availability',
  });
}
