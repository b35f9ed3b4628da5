import type { Types } from 'mongoose';
import type { Appellant, AppealLevel, FastTrackKind, MedicaidAction, PlanType } from '../deadlines/index.js';
import type { CaseStatus } from './case-status.js';
import type { DenialCategory, ResolutionRoute } from '../reason-codes/index.js';

/** The denial case as stored. Field meanings are in CONTEXT.md. */
export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postalCode: string;
}

export interface ReasonCode {
  kind: 'CARC' | 'RARC';
  group?: 'CO' | 'PR' | 'OA' | 'PI';
  code: string;
  description?: string;
}

export interface Patient {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  mrn: string;
}

export interface Payer {
  name: string;
  planType: PlanType;
  profileId?: Types.ObjectId | string;
  memberId: string;
  groupNumber?: string;
  planName?: string;
  appealsAddress?: PostalAddress;
  fax?: string;
  phone?: string;
  portalUrl?: string;
  state?: string;
}

export interface DeniedService {
  cptCodes: string[];
  icd10Codes: string[];
  description: string;
  dateOfService?: string;
  /**
   * The last date of service: of a course asked for before it is given (a pre-service request's planned
   * end), or of a claim spanning days; with `dateOfService` the request reads its dates as a range.
   */
  dateOfServiceEnd?: string;
  claimNumber?: string;
  authorizationNumber?: string;
  billedAmount?: number;
  units?: number;
  siteOfCare?: string;
  requestType?: 'pre_service' | 'post_service' | 'payment' | 'part_b_drug' | 'coverage';
}

export interface Denial {
  noticeDate: string;
  receivedDate?: string;
  reasonCodes: ReasonCode[];
  category: DenialCategory;
  payerReason: string;
  referenceNumber?: string;
  criteriaCited?: string;
  /**
   * The date the payer's action takes effect, as the notice states it: Medicaid's continuation of
   * benefits counts from it (42 CFR 438.420), and an employer plan's cut to an approved course ends then.
   */
  intendedEffectiveDate?: string;
  /** What the payer did: whether benefits continue during the appeal (Medicaid), the concurrent-care watch. */
  action?: MedicaidAction;
  /**
   * What the notice names that shows an automated or criteria-based review (e.g. "InterQual",
   * "algorithm"): the letter then asks for an individualized review and the criteria used.
   */
  automatedReview?: string[];
  /**
   * Whether the payer's reason cites missed visits or non-adherence (`citesAdherence`), set whenever
   * the case is written: the board counts it without reading the reason.
   */
  adherenceCited?: boolean;
  /**
   * The last day to appeal as the notice prints it (its date, or its days counted from the notice):
   * compared with the computed filing deadline of the first level (case-deadlines.ts).
   */
  printedAppealDeadline?: string;
  /** The payer's reviewer who signed the denial, as the notice names them ("MD, FACS"). */
  reviewer?: { name: string; credentials?: string };
  /**
   * The notice's offer of a peer-to-peer call: the payer's line and the window in its words. A call
   * asked for is the p2p domain's review (its window and payer contact); this keeps what the payer offered.
   */
  peerToPeerOffer?: { phone?: string; window?: string };
}

/** A prior-authorization request the payer has not answered yet (a first one, or one sent again with more records). */
export interface AuthorizationRequest {
  /** When the payer received it: 'YYYY-MM-DD' (00:00 clinic time), or an instant with offset. */
  requestedAt: string;
  expedited?: boolean;
}

/** A Medicare notice that services end, or of discharge: the QIO fast-track appeal, counted in hours. */
export interface FastTrackNotice {
  kind: FastTrackKind;
  /** When the patient received the notice: 'YYYY-MM-DD', or an instant with offset. */
  noticeReceivedAt: string;
  /** The last covered day on the notice, or the planned discharge ('YYYY-MM-DD'). */
  serviceEnd: string;
}

export interface TreatingClinician {
  name: string;
  npi?: string;
  credentials?: string;
  specialty?: string;
  phone?: string;
  fax?: string;
  userId?: string;
}

/** The clinician's argument, written once and reused by the letter and the peer-to-peer prep sheet. */
export interface AppealNarrative {
  clinicalSummary?: string;
  medicalNecessity?: string;
  /** What denial or delay means for this patient, in human terms. */
  patientImpact?: string;
  alternativesTried?: { treatment: string; period?: string; outcome: string }[];
  /** Key clinical facts as dated bullets, each pointing at its source document when there is one. */
  keyFacts?: { date?: string; fact: string; documentId?: string }[];
  /** The ask in one line: "Approve X for Y because Z." */
  request?: string;
}

/**
 * What a stated reason of the payer is about, so the letter meets it with the evidence that answers it:
 * a plateau with measures before and after, missed visits with the barriers record, "a home program is
 * enough" with the documented risk; `other` with what the clinician cites.
 */
export const STATED_REASON_KINDS = ['plateau', 'attendance', 'home_program', 'other'] as const;
export type StatedReasonKind = (typeof STATED_REASON_KINDS)[number];

/** A page of one of the case's documents, quoted as evidence. */
export interface EvidenceQuote {
  documentId: string;
  page?: number;
  quote: string;
}

/** One reason the denial gives, in the payer's words, and the clinician's answer with its evidence. */
export interface StatedReason {
  text: string;
  kind: StatedReasonKind;
  /** The clinician's answer in one line; absent: not answered yet (generation is refused). */
  answer?: string;
  /** Names of the case's objective measures whose before and after meet it. */
  measures?: string[];
  /** Whether the patient's attendance and barriers record (sessions missed and why, alternatives offered) meets it. */
  barriers?: boolean;
  documents?: EvidenceQuote[];
}

/** One reading of an objective measure (range of motion, gait speed, TUG, a KOOS/LEFS/Berg score). */
export interface ObjectiveMeasure {
  _id?: Types.ObjectId;
  name: string;
  value: number;
  unit: string;
  date: string;
  /** The document the reading comes from, and its page. */
  documentId?: string;
  page?: number;
}

export interface DeadlineOverride {
  /** What the rules gave; absent where no rule gives this deadline and the notice's date is all there is. */
  computedDueDate?: string;
  byUserId: string;
  byName: string;
  at: Date;
  reason: string;
}

/** What a timeline entry records; `correction` is stored data put right by a migration, saying what and why. */
export const TIMELINE_ENTRY_TYPES = [
  'created',
  'updated',
  'status_changed',
  'level_advanced',
  'note',
  'deadline_overridden',
  'deadline_extended',
  // The computed filing deadline kept over a different one printed on the notice.
  'deadline_kept',
  'submission',
  'evidence',
  'packet',
  'p2p',
  'decision',
  'correction',
  // What a later remittance did to an imported claim: a payment on lines under appeal, a reversal.
  'remittance',
] as const;

/**
 * The kinds of deadline a case keeps. `continuation_of_benefits` is informational: missing it ends
 * benefits during the appeal, not the appeal. `fast_track` is the QIO request (by the hour);
 * `concurrent_care` the latest moment to ask an employer plan to extend a course it is cutting and be
 * answered within 24 hours; `authorization_decision` when the payer owes its answer on a pending
 * prior-authorization request.
 */
export const CASE_DEADLINE_KINDS = [
  'filing',
  'decision',
  'continuation_of_benefits',
  'fast_track',
  'concurrent_care',
  'authorization_decision',
] as const;

export interface StoredDeadline {
  kind: (typeof CASE_DEADLINE_KINDS)[number];
  level: AppealLevel;
  dueDate: string;
  /** The instant, for deadlines counted in hours. */
  dueAt?: Date;
  /** Hour-based deadlines: the time of day on the clinic's clock ('12:00') and the zone. */
  dueTime?: string;
  timeZone?: string;
  /** A last day on a weekend or holiday that does not roll over: the working day before it, in words. */
  lastBusinessDay?: string;
  basis: string;
  citation: string;
  override?: DeadlineOverride;
  /**
   * The notice prints another last day than the rules compute and nobody has decided yet: both
   * dates; the deadline's `dueDate` is the earlier of them meanwhile.
   */
  printed?: { dueDate: string; computedDueDate: string };
}

export interface TimelineEntry {
  _id?: Types.ObjectId;
  at: Date;
  actorId: string;
  actorName: string;
  type: string;
  fromStatus?: CaseStatus;
  toStatus?: CaseStatus;
  level?: AppealLevel;
  fields?: string[];
  note?: string;
  quote?: { speaker: string; text: string };
  alternativesOffered?: string[];
  contact?: { name?: string; role?: string; method?: string };
}

export interface LevelOutcome {
  level: AppealLevel;
  outcome: CaseStatus;
  decidedOn: string;
  submittedAt?: Date;
  recordedAt: Date;
  note?: string;
  /** Set when the payer issued the decision on a peer-to-peer call rather than on the written appeal. */
  via?: 'peer_to_peer';
  /** The payer's reference (or authorization) number for a decision given on a call. */
  reference?: string;
  reviewerName?: string;
  /** What the payer approved, in its words. */
  approved?: string;
}

/** The open peer-to-peer call of a case, as the p2p domain last reported it: its own record is the truth. */
export interface PeerToPeerTrack {
  reviewId: string;
  status: 'requested' | 'scheduled';
  /** Last day the payer holds the call. */
  windowLastDate: string;
  scheduledStart?: Date;
  /** The physician's zone, in which the call time is shown. */
  timeZone?: string;
}

/** A reviewer's written notice that it takes longer to decide (Medicaid plans: up to 14 days). */
/** Between the last day the notice prints and the one the rules compute: which the case keeps. */
export const PRINTED_DEADLINE_CHOICES = ['computed', 'printed'] as const;
export type PrintedDeadlineChoice = (typeof PRINTED_DEADLINE_CHOICES)[number];

export interface DecisionExtension {
  level: AppealLevel;
  days: number;
  /** The date of the plan's written notice of the extension. */
  noticeDate: string;
  reason?: string;
  byUserId: string;
  byName: string;
  at: Date;
}

export interface CaseRecord {
  _id: Types.ObjectId;
  __v: number;
  reference: string;
  patient: Patient;
  payer: Payer;
  service: DeniedService;
  denial: Denial;
  treatingClinician: TreatingClinician;
  narrative?: AppealNarrative;
  /** The denial's reasons, in its order, each with its answer (case-reasons.ts). */
  statedReasons?: StatedReason[];
  /** Readings of objective measures, any order; the letter shows each measure's first and last. */
  measures?: ObjectiveMeasure[];
  assigneeId?: string;
  priority: 'standard' | 'expedited';
  amountAtStake?: number;
  status: CaseStatus;
  appealLevel: AppealLevel;
  levelNotice: { noticeDate: string; receivedDate?: string };
  submittedAt?: Date;
  decisionExtension?: DecisionExtension;
  /** Who decided between the printed and the computed filing deadline, and which governs (`printed`: an override). */
  printedDeadlineDecision?: { choice: PrintedDeadlineChoice; byUserId: string; byName: string; at: Date };
  deadlines: StoredDeadline[];
  nextDueDate?: string;
  dueOrder: string;
  /** Kept with the deadlines for the lists' indexes (`listKeys`): open or finished, the soonest deadline. */
  statusGroup?: 'open' | 'finished';
  worklistDue?: string;
  /** The level to file at with no filing deadline known: the case asks for the date on the payer's notice. */
  filingDeadlineMissing?: AppealLevel;
  levelHistory: LevelOutcome[];
  /** Who files the appeal; undefined: not recorded (the patient's own appeal is assumed). */
  appellant?: Appellant;
  fastTrack?: FastTrackNotice;
  authorizationRequest?: AuthorizationRequest;
  /** The open P2P call beside the level, if any. */
  peerToPeer?: PeerToPeerTrack;
  /** The claim an imported case came from, its lines, and the key it is matched by (case-claim.ts). */
  claim?: CaseClaim;
  lines?: ClaimLineRecord[];
  claimKey?: string;
  timeline: TimelineEntry[];
  searchTerms?: string[];
  createdById?: string;
  closedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** An adjustment on a claim line as the remittance gave it: group, CARC and amount in cents. */
export interface LineAdjustment {
  group: 'CO' | 'PR' | 'OA' | 'PI' | 'CR';
  reason: string;
  amountCents: number;
}

/** How a line under appeal ended, or `open` while it is still worked (CONTEXT.md: claim lines). */
export const LINE_RESOLUTIONS = [
  'open',
  'overturned_paid',
  'partially_paid',
  'upheld',
  'written_off',
  'rebilled',
  'patient_responsibility',
] as const;
export type LineResolutionKind = (typeof LINE_RESOLUTIONS)[number];

export interface LineResolution {
  kind: LineResolutionKind;
  /** Money recovered on the line (overturned or partly paid), and the remittance that paid it (its trace number). */
  amountCents?: number;
  remittance?: string;
  /** A write-off: why, and who approved it. */
  reason?: string;
  approvedBy?: string;
  at?: Date;
}

/** One service line of the claim: the procedure billed, what the payer did with it, and how it ended. */
export interface ClaimLineRecord {
  procedure?: { code: string; modifiers: string[] };
  units: number;
  serviceDate?: string;
  chargeCents: number;
  allowedCents?: number;
  paidCents: number;
  /** What the payer denied on the line (its denial adjustments): the line's share of the amount at stake. */
  deniedCents: number;
  adjustments: LineAdjustment[];
  remarkCodes: string[];
  /** Whether the line is worked (appealed or rebilled); lines with nothing denied are kept for the record. */
  underAppeal: boolean;
  resolution: LineResolution;
}

/** The claim a case came from, as its remittance gave it (CONTEXT.md: claim lines). PHI. */
export interface CaseClaim {
  /** CLP01: the clinic's own claim (patient account) number. */
  patientControlNumber: string;
  /** CLP07: the payer's number for the claim. */
  payerClaimControlNumber: string;
  /** CLP02 claim status when the denial was read (`4` denied, `1`/`2`/`3` processed…). */
  status: string;
  payerId?: string;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents?: number;
  serviceStart?: string;
  serviceEnd?: string;
  renderingProvider?: { name: string; npi?: string };
  facilityType?: string;
  /** The remittance the denial came in (its trace number) and the import that read it. */
  remittance?: string;
  importId?: string;
  /** What to do about the denial, from its codes, with a short reason. */
  recommendation?: { route: ResolutionRoute; reason: string };
}
