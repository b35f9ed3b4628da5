/**
 * The status workflow of a denial case. Pure: no I/O, so every transition is tested without a
 * database. A case moves through one appeal level at a time; `upheld` (or a partial win) can
 * reopen the case at the next level, which the service does by moving back to gathering_evidence.
 */
export const CASE_STATUSES = [
  'new',
  'gathering_evidence',
  'appeal_drafted',
  'submitted',
  'awaiting_decision',
  'p2p_requested',
  'p2p_scheduled',
  'overturned',
  'partially_overturned',
  'upheld',
  'withdrawn',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const ALLOWED: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['gathering_evidence', 'p2p_requested', 'withdrawn', 'closed'],
  gathering_evidence: ['appeal_drafted', 'p2p_requested', 'withdrawn'],
  appeal_drafted: ['submitted', 'gathering_evidence', 'p2p_requested', 'withdrawn'],
  submitted: ['awaiting_decision', 'overturned', 'partially_overturned', 'upheld', 'withdrawn'],
  awaiting_decision: ['overturned', 'partially_overturned', 'upheld', 'withdrawn'],
  // A declined or fruitless peer-to-peer sends the work back to the written appeal.
  p2p_requested: ['p2p_scheduled', 'gathering_evidence', 'appeal_drafted', 'withdrawn'],
  p2p_scheduled: [
    'overturned',
    'partially_overturned',
    'upheld',
    'p2p_requested',
    'gathering_evidence',
    'appeal_drafted',
    'withdrawn',
  ],
  overturned: ['closed'],
  // Reopening at the next level goes to gathering_evidence with the level advanced.
  partially_overturned: ['gathering_evidence', 'closed'],
  upheld: ['gathering_evidence', 'closed'],
  withdrawn: ['closed'],
  closed: [],
};

/** Decisions by the payer on the current level. */
export const DECISION_STATUSES: readonly CaseStatus[] = ['overturned', 'partially_overturned', 'upheld'];
/** Statuses in which the filing deadline of the current level is still to be met. */
export const FILING_STATUSES: readonly CaseStatus[] = [
  'new',
  'gathering_evidence',
  'appeal_drafted',
  'p2p_requested',
  'p2p_scheduled',
];
/** Decisions against the patient, after which the next level may be filed. */
export const NEXT_LEVEL_STATUSES: readonly CaseStatus[] = ['upheld', 'partially_overturned'];
/** Statuses in which the payer owes a decision. */
export const AWAITING_STATUSES: readonly CaseStatus[] = ['submitted', 'awaiting_decision'];
/** Cases no one needs to work on any more. */
export const FINISHED_STATUSES: readonly CaseStatus[] = ['overturned', 'withdrawn', 'closed'];

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return ALLOWED[from];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Moving from a decision back to gathering evidence means appealing at the next level. */
export function isEscalation(from: CaseStatus, to: CaseStatus): boolean {
  return (from === 'upheld' || from === 'partially_overturned') && to === 'gathering_evidence';
}
