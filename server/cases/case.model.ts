import mongoose, { Schema, type HydratedDocument } from 'mongoose';
import { CASE_DEADLINE_KINDS, STATED_REASON_KINDS, TIMELINE_ENTRY_TYPES, type CaseRecord } from './case.types.js';
import { CASE_STATUSES } from './case-status.js';
import { DENIAL_CATEGORIES } from '../reason-codes/index.js';
import { APPELLANTS, FAST_TRACK_KINDS, MEDICAID_ACTIONS } from '../deadlines/index.js';
import { caseClaimSchema, claimLineSchema } from './case-claim.model.js';
import { citesAdherence } from './adherence-words.js';

/** A remittance names no date of birth, record number or clinician: required only of a case entered by hand. */
function enteredByHand(this: { claim?: unknown }): boolean {
  return !this.claim;
}

/**
 * One denied service for one patient, with everything that governs its appeal embedded:
 * the timeline and the computed deadlines live in the case document so that every state
 * change is one atomic, version-checked write (no multi-document transactions, which
 * FerretDB v1 lacks). Notes, which change nothing, are documents of their own (case-note.model.ts).
 */
const address = new Schema(
  { line1: String, line2: String, city: String, state: String, postalCode: String },
  { _id: false },
);

const reasonCode = new Schema(
  {
    kind: { type: String, enum: ['CARC', 'RARC'], required: true },
    group: { type: String, enum: ['CO', 'PR', 'OA', 'PI'] },
    code: { type: String, required: true },
    description: String,
  },
  { _id: false },
);

const deadline = new Schema(
  {
    kind: {
      type: String,
      enum: CASE_DEADLINE_KINDS,
      required: true,
    },
    level: { type: String, required: true },
    dueDate: { type: String, required: true },
    /** For hour-based timeframes (72-hour expedited decisions, QIO fast track). */
    dueAt: Date,
    dueTime: String,
    timeZone: String,
    lastBusinessDay: String,
    basis: { type: String, required: true },
    citation: { type: String, required: true },
    /** Set when a date printed on the payer's notice replaced the computed one. */
    override: { computedDueDate: String, byUserId: String, byName: String, at: Date, reason: String },
    printed: { type: new Schema({ dueDate: String, computedDueDate: String }, { _id: false }), default: undefined },
  },
  { _id: false },
);

/** One timeline entry: embedded in the case for a change, a document of its own for a note (case-note.model.ts). */
export const timelineEntry = new Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, required: true },
    type: { type: String, required: true, enum: TIMELINE_ENTRY_TYPES },
    fromStatus: String,
    toStatus: String,
    level: String,
    /** Names of the fields a change touched; the values stay on the case itself. */
    fields: [String],
    note: { type: String, maxlength: 10_000 },
    /** Words in the speaker's own voice: the payer's stated reason, what the patient said. */
    quote: {
      speaker: { type: String, enum: ['payer', 'patient', 'clinician', 'reviewer', 'other'] },
      text: { type: String, maxlength: 5_000 },
    },
    /** Every alternative offered or discussed, so nothing offered is forgotten at the next level. */
    alternativesOffered: [String],
    contact: {
      name: String,
      role: String,
      method: { type: String, enum: ['phone', 'fax', 'portal', 'mail', 'email', 'in_person'] },
    },
  },
  { _id: true },
);

const levelOutcome = new Schema(
  {
    level: String,
    outcome: String,
    decidedOn: String,
    submittedAt: Date,
    recordedAt: Date,
    note: String,
    via: { type: String, enum: ['peer_to_peer'] },
    reference: String,
    reviewerName: String,
    approved: String,
  },
  { _id: false },
);

const peerToPeerTrack = new Schema(
  {
    reviewId: { type: String, required: true },
    status: { type: String, enum: ['requested', 'scheduled'], required: true },
    windowLastDate: { type: String, required: true },
    scheduledStart: Date,
    timeZone: String,
  },
  { _id: false },
);

const evidenceQuote = new Schema(
  { documentId: { type: String, required: true }, page: Number, quote: { type: String, maxlength: 2_000 } },
  { _id: false },
);

/** One reason the denial gives and its answer (case-reasons.ts); kept in the payer's order. */
const statedReason = new Schema(
  {
    text: { type: String, required: true, maxlength: 2_000 },
    kind: { type: String, enum: STATED_REASON_KINDS, required: true },
    answer: { type: String, maxlength: 1_000 },
    measures: { type: [String], default: undefined },
    barriers: Boolean,
    documents: { type: [evidenceQuote], default: undefined },
  },
  { _id: false },
);

/** One reading of an objective measure, with the document page it comes from. */
const objectiveMeasure = new Schema({
  name: { type: String, required: true, maxlength: 100 },
  value: { type: Number, required: true },
  unit: { type: String, required: true, maxlength: 40 },
  date: { type: String, required: true },
  documentId: String,
  page: Number,
});

const caseSchema = new Schema<CaseRecord>(
  {
    /** Human reference used in footers, file names and URLs instead of anything that is PHI. */
    reference: { type: String, required: true, unique: true },
    patient: {
      firstName: { type: String, required: true },
      lastName: { type: String, required: true },
      dateOfBirth: { type: String, required: enteredByHand },
      sex: { type: String, enum: ['female', 'male', 'other', 'unknown'], default: 'unknown' },
      mrn: { type: String, required: enteredByHand },
    },
    payer: {
      name: { type: String, required: true },
      planType: { type: String, required: true },
      /** A payer profile with its own windows (appeal, peer-to-peer, state rules). */
      profileId: { type: Schema.Types.ObjectId, ref: 'PayerProfile' },
      memberId: { type: String, required: enteredByHand },
      groupNumber: String,
      planName: String,
      appealsAddress: address,
      fax: String,
      phone: String,
      portalUrl: String,
      /** US state whose rules apply (fair hearing days, external review window). */
      state: String,
    },
    service: {
      cptCodes: [String],
      icd10Codes: [String],
      description: { type: String, required: true },
      dateOfService: String,
      dateOfServiceEnd: String,
      claimNumber: String,
      authorizationNumber: String,
      billedAmount: { type: Number, min: 0 },
      units: Number,
      siteOfCare: String,
      /** Decides which decision timeframe applies (pre-service vs post-service/payment). */
      requestType: {
        type: String,
        enum: ['pre_service', 'post_service', 'payment', 'part_b_drug', 'coverage'],
        default: 'post_service',
      },
    },
    denial: {
      noticeDate: { type: String, required: true },
      receivedDate: String,
      reasonCodes: [reasonCode],
      category: { type: String, enum: DENIAL_CATEGORIES, required: true },
      payerReason: { type: String, required: true },
      referenceNumber: String,
      criteriaCited: String,
      intendedEffectiveDate: String,
      action: { type: String, enum: MEDICAID_ACTIONS },
      automatedReview: { type: [String], default: undefined },
      adherenceCited: Boolean,
      printedAppealDeadline: String,
      reviewer: new Schema({ name: String, credentials: String }, { _id: false }),
      peerToPeerOffer: new Schema({ phone: String, window: String }, { _id: false }),
    },
    treatingClinician: {
      name: { type: String, required: enteredByHand },
      npi: String,
      credentials: String,
      specialty: String,
      phone: String,
      fax: String,
      userId: String,
    },
    narrative: {
      clinicalSummary: { type: String, maxlength: 20_000 },
      medicalNecessity: { type: String, maxlength: 20_000 },
      patientImpact: { type: String, maxlength: 10_000 },
      alternativesTried: [{ _id: false, treatment: String, period: String, outcome: String }],
      keyFacts: [{ _id: false, date: String, fact: String, documentId: String }],
      request: { type: String, maxlength: 2_000 },
    },
    statedReasons: { type: [statedReason], default: undefined },
    measures: { type: [objectiveMeasure], default: undefined },
    assigneeId: { type: String },
    priority: { type: String, enum: ['standard', 'expedited'], default: 'standard' },
    /** Money at stake; defaults to the billed amount. */
    amountAtStake: { type: Number, min: 0 },
    status: { type: String, enum: CASE_STATUSES, default: 'new' },
    appealLevel: { type: String, required: true },
    /** The notice that opened the current level: the denial for the first, then each decision. */
    levelNotice: { noticeDate: String, receivedDate: String },
    submittedAt: Date,
    /** The reviewer's written extension of its decision on the current submission, where its rule allows one. */
    decisionExtension: {
      level: String,
      days: Number,
      noticeDate: String,
      reason: String,
      byUserId: String,
      byName: String,
      at: Date,
    },
    printedDeadlineDecision: {
      type: new Schema({ choice: String, byUserId: String, byName: String, at: Date }, { _id: false }),
      default: undefined,
    },
    deadlines: [deadline],
    /** Earliest open due date; indexed so the worklist and the board never scan. */
    nextDueDate: String,
    /** nextDueDate, or a far-future date when nothing is due, so the soonest-first board ends with those. */
    dueOrder: { type: String, default: '9999-12-31' },
    /** The level to file at whose deadline nobody knows yet (case-deadlines.ts `filingDeadlineMissing`). */
    filingDeadlineMissing: String,
    /** `open` or `finished`, kept with the status: the lists' open cases are one equality on an index prefix. */
    statusGroup: { type: String, enum: ['open', 'finished'], default: 'open' },
    /** The sort key of the soonest deadline of any kind: the worklist's and the reminders' range. */
    worklistDue: { type: String, default: '9999-12-31' },
    levelHistory: [levelOutcome],
    appellant: { type: String, enum: APPELLANTS },
    fastTrack: {
      type: new Schema(
        {
          kind: { type: String, enum: FAST_TRACK_KINDS, required: true },
          noticeReceivedAt: { type: String, required: true },
          serviceEnd: { type: String, required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
    authorizationRequest: {
      type: new Schema({ requestedAt: { type: String, required: true }, expedited: Boolean }, { _id: false }),
      default: undefined,
    },
    peerToPeer: { type: peerToPeerTrack, default: undefined },
    /** The claim an imported case came from, and its lines (case-claim.model.ts). */
    claim: { type: caseClaimSchema, default: undefined },
    lines: { type: [claimLineSchema], default: undefined },
    /** Payer + payer claim number + service dates, normalised (`claimKeyOf`): an imported claim is matched by it. */
    claimKey: String,
    timeline: [timelineEntry],
    /** Lower-cased prefixes searched by the list (patient name, claim and reference numbers). */
    searchTerms: { type: [String], select: false },
    createdById: String,
    closedAt: Date,
  },
  { timestamps: true, optimisticConcurrency: true },
);

// Each hot read names the index that serves it beside its query (CONTEXT.md: reads and their indexes).
// The list, soonest deadline first: all cases; the open ones (the board's default) and one assignee's open
// ones, which are also the worklist and the reminders: `worklistDue` last, so its range is checked on the index
// keys while the walk follows `dueOrder` and stops at the limit, with no sort in memory.
caseSchema.index({ dueOrder: 1, _id: 1 });
caseSchema.index({ statusGroup: 1, dueOrder: 1, _id: 1, worklistDue: 1 });
caseSchema.index({ assigneeId: 1, statusGroup: 1, dueOrder: 1, _id: 1, worklistDue: 1 });
// With the assignee indexes above, each branch of a clinician's sight (`visibleTo`'s $or) has one.
caseSchema.index({ 'treatingClinician.userId': 1 });
caseSchema.index({ createdById: 1 });
// A payer profile's cases being prepared (P2P windows) or still open (recounted deadlines).
caseSchema.index({ 'payer.profileId': 1, status: 1 });
caseSchema.index({ nextDueDate: 1, status: 1 });
caseSchema.index({ status: 1, updatedAt: -1 });
caseSchema.index({ 'payer.planType': 1 });
caseSchema.index({ 'denial.reasonCodes.code': 1 });
caseSchema.index({ searchTerms: 1 });
// An imported claim finds its case by one equality; unique, so two imports of the same claim make one case.
// Sparse: cases entered by hand have no key (FerretDB v1 does not implement partial indexes).
caseSchema.index({ claimKey: 1 }, { unique: true, sparse: true });
// The cases an import opened (`?importId=`); sparse, as cases entered by hand have none.
caseSchema.index({ 'claim.importId': 1 }, { sparse: true });
// The board's figures read the most recent denials first.
caseSchema.index({ 'denial.noticeDate': -1, _id: -1 });

// Whether the denial cites adherence is kept with it on every write (a new case, an import's
// insert, an edit of the reason), so the board counts a flag instead of reading each reason.
caseSchema.pre('validate', function markAdherence() {
  if (this.denial) this.denial.adherenceCited = citesAdherence(this.denial.payerReason);
});

export type { CaseRecord };
export type CaseDocument = HydratedDocument<CaseRecord>;
export const CaseModel = mongoose.model('Case', caseSchema);

/** Counter for human case references (OVT-2026-000123); one atomic $inc per new case. */
const counterSchema = new Schema({ _id: String, seq: { type: Number, default: 0 } }, { versionKey: false });
export const CounterModel = mongoose.model('Counter', counterSchema);
