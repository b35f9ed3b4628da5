import type { PlanType } from '../deadlines/index.js';

/**
 * How far a value read from a notice can be trusted. `high`: its printed words are on the page
 * exactly as read, it passes its own format or check-digit rule, and it stood after a label that
 * names it; `medium`: it passes its rule but was found without a label, or its printed words had
 * to be repaired (an OCR'd "1O/14/2026"); `low`: it fails its rule.
 */
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Where a value was found: the page (1-based), its words as printed, and the words around them. */
export interface FoundAt {
  page: number;
  text: string;
  context: string;
}

/** One value read from a notice. */
export interface NoticeField<T = string> {
  value: T;
  confidence: Confidence;
  where: FoundAt;
}

/** The kinds of review criteria a notice may name. */
export const CRITERIA_KINDS = ['interqual', 'mcg', 'lcd', 'ncd', 'plan_policy'] as const;
export type CriteriaKind = (typeof CRITERIA_KINDS)[number];

/** The fields read from a denial notice; a field not found is null (one value) or empty (a list). */
export interface NoticeFields {
  payerName: NoticeField | null;
  /** The plan types the notice's words point to (as `deadlines` names them), strongest first. */
  planHints: NoticeField<PlanType>[];
  memberId: NoticeField | null;
  patientName: NoticeField | null;
  /** ISO date. */
  dateOfBirth: NoticeField | null;
  claimNumber: NoticeField | null;
  authorizationNumber: NoticeField | null;
  /** ISO date. */
  noticeDate: NoticeField | null;
  /** ISO dates, each date printed (a range gives its first and last day). */
  datesOfService: NoticeField[];
  /** CPT and HCPCS codes. */
  procedureCodes: NoticeField[];
  /** ICD-10-CM codes. */
  diagnosisCodes: NoticeField[];
  carcs: NoticeField[];
  rarcs: NoticeField[];
  /** The payer's reason, verbatim: the paragraph after its heading. */
  denialReason: NoticeField | null;
  /** The appeal deadline printed on the notice: a date, or a number of days. */
  appealDeadline: NoticeField<{ date?: string; days?: number }> | null;
  /** The appeals address, its lines joined with ", ". */
  appealsAddress: NoticeField | null;
  /** Ten digits. */
  appealsFax: NoticeField | null;
  reviewer: NoticeField<{ name: string; credentials: string[] }> | null;
  criteria: NoticeField<{ kind: CriteriaKind; reference?: string }>[];
  /** An offer of a peer-to-peer call: the number to call (ten digits) and the window, in the notice's words. */
  peerToPeer: NoticeField<{ phone?: string; window?: string }> | null;
  /** The treating or requesting provider's NPI. */
  providerNpi: NoticeField | null;
}

/**
 * Whether the notice says its decision came from criteria or automation (InterQual, MCG, "automated",
 * "algorithm", a utilization-management vendor), and the words that say so: grounds to ask for an
 * individualized review by a qualified physician and for the criteria used.
 */
export interface AutomatedReview {
  flagged: boolean;
  words: { word: string; page: number; context: string }[];
}

/** A page of a notice's text and how it was obtained (as evidence reads it: text layer or OCR). */
export interface NoticePage {
  /** 1-based. */
  page: number;
  text: string;
  source?: 'text_layer' | 'ocr';
  /** The OCR's mean word confidence, 0–100, for an OCR'd page. */
  confidence?: number;
  /**
   * For an OCR'd page, where the words the OCR was unsure of are in `text` (`[start, end)`): a value
   * touching one is at most `medium`. Absent (a notice read before they were kept): nothing known.
   */
  unsure?: { start: number; end: number }[];
}
