import mongoose, { Schema, type Types } from 'mongoose';

/**
 * One peer-to-peer (P2P) review: a call between our physician and the payer's medical reviewer
 * about one case. Every change is one version-checked write of this document (see
 * p2p-review.service.ts); a physician's time is reserved separately, in physician_slots.
 */
export const P2P_STATUSES = ['requested', 'scheduled', 'completed', 'missed', 'cancelled'] as const;
export type P2PStatus = (typeof P2P_STATUSES)[number];

export const P2P_RESULTS = [
  'overturned',
  'partially_overturned',
  'upheld',
  // Held, but the payer's reviewer could only explain the decision (post-decision calls at some payers).
  'educational',
  'rescheduled',
  'no_show_payer',
  'no_show_physician',
] as const;
export type P2PResult = (typeof P2P_RESULTS)[number];

/**
 * When the call happens relative to the payer's determination on the level: `pre_decision`, while
 * the payer still owes it (it may still decide for the patient); `post_decision`, once it is out
 * (a win is a reopening or revised determination; an upheld call changes nothing).
 */
export const P2P_TIMINGS = ['pre_decision', 'post_decision'] as const;
export type P2PTiming = (typeof P2P_TIMINGS)[number];

export interface P2PWindow {
  /** Last day the P2P can be held, YYYY-MM-DD. */
  lastDate: string;
  basis: string;
  citation: string;
  /** `payer_rule`: computed from the payer profile's P2P window; `notice`: entered from the denial notice. */
  source: 'payer_rule' | 'notice';
}

export interface ScheduledCall {
  start: Date;
  end: Date;
  /** The physician's IANA zone: the invitation and the prep sheet show the time there. */
  timeZone: string;
  dialIn?: string;
  /** Identifies the slot reservation that backs this booking. */
  bookingId: string;
}

export interface HistoryEntry {
  at: Date;
  byId: string;
  byName: string;
  /** What happened: scheduled, rescheduled, cancelled, outcome. */
  event: string;
  fromStatus?: P2PStatus;
  toStatus: P2PStatus;
  /** The call time that was replaced or cancelled, kept so nothing is lost. */
  previous?: Omit<ScheduledCall, 'bookingId'>;
  note?: string;
}

export interface P2POutcome {
  result: P2PResult;
  timing: P2PTiming;
  reviewerName?: string;
  notes?: string;
  /** What was agreed on the call; for a win, what the payer approved. */
  agreed?: string;
  /** A win: the payer's reference (or authorization) number and the date of its revised decision. */
  decisionReference?: string;
  decisionDate?: string;
  recordedAt: Date;
  recordedById: string;
}

export const openKey = (caseId: string) => `case:${caseId}`;
export const closedKey = (p2pId: string) => `p2p:${p2pId}`;

export interface PeerToPeerReviewRecord {
  _id: Types.ObjectId;
  caseId: string;
  caseReference: string;
  /** When the call was asked for relative to the payer's determination; the outcome may correct it. */
  timing: P2PTiming;
  /**
   * `case:<caseId>` while the review is requested or scheduled, `p2p:<id>` after: with a unique
   * index, a case can have only one open review even when two requests race (FerretDB v1 has
   * no partial indexes, so the closed value must be unique too).
   */
  activeKey: string;
  window: P2PWindow;
  payerContact?: { name?: string; phone?: string; email?: string };
  payerReference?: string;
  physicianId: string;
  physicianName: string;
  reviewer?: { name?: string; specialty?: string; npi?: string };
  scheduled?: ScheduledCall;
  status: P2PStatus;
  history: HistoryEntry[];
  /** Stable iCalendar UID; every update to the invitation reuses it with a higher SEQUENCE. */
  icsUid: string;
  icsSequence: number;
  outcome?: P2POutcome;
  version: number;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
}

const call = {
  start: { type: Date, required: true },
  end: { type: Date, required: true },
  timeZone: { type: String, required: true },
  dialIn: { type: String, maxlength: 500 },
};

const reviewSchema = new Schema<PeerToPeerReviewRecord>(
  {
    caseId: { type: String, required: true },
    caseReference: { type: String, required: true },
    timing: { type: String, enum: P2P_TIMINGS, required: true },
    activeKey: { type: String, required: true },
    window: {
      lastDate: { type: String, required: true },
      basis: { type: String, required: true },
      citation: { type: String, required: true },
      source: { type: String, enum: ['payer_rule', 'notice'], required: true },
    },
    payerContact: { name: String, phone: String, email: String },
    payerReference: String,
    physicianId: { type: String, required: true },
    physicianName: { type: String, required: true },
    reviewer: { name: String, specialty: String, npi: String },
    scheduled: {
      type: new Schema({ ...call, bookingId: { type: String, required: true } }, { _id: false }),
      default: undefined,
    },
    status: { type: String, enum: P2P_STATUSES, required: true },
    history: [
      new Schema(
        {
          at: { type: Date, required: true },
          byId: { type: String, required: true },
          byName: { type: String, required: true },
          event: { type: String, required: true },
          fromStatus: { type: String, enum: P2P_STATUSES },
          toStatus: { type: String, enum: P2P_STATUSES, required: true },
          previous: { type: new Schema(call, { _id: false }), default: undefined },
          note: { type: String, maxlength: 2000 },
        },
        { _id: false },
      ),
    ],
    icsUid: { type: String, required: true },
    icsSequence: { type: Number, required: true, default: 0 },
    outcome: {
      type: new Schema(
        {
          result: { type: String, enum: P2P_RESULTS, required: true },
          timing: { type: String, enum: P2P_TIMINGS, required: true },
          reviewerName: String,
          notes: { type: String, maxlength: 10_000 },
          agreed: { type: String, maxlength: 2000 },
          decisionReference: String,
          decisionDate: String,
          recordedAt: { type: Date, required: true },
          recordedById: { type: String, required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
    version: { type: Number, required: true, default: 0 },
    createdById: { type: String, required: true },
  },
  { timestamps: true, versionKey: false, collection: 'p2p_reviews' },
);

// Worklists: a physician's calls by time, windows closing by date, a case's reviews.
reviewSchema.index({ physicianId: 1, 'scheduled.start': 1 });
reviewSchema.index({ status: 1, 'window.lastDate': 1 });
reviewSchema.index({ status: 1, 'scheduled.start': 1 });
reviewSchema.index({ caseId: 1 });
reviewSchema.index({ activeKey: 1 }, { unique: true });

export const PeerToPeerReviewModel = mongoose.model('PeerToPeerReview', reviewSchema);
