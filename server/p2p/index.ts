/**
 * Peer-to-peer reviews: the only import surface other domains use (notifications reads reviews
 * for reminders; the web pages list them).
 */
export { registerPeerToPeerRoutes } from './p2p.routes.js';
export {
  P2P_STATUSES,
  P2P_RESULTS,
  P2P_TIMINGS,
  type PeerToPeerReviewRecord,
  type P2PStatus,
  type P2PResult,
  type P2PWindow,
} from './p2p-review.model.js';
export {
  requestPeerToPeer,
  discardOpeningRequest,
  getPeerToPeer,
  proposeSlots,
  schedulePeerToPeer,
  cancelPeerToPeer,
  recordOutcome,
  type NewPeerToPeer,
  type Booking,
  type OutcomeInput,
} from './p2p-review.service.js';
export {
  listPeerToPeer,
  windowsClosing,
  unrequestedWindows,
  reviewsComingDue,
  reviewsWithInvitations,
  type ReviewFilters,
  type WindowClosing,
} from './p2p-worklist.service.js';
export {
  getAvailability,
  setAvailability,
  findPhysician,
  physiciansWithHours,
  type AvailabilityInput,
  type Physician,
} from './availability.service.js';
export { invitationFor } from './p2p-invite.service.js';
export { giveReviewsTheirTrack } from './p2p-migrations.js';
export { prepSheetFor } from './prep-sheet.service.js';
export { peerToPeerWindowOf } from './p2p-window.service.js';
export { availabilityBody, outcomeBody, requestBody, scheduleBody, cancelBody } from './p2p.schemas.js';
export { toReviewView, describeCallTime, type ReviewView } from './p2p-view.js';
