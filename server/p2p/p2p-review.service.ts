/**
 * Peer-to-peer reviews: requesting one on a case, finding and booking a time, rescheduling,
 * cancelling and recording the outcome. Each change is one version-checked write of the review
 * (with a version claim, so it also holds on FerretDB v1); the physician's time is reserved in
 * physician_slots first. The case hears of each change through `recordPeerToPeerOnCase`: its
 * timeline and open-call summary, and its level only when the payer issued a revised decision.
 */
import crypto from 'node:crypto';
import { Types } from 'mongoose';
import { findVisibleCase, isCaseVisible, recordPeerToPeerOnCase, type PeerToPeerTrack } from '../cases/index.js';
import { recordAudit } from '../audit/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { isDuplicateKey, versionedWrites } from '../platform/db/versioned-write.js';
import { conflict, forbidden, notFound, unprocessable, invalid } from '../platform/errors.js';
import { dateIn } from '../platform/clock.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import {
  PeerToPeerReviewModel,
  openKey,
  closedKey,
  type P2POutcome,
  type P2PResult,
  type P2PTiming,
  type P2PStatus,
  type PeerToPeerReviewRecord,
  type HistoryEntry,
} from './p2p-review.model.js';
import { refusalOfRequest, refusalOfOutcome, outcomePlan, timingOf, alreadyOpen } from './p2p-rules.js';
import { caseWindow, payerProfileOf } from './p2p-window.service.js';
import { findSlots, blockKeys, localDate, type ProposedSlot } from './slot-finder.js';
import { reserveBlocks, releaseBooking, releaseReviewBlocks, settleBooking, busyBlocks } from './slot-claims.js';
import { findPhysician, availabilityOf } from './availability.service.js';
import { toReviewView, describeCallTime, type ReviewView } from './p2p-view.js';

type Deps = Pick<DomainDeps, 'clock' | 'config'>;

/** Reviews still to be held: a case has at most one of these at a time. */
export const OPEN: readonly P2PStatus[] = ['requested', 'scheduled'];

const reviewWrites = versionedWrites(PeerToPeerReviewModel, {
  entity: 'p2p',
  label: 'peer-to-peer review',
  versionField: 'version',
});

/**
 * Loads a review the user may see: clinicians see the reviews they take and those on cases
 * they can see; other roles see the clinic's. 404 otherwise, so ids do not leak.
 */
async function loadReview(id: string, actor: AuthenticatedUser): Promise<PeerToPeerReviewRecord> {
  const doc = Types.ObjectId.isValid(id)
    ? await PeerToPeerReviewModel.findById(id).lean<PeerToPeerReviewRecord>()
    : null;
  if (!doc) throw notFound('Peer-to-peer review', 'P2P_NOT_FOUND');
  if (actor.role === 'clinician' && doc.physicianId !== actor.id && !(await isCaseVisible(doc.caseId, actor)))
    throw notFound('Peer-to-peer review', 'P2P_NOT_FOUND');
  return doc;
}

/**
 * Changes to a review move its case, so the caller must be able to change the case: a clinician
 * who takes a call on a case that is not theirs asks the case's assignee or a medical director.
 */
async function assertCaseWritable(doc: PeerToPeerReviewRecord, actor: AuthenticatedUser): Promise<void> {
  if (actor.role === 'clinician' && !(await isCaseVisible(doc.caseId, actor)))
    throw forbidden(
      'This case is not one of yours; its assignee or a medical director can change this peer-to-peer review',
    );
}

function historyEntry(
  actor: AuthenticatedUser,
  at: Date,
  event: string,
  fromStatus: P2PStatus | undefined,
  toStatus: P2PStatus,
  extra: Partial<HistoryEntry> = {},
): HistoryEntry {
  return { at, byId: actor.id, byName: actor.name, event, fromStatus, toStatus, ...extra };
}

export interface NewPeerToPeer {
  physicianId?: string;
  window?: { lastDate: string; basis?: string };
  payerContact?: { name?: string; phone?: string; email?: string };
  payerReference?: string;
  reviewer?: { name?: string; specialty?: string; npi?: string };
  note?: string;
}

/** The case's summary of an open review, as it now stands. */
function trackOf(
  doc: Pick<PeerToPeerReviewRecord, '_id' | 'window' | 'scheduled'>,
  status: P2PStatus,
): PeerToPeerTrack {
  const call = status === 'scheduled' ? doc.scheduled : undefined;
  return {
    reviewId: String(doc._id),
    status: status === 'scheduled' ? 'scheduled' : 'requested',
    windowLastDate: doc.window.lastDate,
    ...(call ? { scheduledStart: call.start, timeZone: call.timeZone } : {}),
  };
}

/**
 * Requests a P2P on a case: works out the window (from the denial notice when entered, else the
 * payer's rule), refuses what the payer's rules or the case's state forbid, and notes the request
 * on the case. The case's status stays: the P2P is a track beside the appeal level.
 */
export async function requestPeerToPeer(
  caseId: string,
  input: NewPeerToPeer,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<ReviewView> {
  const record = await findVisibleCase(caseId, actor, 'p2p.request');
  const physicianId = input.physicianId ?? record.treatingClinician?.userId;
  if (!physicianId)
    throw invalid('Name the physician who takes the call', [
      { field: 'body.physicianId', message: 'required: the case has no treating clinician with a user account' },
    ]);
  const physician = await findPhysician(physicianId);
  const payer = await payerProfileOf(record);
  const window = caseWindow(record, payer, input.window);
  const earlier = await PeerToPeerReviewModel.find({ caseId }).select('status').lean<{ status: P2PStatus }[]>();
  const refusal = refusalOfRequest({
    caseStatus: record.status,
    rules: payer?.p2pRules,
    earlier: earlier.map((e) => e.status),
    lastDate: window.lastDate,
    today: deps.clock.today(),
  });
  if (refusal) throw refusal;

  const now = deps.clock.now();
  const _id = new Types.ObjectId();
  try {
    await PeerToPeerReviewModel.create({
      _id,
      caseId,
      caseReference: record.reference,
      timing: timingOf(record.status),
      activeKey: openKey(caseId),
      window,
      payerContact: input.payerContact,
      payerReference: input.payerReference,
      physicianId: physician.id,
      physicianName: physician.name,
      reviewer: input.reviewer,
      status: 'requested',
      history: [historyEntry(actor, now, 'requested', undefined, 'requested', { note: input.note })],
      icsUid: `p2p-${_id}@overturn`,
      icsSequence: 0,
      version: 0,
      createdById: actor.id,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw alreadyOpen();
    throw err;
  }
  const userNote = input.note ? ` ${input.note}` : '';
  const note = `Peer-to-peer review requested with ${physician.name}; window closes ${window.lastDate}.${userNote}`;
  try {
    const track = trackOf({ _id, window }, 'requested');
    await recordPeerToPeerOnCase(caseId, { track, note }, actor, deps);
  } catch (err) {
    // The request is one change: without the case moving, no review is left behind.
    await PeerToPeerReviewModel.deleteOne({ _id });
    throw err;
  }
  return getPeerToPeer(String(_id), actor, { audit: false });
}

/**
 * Takes back a request made with a case being opened, when the case is not opened after all
 * (something else written with it failed): nobody has seen the review, so nothing of it is kept.
 */
export async function discardOpeningRequest(reviewId: string): Promise<void> {
  await PeerToPeerReviewModel.deleteOne({ _id: reviewId, status: 'requested' });
}

/** One review; audited as a read of its case's P2P. */
export async function getPeerToPeer(
  id: string,
  actor: AuthenticatedUser,
  options: { audit?: boolean } = {},
): Promise<ReviewView> {
  const doc = await loadReview(id, actor);
  if (options.audit !== false)
    await recordAudit({ actor, action: 'p2p.read', entityType: 'p2p', entityId: id, caseId: doc.caseId });
  return toReviewView(doc);
}

function assertOpen(doc: PeerToPeerReviewRecord, what: string): void {
  if (!OPEN.includes(doc.status))
    throw conflict('P2P_NOT_OPEN', `A peer-to-peer review that is ${doc.status} cannot be ${what}`);
}

/** The earliest free times in the physician's availability, inside the P2P window. */
export async function proposeSlots(
  id: string,
  q: { durationMinutes: number; count: number },
  actor: AuthenticatedUser,
  { clock }: Deps,
) {
  const doc = await loadReview(id, actor);
  assertOpen(doc, 'scheduled');
  const physician = await findPhysician(doc.physicianId);
  const availability = await availabilityOf(physician);
  const now = clock.now();
  const slots: ProposedSlot[] = findSlots({
    now,
    ...availability,
    lastDate: doc.window.lastDate,
    busy: await busyBlocks(physician.id, id, now),
    durationMinutes: q.durationMinutes,
    count: q.count,
  });
  return {
    p2pId: id,
    physicianId: physician.id,
    timeZone: availability.timeZone,
    lastDate: doc.window.lastDate,
    durationMinutes: q.durationMinutes,
    slots,
    ...(availability.weekly.length
      ? {}
      : {
          note: 'The physician has not set weekly availability; set it with PUT /physicians/:physicianId/availability',
        }),
  };
}

export interface Booking {
  /** Left out only for a first booking (see p2p.schemas.ts). */
  version?: number;
  start: Date;
  durationMinutes: number;
  dialIn?: string;
  reviewer?: { name?: string; specialty?: string; npi?: string };
}

/**
 * Books (or reschedules) the call. The physician's 15-minute blocks are reserved first, so an
 * overlapping booking — also one racing this one — is refused with 409 SLOT_TAKEN; then the
 * review is updated (version-checked), the blocks of a replaced time are freed, and the case's
 * timeline and open-call summary say when the call is.
 */
export async function schedulePeerToPeer(
  id: string,
  booking: Booking,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<ReviewView> {
  const doc = await loadReview(id, actor);
  assertOpen(doc, 'scheduled');
  await assertCaseWritable(doc, actor);
  if (booking.version === undefined ? doc.status !== 'requested' : doc.version !== booking.version)
    throw reviewWrites.stale(doc.version, booking.version);
  const now = deps.clock.now();
  if (booking.start.getTime() < now.getTime()) throw unprocessable('SLOT_IN_PAST', 'The call cannot start in the past');
  const physician = await findPhysician(doc.physicianId);
  const { timeZone } = await availabilityOf(physician);
  if (localDate(booking.start, timeZone) > doc.window.lastDate)
    throw unprocessable('OUTSIDE_WINDOW', `The payer's peer-to-peer window ends on ${doc.window.lastDate}`);
  const end = new Date(booking.start.getTime() + booking.durationMinutes * 60_000);
  const keys = blockKeys(booking.start, end);
  const bookingId = crypto.randomUUID();
  const rescheduling = doc.status === 'scheduled';
  // Any change to an invitation already sent must carry a higher SEQUENCE.
  const invited = doc.history.some((h) => h.toStatus === 'scheduled');
  const previous = doc.scheduled
    ? {
        start: doc.scheduled.start,
        end: doc.scheduled.end,
        timeZone: doc.scheduled.timeZone,
        dialIn: doc.scheduled.dialIn,
      }
    : undefined;

  const currentBookingId = doc.status === 'scheduled' ? doc.scheduled?.bookingId : undefined;
  await reserveBlocks(physician.id, id, bookingId, keys, currentBookingId);
  let updated: PeerToPeerReviewRecord;
  try {
    updated = await reviewWrites.update<PeerToPeerReviewRecord>(
      { id, version: doc.version, filter: { _id: id, status: { $in: OPEN } } },
      {
        $set: {
          status: 'scheduled',
          scheduled: {
            start: booking.start,
            end,
            timeZone,
            dialIn: booking.dialIn ?? doc.scheduled?.dialIn,
            bookingId,
          },
          ...(booking.reviewer ? { reviewer: booking.reviewer } : {}),
        },
        $push: {
          history: historyEntry(actor, now, rescheduling ? 'rescheduled' : 'scheduled', doc.status, 'scheduled', {
            previous: rescheduling ? previous : undefined,
          }),
        },
        $inc: { icsSequence: invited ? 1 : 0 },
      },
      { runValidators: true },
    );
  } catch (err) {
    await releaseBooking(bookingId);
    throw err;
  }
  await settleBooking(id, bookingId, keys, currentBookingId);
  const when = describeCallTime(booking.start, timeZone);
  const note =
    `Peer-to-peer ${rescheduling ? 'rescheduled' : 'scheduled'} for ${when} with ` +
    `${physician.name}${previous ? ` (was ${describeCallTime(previous.start, previous.timeZone)})` : ''}.`;
  await recordPeerToPeerOnCase(doc.caseId, { track: trackOf(updated, 'scheduled'), note }, actor, deps);
  return toReviewView(updated);
}

/** Calls the P2P off: frees the physician's time, issues a cancelling invitation, notes it on the case. */
export async function cancelPeerToPeer(
  id: string,
  input: { version: number; reason?: string },
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<ReviewView> {
  const doc = await loadReview(id, actor);
  assertOpen(doc, 'cancelled');
  await assertCaseWritable(doc, actor);
  reviewWrites.expect(doc.version, input.version);
  const now = deps.clock.now();
  const invited = doc.history.some((h) => h.toStatus === 'scheduled');
  const updated = await reviewWrites.update<PeerToPeerReviewRecord>(
    { id, version: doc.version, filter: { _id: id, status: { $in: OPEN } } },
    {
      $set: { status: 'cancelled', activeKey: closedKey(id) },
      $push: { history: historyEntry(actor, now, 'cancelled', doc.status, 'cancelled', { note: input.reason }) },
      $inc: { icsSequence: invited ? 1 : 0 },
    },
  );
  await releaseReviewBlocks(id);
  const note = `Peer-to-peer review cancelled.${input.reason ? ` ${input.reason}` : ''}`;
  await recordPeerToPeerOnCase(doc.caseId, { track: null, note }, actor, deps);
  return toReviewView(updated);
}

/** What the physician reports after the call: the stored outcome's fields, less who and when. */
export interface OutcomeInput extends Omit<P2POutcome, 'recordedAt' | 'recordedById' | 'timing'> {
  version: number;
  /** Left out: the case says (pre-decision while the payer owes its decision on the filed appeal). */
  timing?: P2PTiming;
  alternativesOffered?: string[];
}

const RESULT_WORDS: Record<P2PResult, string> = {
  overturned: 'the denial was overturned',
  partially_overturned: 'the denial was partly overturned',
  upheld: 'the denial was upheld',
  educational: 'the call was educational only and could not change the decision',
  rescheduled: 'the call has to be rescheduled',
  no_show_payer: "the payer's reviewer did not join",
  no_show_physician: 'our physician could not join',
};

/**
 * Records what came of the call. Only a win changes the case: the payer's revised decision
 * resolves the level (see `revisedDecisionEffect`). An upheld or educational call and a no-show
 * leave the level, its status and its filing deadline as they were, and the timeline says so;
 * a call to be rescheduled is requested again. Never opens the next level.
 * @throws 422 P2P_TIMING, P2P_EDUCATIONAL_ONLY; 400 for a revised decision dated in the future or before the request
 */
export async function recordOutcome(id: string, input: OutcomeInput, actor: AuthenticatedUser, deps: Deps) {
  const doc = await loadReview(id, actor);
  if (doc.status !== 'scheduled')
    throw conflict('P2P_NOT_SCHEDULED', `An outcome is recorded for a scheduled call; this review is ${doc.status}`);
  await assertCaseWritable(doc, actor);
  reviewWrites.expect(doc.version, input.version);
  const record = await findVisibleCase(doc.caseId, actor, 'p2p.outcome');
  const payer = await payerProfileOf(record);
  const timing = input.timing ?? timingOf(record.status);
  const refusal = refusalOfOutcome({
    result: input.result,
    timing,
    caseStatus: record.status,
    educationalOnly: Boolean(payer?.p2pRules?.postDecisionEducationalOnly),
    decisionDate: input.decisionDate,
    // The history's first entry carries the clinic clock's time of the request (createdAt is the database's).
    requestedOn: dateIn(doc.history[0]?.at ?? doc.createdAt, deps.clock.timeZone),
    today: deps.clock.today(),
  });
  if (refusal) throw refusal;
  const plan = outcomePlan(input.result);
  const now = deps.clock.now();
  const rescheduled = input.result === 'rescheduled';
  const previous = doc.scheduled
    ? {
        start: doc.scheduled.start,
        end: doc.scheduled.end,
        timeZone: doc.scheduled.timeZone,
        dialIn: doc.scheduled.dialIn,
      }
    : undefined;
  const outcome: P2POutcome = {
    result: input.result,
    timing,
    reviewerName: input.reviewerName,
    notes: input.notes,
    agreed: input.agreed,
    decisionReference: input.decisionReference,
    decisionDate: input.decisionDate,
    recordedAt: now,
    recordedById: actor.id,
  };
  const updated = await reviewWrites.update<PeerToPeerReviewRecord>(
    { id, version: doc.version, filter: { _id: id, status: 'scheduled' } },
    {
      $set: {
        status: plan.reviewStatus,
        timing,
        outcome,
        ...(plan.reviewStatus === 'requested' ? {} : { activeKey: closedKey(id) }),
        ...(input.reviewerName ? { 'reviewer.name': input.reviewerName } : {}),
      },
      ...(rescheduled ? { $unset: { scheduled: 1 } } : {}),
      $push: {
        history: historyEntry(actor, now, 'outcome', 'scheduled', plan.reviewStatus, {
          note: RESULT_WORDS[input.result],
          previous: rescheduled ? previous : undefined,
        }),
      },
      $inc: { icsSequence: rescheduled ? 1 : 0 },
    },
  );
  if (rescheduled) await releaseReviewBlocks(id);

  const when = timing === 'pre_decision' ? 'before the payer’s decision' : 'after the payer’s determination';
  const note = [
    `Peer-to-peer review ${when}${input.reviewerName ? ` with ${input.reviewerName}` : ''}: ` +
      `${RESULT_WORDS[input.result]}.`,
    input.agreed ? `${plan.revised ? 'Approved' : 'Agreed'}: ${input.agreed}.` : '',
    input.decisionReference ? `Reference ${input.decisionReference}, dated ${input.decisionDate}.` : '',
    input.notes ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  const caseView = await recordPeerToPeerOnCase(
    doc.caseId,
    {
      track: plan.callOver ? null : trackOf(updated, 'requested'),
      note,
      callOver: plan.callOver,
      contact: { name: input.reviewerName, role: 'payer medical reviewer', method: 'phone' },
      alternativesOffered: input.alternativesOffered,
      ...(plan.revised && input.decisionDate && input.decisionReference
        ? {
            revisedDecision: {
              result: plan.revised,
              decisionDate: input.decisionDate,
              reference: input.decisionReference,
              reviewerName: input.reviewerName,
              approved: input.agreed,
            },
          }
        : {}),
    },
    actor,
    deps,
  );
  const governing = caseView.deadlines.find(
    (d) => d.level === caseView.appealLevel && d.kind !== 'continuation_of_benefits',
  );
  return {
    review: toReviewView(updated),
    case: { id: caseView.id, version: caseView.version, status: caseView.status, appealLevel: caseView.appealLevel },
    /** The level's governing deadline after the call: unchanged unless the call decided the level. */
    levelDeadline: governing
      ? { level: governing.level, kind: governing.kind, dueDate: governing.dueDate, citation: governing.citation }
      : null,
  };
}

/** The review and the physician it belongs to, for the invitation and the prep sheet. */
export async function loadForDocuments(id: string, actor: AuthenticatedUser) {
  const doc = await loadReview(id, actor);
  const physician = await findPhysician(doc.physicianId);
  return { doc, physician };
}
