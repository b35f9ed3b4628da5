/**
 * Worklists of peer-to-peer reviews: "my P2P calls this week" and "P2P windows closing", for a
 * physician or for the clinic.
 */
import { DateTime } from 'luxon';
import { visibleCaseIds, preparingCasesOfPayers } from '../cases/index.js';
import { payersWithPeerToPeerWindow, payerWindow } from '../payers/index.js';
import { recordBulkRead } from '../audit/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { addDays } from '../platform/clock.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { PeerToPeerReviewModel, type P2PStatus, type PeerToPeerReviewRecord } from './p2p-review.model.js';
import { peerToPeerWindow } from './p2p-rules.js';
import { OPEN } from './p2p-review.service.js';
import { toReviewView, type ReviewView } from './p2p-view.js';

type Deps = Pick<DomainDeps, 'clock' | 'config'>;

export interface ReviewFilters {
  /** A user id, or `me`. */
  physician?: string;
  status?: P2PStatus[];
  caseId?: string;
  /** Calls starting from this instant (or the start of this date in the clinic's zone). */
  from?: string;
  /** Calls starting before the end of this date (clinic's zone), or before this instant. */
  to?: string;
  /** Windows whose last date is in this range (YYYY-MM-DD, inclusive). */
  windowFrom?: string;
  windowTo?: string;
}

const boundary = (value: string, zone: string, end: boolean): Date => {
  if (value.length > 10) return new Date(value);
  const day = DateTime.fromISO(value, { zone });
  return (end ? day.plus({ days: 1 }) : day).toJSDate();
};

/** Worklist of reviews: "my P2P calls this week" is `physician=me&from=…&to=…`. */
export async function listPeerToPeer(
  filters: ReviewFilters,
  actor: AuthenticatedUser,
  { config }: Deps,
): Promise<{ reviews: ReviewView[] }> {
  const zone = config.clinic.timeZone;
  const and: Record<string, unknown>[] = [];
  if (filters.physician) and.push({ physicianId: filters.physician === 'me' ? actor.id : filters.physician });
  if (filters.status?.length) and.push({ status: { $in: filters.status } });
  if (filters.caseId) and.push({ caseId: filters.caseId });
  if (filters.windowFrom || filters.windowTo)
    and.push({
      'window.lastDate': {
        ...(filters.windowFrom ? { $gte: filters.windowFrom } : {}),
        ...(filters.windowTo ? { $lte: filters.windowTo } : {}),
      },
    });
  if (filters.from || filters.to) {
    and.push({
      'scheduled.start': {
        ...(filters.from ? { $gte: boundary(filters.from, zone, false) } : {}),
        ...(filters.to ? { $lt: boundary(filters.to, zone, true) } : {}),
      },
    });
  }
  const visible = await visibleCaseIds(actor);
  if (visible !== 'all') and.push({ $or: [{ physicianId: actor.id }, { caseId: { $in: visible } }] });
  const docs = await PeerToPeerReviewModel.find(and.length ? { $and: and } : {})
    .sort({ 'scheduled.start': 1, 'window.lastDate': 1, _id: 1 })
    .limit(500)
    .lean<PeerToPeerReviewRecord[]>();
  return { reviews: docs.map(toReviewView) };
}

export interface WindowClosing {
  caseId: string;
  caseReference: string;
  payerName: string;
  caseStatus: string;
  lastDate: string;
  basis: string;
}

/**
 * Cases that could still have a P2P (nothing filed yet), whose payer sets a P2P window, with no
 * review requested, whose window's last day is from `from` to `until`; with the users to remind
 * (assignee, treating clinician). `within`: the cases a user may see, or those one physician
 * treats; every case when empty (reminders).
 */
export async function unrequestedWindows(
  within: Parameters<typeof preparingCasesOfPayers>[1],
  from: string,
  until: string,
): Promise<(WindowClosing & { recipientIds: string[] })[]> {
  const payers = await payersWithPeerToPeerWindow();
  if (!payers.length) return [];
  const openCaseIds = new Set(
    (
      await PeerToPeerReviewModel.find({ status: { $in: OPEN } })
        .select('caseId')
        .lean()
    ).map((r) => r.caseId),
  );
  const cases = await preparingCasesOfPayers(
    payers.map((p) => String(p._id)),
    within,
  );
  const out: (WindowClosing & { recipientIds: string[] })[] = [];
  for (const c of cases) {
    if (openCaseIds.has(String(c._id))) continue;
    const payer = payers.find((p) => String(p._id) === String(c.payer.profileId));
    const notice = c.levelNotice?.noticeDate ? c.levelNotice : c.denial;
    const window = peerToPeerWindow({
      noticeDate: notice.noticeDate,
      receivedDate: notice.receivedDate ?? undefined,
      payerWindow: payerWindow(payer?.p2pWindow),
    });
    if (window.lastDate < from || window.lastDate > until) continue;
    const recipientIds = [c.assigneeId, c.treatingClinician?.userId].filter((id): id is string => Boolean(id));
    out.push({
      caseId: String(c._id),
      caseReference: c.reference,
      payerName: c.payer.name,
      caseStatus: c.status,
      lastDate: window.lastDate,
      basis: window.basis,
      recipientIds,
    });
  }
  return out;
}

/**
 * "P2P windows closing": requested reviews whose window ends within `withinDays`, and open cases
 * whose payer's P2P window ends within `withinDays` with no review requested yet.
 */
export async function windowsClosing(
  { withinDays, physician }: { withinDays: number; physician?: string },
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<{ today: string; until: string; requested: ReviewView[]; notRequested: WindowClosing[] }> {
  const today = deps.clock.today();
  const until = addDays(today, withinDays);
  const physicianId = physician === 'me' ? actor.id : physician;
  const { reviews } = await listPeerToPeer(
    { status: ['requested'], windowFrom: today, windowTo: until, physician: physicianId },
    actor,
    deps,
  );
  const requested = reviews.sort((a, b) => a.window.lastDate.localeCompare(b.window.lastDate));

  const notRequested = (await unrequestedWindows({ actor, treatingClinicianId: physicianId }, today, until)).map(
    ({ recipientIds: _who, ...window }) => window,
  );
  notRequested.sort((a, b) => a.lastDate.localeCompare(b.lastDate));
  await recordBulkRead(
    actor,
    'p2p.windows_closing',
    notRequested.map((c) => c.caseId),
  );
  return { today, until, requested, notRequested };
}

/**
 * Reviews with something coming due, for reminders: requested ones whose window's last day is
 * from `windowFrom` to `windowUntil` (YYYY-MM-DD), scheduled ones whose call starts between
 * `callFrom` and `callUntil`. What a reminder needs only: never PHI.
 */
export function reviewsComingDue(range: {
  windowFrom: string;
  windowUntil: string;
  callFrom: Date;
  callUntil: Date;
}): Promise<PeerToPeerReviewRecord[]> {
  return PeerToPeerReviewModel.find({
    $or: [
      { status: 'requested', 'window.lastDate': { $gte: range.windowFrom, $lte: range.windowUntil } },
      { status: 'scheduled', 'scheduled.start': { $gte: range.callFrom, $lte: range.callUntil } },
    ],
  })
    .select('caseId caseReference physicianId status window scheduled')
    .lean<PeerToPeerReviewRecord[]>();
}

/**
 * Reviews whose physician may be owed a calendar invitation: calls still ahead, and calls that
 * had been booked and were called off since `cancelledSince`.
 */
export function reviewsWithInvitations(now: Date, cancelledSince: Date): Promise<PeerToPeerReviewRecord[]> {
  return PeerToPeerReviewModel.find({
    $or: [
      { status: 'scheduled', 'scheduled.start': { $gte: now } },
      { status: 'cancelled', updatedAt: { $gte: cancelledSince }, 'history.toStatus': 'scheduled' },
    ],
  }).lean<PeerToPeerReviewRecord[]>();
}
