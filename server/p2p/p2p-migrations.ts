/**
 * The p2p domain's data migrations (run by server/migrations.ts), idempotent like every migration.
 */
import { CASE_STATUSES, awaitsDecision, restorePeerToPeerTrack } from '../cases/index.js';
import { isOneOf } from '../platform/guards.js';
import type { Types } from 'mongoose';
import { PeerToPeerReviewModel, type P2PTiming } from './p2p-review.model.js';

/** A review stored before the P2P became its own track: the case status it began in, not its timing. */
interface LegacyReview {
  _id: Types.ObjectId;
  caseId: string;
  caseStatusBefore?: string;
  status: string;
  window: { lastDate: string };
  scheduled?: { start: Date; timeZone: string };
  outcome?: { authorizationNumber?: string };
}

/**
 * Reviews stored before the P2P became its own track: their timing comes from the case status
 * they began in (pre-decision while the payer owed its decision), an outcome's authorization
 * number becomes the revised decision's reference, and the case of an open review is given the
 * summary of its call.
 * @returns how many reviews changed
 */
export async function giveReviewsTheirTrack(): Promise<number> {
  const reviews = PeerToPeerReviewModel.collection;
  const legacy = await reviews.find<LegacyReview>({ timing: { $exists: false } }).toArray();
  for (const r of legacy) {
    const before = r.caseStatusBefore ?? '';
    const timing: P2PTiming =
      isOneOf(CASE_STATUSES, before) && awaitsDecision(before) ? 'pre_decision' : 'post_decision';
    const reference = r.outcome?.authorizationNumber;
    const outcome = r.outcome
      ? { 'outcome.timing': timing, ...(reference ? { 'outcome.decisionReference': reference } : {}) }
      : {};
    await reviews.updateOne(
      { _id: r._id, timing: { $exists: false } },
      { $set: { timing, ...outcome }, $unset: { caseStatusBefore: '', 'outcome.authorizationNumber': '' } },
    );
    if (r.status === 'requested' || r.status === 'scheduled')
      await restorePeerToPeerTrack(r.caseId, {
        reviewId: String(r._id),
        status: r.status,
        windowLastDate: r.window.lastDate,
        ...(r.status === 'scheduled' && r.scheduled
          ? { scheduledStart: r.scheduled.start, timeZone: r.scheduled.timeZone }
          : {}),
      });
  }
  return legacy.length;
}
