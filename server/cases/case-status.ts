/**
 * The status workflow of a denial case. Pure: no I/O, so every transition is tested without a
 * database. A case moves through one appeal level at a time; `upheld` (or a partial win) can
 * reopen the case at the next level, which the service does by moving back to gathering_evidence.
 * The status describes the appeal level only: a peer-to-peer call is its own track (p2p/), and
 * changes the level only through a revised decision (`revisedDecisionEffect`).
 */
export const CASE_STATUSES = [
  'new',
  'gathering_evidence',
  'appeal_drafted',
  'submitted',
  'awaiting_decision',
  'overturned',
  'partially_overturned',
  'upheld',
  'withdrawn',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const ALLOWED: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['gathering_evidence', 'withdrawn', 'closed'],
  gathering_evidence: ['appeal_drafted', 'withdrawn'],
  appeal_drafted: ['submitted', 'gathering_evidence', 'withdrawn'],
  submitted: ['awaiting_decision', 'overturned', 'partially_overturned', 'upheld', 'withdrawn'],
  awaiting_decision: ['overturned', 'partially_overturned', 'upheld', 'withdrawn'],
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
export const FILING_STATUSES: readonly CaseStatus[] = ['new', 'gathering_evidence', 'appeal_drafted'];
/** Decisions against the patient, after which the next level may be filed. */
export const NEXT_LEVEL_STATUSES: readonly CaseStatus[] = ['upheld', 'partially_overturned'];
/** Statuses in which the payer owes a decision: the written appeal has been filed. */
export const AWAITING_STATUSES: readonly CaseStatus[] = ['submitted', 'awaiting_decision'];
/** Cases no one needs to work on any more. */
export const FINISHED_STATUSES: readonly CaseStatus[] = ['overturned', 'withdrawn', 'closed'];
/** The written appeal is being prepared and nothing has been filed yet. */
export const PREPARING_STATUSES: readonly CaseStatus[] = ['new', 'gathering_evidence', 'appeal_drafted'];

/** No one needs to work on the case any more. */
export const isFinished = (status: CaseStatus): boolean => FINISHED_STATUSES.includes(status);
/** The payer owes a decision on the appeal filed at the current level. */
export const awaitsDecision = (status: CaseStatus): boolean => AWAITING_STATUSES.includes(status);
/** The current level's appeal is still to be filed, by its filing deadline. */
export const isFiling = (status: CaseStatus): boolean => FILING_STATUSES.includes(status);
/** The status records the payer's decision on the current level. */
export const isDecision = (status: CaseStatus): boolean => DECISION_STATUSES.includes(status);
/** An adverse decision: the next appeal level may be filed. */
export const mayAppealNextLevel = (status: CaseStatus): boolean => NEXT_LEVEL_STATUSES.includes(status);
/** The written appeal is being prepared: nothing filed yet. */
export const isPreparing = (status: CaseStatus): boolean => PREPARING_STATUSES.includes(status);

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return ALLOWED[from];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Moving from a decision back to gathering evidence means appealing at the next level. */
export function isEscalation(from: CaseStatus, to: CaseStatus): boolean {
  return mayAppealNextLevel(from) && to === 'gathering_evidence';
}

/**
 * Statuses a case may pass through on its way to another without anyone saying so: the steps of
 * preparing the written appeal. A decision, a filing or a withdrawal is never
 * implied; it must be the status asked for.
 */
const PASSABLE: readonly CaseStatus[] = ['gathering_evidence', 'appeal_drafted'];

/**
 * The shortest way through the workflow from `from` to `to`, passing only through the steps of
 * preparing the appeal and never appealing at the next level on the way (that is its own move).
 * @returns the statuses to move to, in order (empty when already there), or null when there is no way
 */
export function pathTo(from: CaseStatus, to: CaseStatus): CaseStatus[] | null {
  if (from === to) return [];
  const cameFrom = new Map<CaseStatus, CaseStatus>();
  const queue: CaseStatus[] = [from];
  while (queue.length) {
    const at = queue.shift()!;
    for (const next of ALLOWED[at]) {
      if (cameFrom.has(next) || next === from || isEscalation(at, next)) continue;
      cameFrom.set(next, at);
      if (next === to) {
        const path = [to];
        for (let step = at; step !== from; step = cameFrom.get(step)!) path.unshift(step);
        return path;
      }
      if (PASSABLE.includes(next)) queue.push(next);
    }
  }
  return null;
}

/** A decision the payer issues on a peer-to-peer call, in the patient's favour in whole or part. */
export type RevisedResult = 'overturned' | 'partially_overturned';

/**
 * What a revised decision does to the level: the status it moves to and whether it is the
 * level's decision (recorded in its history, opening the next level's window), or null when the
 * status stays. A partial approval while the appeal is still being prepared leaves the rest to
 * be appealed at this level, by the same filing deadline (see CONTEXT.md).
 * @returns null when the case is finished: nothing is left to decide
 */
export function revisedDecisionEffect(
  status: CaseStatus,
  result: RevisedResult,
): { status: CaseStatus; levelDecision: boolean } | null {
  if (isFinished(status)) return null;
  if (result === 'overturned') return { status: 'overturned', levelDecision: true };
  if (isPreparing(status)) return { status, levelDecision: false };
  return { status: 'partially_overturned', levelDecision: true };
}
