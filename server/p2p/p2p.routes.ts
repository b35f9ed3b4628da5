import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import * as s from './p2p.schemas.js';
import * as r from './p2p.responses.js';
import {
  requestPeerToPeer,
  getPeerToPeer,
  proposeSlots,
  schedulePeerToPeer,
  cancelPeerToPeer,
  recordOutcome,
  type NewPeerToPeer,
  type Booking,
  type OutcomeInput,
} from './p2p-review.service.js';
import { listPeerToPeer, windowsClosing, type ReviewFilters } from './p2p-worklist.service.js';
import { getAvailability, setAvailability, type AvailabilityInput } from './availability.service.js';
import { invitationFor } from './p2p-invite.service.js';
import { prepSheetFor, type SessionsOfCase } from './prep-sheet.service.js';

const everyone = ['clinician', 'billing', 'medical_director', 'admin'] as const;
/** Outcomes are clinical: the physicians and admins record them, billing does not. */
const clinical = ['clinician', 'medical_director', 'admin'] as const;
const tag = 'peer-to-peer';

type P2PParams = { p2pId: string };

/**
 * The peer-to-peer routes.
 * @param deps.sessionsOfCase - the attendance record's sessions of a case, for the prep sheet
 */
export function registerPeerToPeerRoutes(
  api: ApiRegistry,
  deps: DomainDeps & { sessionsOfCase: SessionsOfCase },
): void {
  api.add({
    method: 'post',
    path: '/cases/:caseId/p2p',
    roles: everyone,
    tag,
    summary: 'Request a peer-to-peer review on a case (window from the denial notice or the payer’s rule)',
    schemas: { params: s.caseParams, body: s.requestBody },
    response: r.peerToPeerReview,
    handler: handle<{ caseId: string }, unknown, NewPeerToPeer>(({ params, body, user }) =>
      requestPeerToPeer(params.caseId, body, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/p2p',
    roles: everyone,
    tag,
    summary: 'Peer-to-peer reviews by physician (or `me`), status and call time; e.g. my calls this week',
    schemas: { query: s.listQuery },
    response: r.reviewList,
    handler: handle<unknown, ReviewFilters>(({ query, user }) => listPeerToPeer(query, user, deps)),
  });
  api.add({
    method: 'get',
    path: '/p2p/windows-closing',
    roles: everyone,
    tag,
    summary:
      'P2P windows closing within N days, for the clinic or one physician: requested ' +
      'reviews not yet held, and cases with none requested',
    schemas: { query: s.closingQuery },
    response: r.windowsClosing,
    handler: handle<unknown, { withinDays: number; physician?: string }>(({ query, user }) =>
      windowsClosing(query, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/p2p/:p2pId',
    roles: everyone,
    tag,
    summary: 'One peer-to-peer review',
    schemas: { params: s.p2pParams },
    response: r.peerToPeerReview,
    handler: handle<P2PParams>(({ params, user }) => getPeerToPeer(params.p2pId, user)),
  });
  api.add({
    method: 'get',
    path: '/p2p/:p2pId/slots',
    roles: everyone,
    tag,
    summary: 'Earliest free times in the physician’s availability inside the P2P window',
    schemas: { params: s.p2pParams, query: s.slotsQuery },
    response: r.proposedSlots,
    handler: handle<P2PParams, { durationMinutes: number; count: number }>(({ params, query, user }) =>
      proposeSlots(params.p2pId, query, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/p2p/:p2pId/schedule',
    roles: everyone,
    tag,
    summary: 'Book or reschedule the call (409 when the physician has an overlapping call)',
    schemas: { params: s.p2pParams, body: s.scheduleBody },
    status: 200,
    response: r.peerToPeerReview,
    handler: handle<P2PParams, unknown, Booking>(({ params, body, user }) =>
      schedulePeerToPeer(params.p2pId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/p2p/:p2pId/cancel',
    roles: everyone,
    tag,
    summary: 'Call the peer-to-peer off; the invitation becomes a cancellation',
    schemas: { params: s.p2pParams, body: s.cancelBody },
    status: 200,
    response: r.peerToPeerReview,
    handler: handle<P2PParams, unknown, { version: number; reason?: string }>(({ params, body, user }) =>
      cancelPeerToPeer(params.p2pId, body, user, deps),
    ),
  });
  api.add({
    method: 'post',
    path: '/p2p/:p2pId/outcome',
    roles: clinical,
    tag,
    summary:
      'Record the result of the call: only a win (the payer’s revised decision) changes the appeal level; ' +
      'an upheld, educational or missed call leaves it and its deadlines as they were',
    schemas: { params: s.p2pParams, body: s.outcomeBody },
    status: 200,
    response: r.outcomeRecorded,
    handler: handle<P2PParams, unknown, OutcomeInput>(({ params, body, user }) =>
      recordOutcome(params.p2pId, body, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/p2p/:p2pId/invite.ics',
    roles: everyone,
    tag,
    summary: 'The physician’s calendar invitation (iCalendar; METHOD:CANCEL once called off)',
    schemas: { params: s.p2pParams },
    produces: 'text/calendar',
    handler: handle<P2PParams>(async ({ params, user, res }) => {
      const invite = await invitationFor(params.p2pId, user, deps);
      res.type(`text/calendar; charset=utf-8; method=${invite.method}`).attachment(invite.filename).send(invite.ics);
    }),
  });
  api.add({
    method: 'get',
    path: '/p2p/:p2pId/prep-sheet.pdf',
    roles: everyone,
    tag,
    summary: 'The medical director’s one-to-two-page prep sheet (PDF)',
    schemas: { params: s.p2pParams },
    produces: 'application/pdf',
    handler: handle<P2PParams>(async ({ params, user, res }) => {
      const sheet = await prepSheetFor(params.p2pId, user, deps, 'pdf');
      res.type('application/pdf').attachment(sheet.filename).set('Cache-Control', 'no-store').send(sheet.body);
    }),
  });
  api.add({
    method: 'get',
    path: '/p2p/:p2pId/prep-sheet',
    roles: everyone,
    tag,
    summary: 'The prep sheet as an HTML page',
    schemas: { params: s.p2pParams },
    produces: 'text/html',
    handler: handle<P2PParams>(async ({ params, user, res }) => {
      const sheet = await prepSheetFor(params.p2pId, user, deps, 'html');
      res.type('text/html').set({ 'Cache-Control': 'no-store', 'Content-Security-Policy': sheet.csp }).send(sheet.body);
    }),
  });
  api.add({
    method: 'get',
    path: '/physicians/:physicianId/availability',
    roles: everyone,
    tag,
    summary: 'A physician’s weekly availability and exceptions',
    schemas: { params: s.physicianParams },
    response: r.physicianAvailability,
    handler: handle<{ physicianId: string }>(({ params }) => getAvailability(params.physicianId)),
  });
  api.add({
    method: 'put',
    path: '/physicians/:physicianId/availability',
    roles: clinical,
    tag,
    summary:
      'Set a physician’s availability (themselves, or a medical director or admin); version-checked, 0 to create',
    schemas: { params: s.physicianParams, body: s.availabilityBody },
    response: r.physicianAvailability,
    handler: handle<{ physicianId: string }, unknown, AvailabilityInput>(({ params, body, user }) =>
      setAvailability(params.physicianId, body, user, deps),
    ),
  });
}
