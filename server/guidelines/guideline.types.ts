/** Where a reference comes from; decides how it is cited (see citation.ts). */
export const GUIDELINE_SOURCES = [
  'MCG',
  'InterQual',
  'NCCN',
  'CMS_NCD',
  'CMS_LCD',
  /** An Internet-Only Manual chapter, e.g. the Medicare Benefit Policy Manual (Pub. 100-02). */
  'CMS_manual',
  /** A regulation as codified, e.g. 42 CFR 411.15. */
  'regulation',
  'USPSTF',
  'specialty_society',
  'peer_reviewed_study',
  'payer_policy',
  'FDA_label',
  'other',
] as const;
export type GuidelineSource = (typeof GUIDELINE_SOURCES)[number];

/** One criterion of a published guideline, coverage determination or study, in the shared library. */
export interface GuidelineReference {
  id: string;
  source: GuidelineSource;
  title: string;
  issuingBody: string;
  /** Edition or version as printed ("Ambulatory Care 27th ed.", "L35936 R12"), not our edit counter. */
  version?: string;
  publishedDate?: string;
  section?: string;
  url?: string;
  /** The criterion in the clinic's words (licensed criteria sets are paraphrased, not copied). */
  criterionText: string;
  /** CPT/HCPCS codes it applies to. */
  procedureCodes: string[];
  /** ICD-10-CM codes it applies to; a category (M54) covers every code below it (M54.16). */
  diagnosisCodes: string[];
}

/** A library reference as the API shows it: `revision` is the edit counter PATCH checks. */
export interface GuidelineView extends GuidelineReference {
  revision: number;
  citation: string;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
}

export const CRITERION_STATUSES = ['met', 'not_met', 'not_applicable'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

/** What shows a criterion is met: a passage of an uploaded record with its page, or a clinician's statement. */
export interface CriterionEvidence {
  documentId?: string;
  /** The document's title when the evidence was given, so a letter reads the same later. */
  documentTitle?: string;
  page?: number;
  quote?: string;
  statement?: string;
}

/** A guideline attached to a case, judged met / not met / not applicable, with its evidence. */
export interface CaseCriterion {
  id: string;
  caseId: string;
  /** Copy of the reference when attached, so later library edits don't change a letter already sent. */
  guideline: GuidelineReference & { revision: number };
  citation: string;
  status: CriterionStatus;
  evidence: CriterionEvidence[];
  addedById: string;
  addedByName: string;
  addedAt: Date;
  updatedById?: string;
  updatedByName?: string;
  updatedAt?: Date;
  version: number;
}
