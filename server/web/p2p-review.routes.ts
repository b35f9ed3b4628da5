/**
 * The page of one peer-to-peer review (`/p2p/<id>`) and its forms without page script (see
 * form-route.ts): book or reschedule the call, and cancel it. Each uses the API's roles, joi
 * schema and service; the outcome form is shared with the week's page (p2p.routes.ts).
 */
import type { Request, Response, Router } from 'express';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { notFound, type AppError } from '../platform/errors.js';
import { objectId } from '../platform/http/common-schemas.js';
import { cancelBody, cancelPeerToPeer, scheduleBody, schedulePeerToPeer, type Booking } from '../p2p/index.js';
import { requireApiRoles } from './api-permissions.js';
import { renderPage } from './web-views.js';
import { formBody } from './form-errors.js';
import { clinicInstant, registerFormRoute } from './form-route.js';
import { callMinutes, loadReviewPage } from './p2p-review-page.service.js';

type PageDeps = DomainDeps & { api: ApiRegistry };

/** Messages after a successful post; the address carries only the code. */
const NOTICES: Record<string, string> = {
  requested: 'Peer-to-peer requested. Choose a time inside the window below.',
  booked: 'Call booked. The physician’s invitation is ready.',
  cancelled: 'Peer-to-peer cancelled.',
  outcome: 'Outcome recorded.',
};

export function reviewIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.p2pId);
  if (error) throw notFound('Peer-to-peer review', 'P2P_NOT_FOUND');
  return value;
}

/** The review's page, with a refused form's summary and what was typed when there is one. */
export async function showReviewPage(
  req: Request,
  res: Response,
  deps: PageDeps,
  extra: Record<string, unknown> = {},
  status = 200,
): Promise<void> {
  const minutes = callMinutes(req.query.minutes ?? formBody(req).durationMinutes);
  const p2p = await loadReviewPage(reviewIdOf(req), { minutes }, res.locals.user, deps.api, deps);
  const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined;
  renderPage(
    res,
    'p2p-review',
    { title: `Peer-to-peer · ${p2p.reference}`, p2p, notice, scripts: ['api-form.js'], ...extra },
    status,
  );
}

/** A stale form says why, over the review as it now stands. */
function explain(err: AppError): string {
  return err.code === 'STALE_VERSION'
    ? 'Someone else changed this peer-to-peer while you had it open, so nothing was saved. Here it is as ' +
        'it stands now; choose again if your change still makes sense.'
    : err.message;
}

export function peerToPeerReviewRoutes(router: Router, deps: PageDeps): void {
  router.get('/p2p/:p2pId', requireApiRoles(deps.api, 'get', '/p2p/:p2pId'), (req, res) =>
    showReviewPage(req, res, deps),
  );
  const show = (req: Request, res: Response, extra: Record<string, unknown>, status: number) =>
    showReviewPage(req, res, deps, extra, status);
  const back = (notice: string, anchor: string) => (req: Request) =>
    `/p2p/${reviewIdOf(req)}?notice=${notice}#${anchor}`;

  // A proposed time is sent as its instant; another time is typed on the clinic's clock.
  registerFormRoute<Booking>(router, deps.api, {
    api: { method: 'post', path: '/p2p/:p2pId/schedule' },
    path: '/p2p/:p2pId/schedule',
    schema: scheduleBody,
    toBody: (f) => ({
      version: f.version,
      start: f.start === 'other' ? clinicInstant(f.otherStart, deps.config.clinic.timeZone) : f.start,
      durationMinutes: f.durationMinutes,
      dialIn: f.dialIn,
      reviewer: { name: f.reviewerName },
    }),
    run: (body, req, res) => schedulePeerToPeer(reviewIdOf(req), body, res.locals.user, deps),
    key: () => 'booking',
    labels: {
      version: 'The call',
      start: 'Time',
      durationMinutes: 'Length',
      dialIn: 'Dial-in',
      'reviewer.name': 'Payer’s reviewer',
    },
    show,
    explain,
    done: back('booked', 'booked'),
  });
  registerFormRoute<{ version: number; reason?: string }>(router, deps.api, {
    api: { method: 'post', path: '/p2p/:p2pId/cancel' },
    path: '/p2p/:p2pId/cancel',
    schema: cancelBody,
    toBody: (f) => ({ version: f.version, reason: f.reason }),
    run: (body, req, res) => cancelPeerToPeer(reviewIdOf(req), body, res.locals.user, deps),
    key: () => 'cancel',
    labels: { version: 'The call', reason: 'Why' },
    show,
    explain,
    done: back('cancelled', 'history'),
  });
}
