/**
 * One peer-to-peer review as a page (`/p2p/<id>`, the invitation's link): the case reference,
 * the window and its basis, the physician, the payer's contact, the booked time in the
 * physician's zone, the history, the prep sheet, and the forms the user's role may send: book a
 * proposed time (or another), reschedule, cancel, record the outcome. Read through the p2p
 * domain, which decides who sees the review (404 otherwise) and audits the read.
 */
import { getPeerToPeer, proposeSlots, describeCallTime, P2P_RESULTS, P2P_TIMINGS } from '../p2p/index.js';
import type { ApiRegistry, HttpMethod } from '../platform/http/api-registry.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { mayCall } from './api-permissions.js';
import { displayDateTime } from './case-file.service.js';
import { label } from './web-labels.js';

/** Lengths a call may have (15 to 120 minutes in quarter hours, as the API accepts). */
export const CALL_MINUTES = [15, 30, 45, 60, 75, 90, 105, 120];

const EVENTS: Record<string, string> = {
  requested: 'Requested',
  scheduled: 'Booked',
  rescheduled: 'Rescheduled',
  cancelled: 'Cancelled',
  outcome: 'Outcome recorded',
};

/** The proposals' length: one the API accepts, else half an hour. */
export function callMinutes(value: unknown): number {
  const minutes = Number(value);
  return CALL_MINUTES.includes(minutes) ? minutes : 30;
}

export async function loadReviewPage(
  id: string,
  query: { minutes: number },
  user: AuthenticatedUser,
  api: ApiRegistry,
  deps: DomainDeps,
) {
  const r = await getPeerToPeer(id, user);
  const may = (method: HttpMethod, path: string) => mayCall(api, user.role, method, path);
  const open = r.status === 'requested' || r.status === 'scheduled';
  const mayBook = open && may('post', '/p2p/:p2pId/schedule');
  const proposal = mayBook ? await proposeSlots(id, { durationMinutes: query.minutes, count: 6 }, user, deps) : null;
  const zone = r.scheduled?.timeZone ?? proposal?.timeZone;
  const contact = r.payerContact;
  return {
    id: r.id,
    version: r.version,
    caseId: r.caseId,
    reference: r.caseReference,
    status: r.status,
    statusText: label(r.status),
    timing: r.timing,
    timingText: label(r.timing),
    physicianName: r.physicianName,
    window: {
      lastDate: r.window.lastDate,
      basis: r.window.basis,
      source: r.window.source === 'notice' ? 'from the denial notice' : 'from the payer profile’s rule',
    },
    payerContact: [contact?.name, contact?.phone, contact?.email].filter(Boolean).join(' · '),
    payerReference: r.payerReference,
    reviewer: [r.reviewer?.name, r.reviewer?.specialty].filter(Boolean).join(', '),
    booked: r.scheduled
      ? {
          when: describeCallTime(r.scheduled.start, r.scheduled.timeZone),
          minutes: (new Date(r.scheduled.end).getTime() - new Date(r.scheduled.start).getTime()) / 60_000,
          dialIn: r.scheduled.dialIn,
        }
      : undefined,
    zone,
    history: [...r.history].reverse().map((h) => ({
      at: displayDateTime(h.at, deps.config.clinic.timeZone),
      by: h.byName,
      what: EVENTS[h.event] ?? label(h.event),
      note: h.note,
      previous: h.previous ? describeCallTime(h.previous.start, h.previous.timeZone) : undefined,
    })),
    outcomeText: r.outcome ? `${label(r.outcome.result)}${r.outcome.agreed ? `: ${r.outcome.agreed}` : ''}` : undefined,
    prepSheet: `/api/v1/p2p/${r.id}/prep-sheet`,
    prepSheetPdf: `/api/v1/p2p/${r.id}/prep-sheet.pdf`,
    invitation: r.scheduled ? `/api/v1/p2p/${r.id}/invite.ics` : undefined,
    booking: proposal
      ? {
          minutes: query.minutes,
          lengths: CALL_MINUTES.map((value) => ({
            value,
            text: `${value} minutes`,
            selected: value === query.minutes,
          })),
          slots: proposal.slots.map((s) => ({
            value: new Date(s.start).toISOString(),
            text: describeCallTime(s.start, proposal.timeZone),
          })),
          lastDate: proposal.lastDate,
          noHours: 'note' in proposal,
          clinicZone: deps.config.clinic.timeZone,
          dialIn: r.scheduled?.dialIn,
          reviewerName: r.reviewer?.name,
        }
      : undefined,
    mayCancel: open && may('post', '/p2p/:p2pId/cancel'),
    mayRecord: r.status === 'scheduled' && may('post', '/p2p/:p2pId/outcome'),
    results: P2P_RESULTS.map((value) => ({ value, text: label(value) })),
    timings: P2P_TIMINGS.map((value) => ({ value, text: label(value) })),
  };
}
export type ReviewPage = Awaited<ReturnType<typeof loadReviewPage>>;
