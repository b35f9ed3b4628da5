/**
 * Moving a case through the appeal workflow: the user's own move (version-checked against what
 * they read), a move another domain makes on the case's behalf (a packet submitted, a P2P held),
 * which finds its way through the workflow, and appealing at the next level. Each status change
 * is one version-checked write of the case with its timeline entry and recomputed deadlines.
 */
import type { CaseDocument } from './case.model.js';
import type { CaseView } from './case-view.js';
import {
  allowedTransitions,
  canTransition,
  isDecision,
  isEscalation,
  mayAppealNextLevel,
  pathTo,
  revisedDecisionEffect,
  type CaseStatus,
  type RevisedResult,
} from './case-status.js';
import type { PeerToPeerTrack } from './case.types.js';
import {
  assertVersion,
  commitChange,
  loadVisible,
  refreshDeadlines,
  timelineEntry,
  type AdvocacyNote,
} from './case-store.js';
import { appendNote } from './case-timeline.js';
import { nextAppealLevel, isAutomaticLevel } from '../deadlines/index.js';
import { recordAudit } from '../audit/index.js';
import { conflict, invalid } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import { isStaleVersion, retryLostRace } from '../platform/db/versioned-write.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

interface Deps {
  clock: Clock;
}

/** What a move records beside the new status. */
export interface CaseMove extends AdvocacyNote {
  /** When the appeal reached the payer (moving to `submitted`); default now. */
  submittedAt?: Date;
  /** The date on the payer's decision notice: required when moving to a decision. */
  decisionDate?: string;
  decisionReceivedDate?: string;
}

/** A user's move of a case, made on the version of the case they read. */
export interface Transition extends CaseMove {
  to: CaseStatus;
  version: number;
}

const illegalMove = (from: CaseStatus, to: CaseStatus) => {
  const allowed = allowedTransitions(from);
  return conflict(
    'ILLEGAL_TRANSITION',
    `A case that is ${from} cannot move to ${to}. ` +
      `Allowed from ${from}: ${allowed.length ? allowed.join(', ') : 'none (final)'}.`,
    { from, to, allowed },
  );
};

/** Sets the new status on a loaded case and what goes with it; the caller saves. */
async function applyMove(doc: CaseDocument, to: CaseStatus, move: CaseMove, actor: AuthenticatedUser, deps: Deps) {
  const now = deps.clock.now();
  const from = doc.status;
  const level = doc.appealLevel;
  if (to === 'submitted') doc.set('submittedAt', move.submittedAt ?? now);
  if (isDecision(to)) {
    if (!move.decisionDate)
      throw invalid('Recording a decision needs the date on the decision notice', [
        { field: 'body.decisionDate', message: 'required when moving to a decision' },
      ]);
    doc.levelHistory.push({
      level,
      outcome: to,
      decidedOn: move.decisionDate,
      submittedAt: doc.submittedAt,
      recordedAt: now,
      note: move.note,
    });
    // The decision notice opens the next level's window (42 CFR 405.962 and peers count from its receipt).
    doc.set('levelNotice', { noticeDate: move.decisionDate, receivedDate: move.decisionReceivedDate });
  }
  doc.set('status', to);
  if (to === 'closed' || to === 'withdrawn') doc.set('closedAt', now);
  await refreshDeadlines(doc, deps.clock);
  const { note, quote, alternativesOffered, contact } = move;
  doc.timeline.push(
    timelineEntry(actor, now, 'status_changed', {
      fromStatus: from,
      toStatus: to,
      level,
      note,
      quote,
      alternativesOffered,
      contact,
    }),
  );
}

/**
 * Opens the next appeal level on a loaded case after an adverse decision: the level advances,
 * the old level's submission and extension are cleared, and its filing deadline is counted from
 * the decision notice. Where the reviewer forwards the case itself (Medicare Advantage sends an
 * upheld reconsideration to the independent review entity), the case awaits that decision at once.
 */
async function applyNextLevel(doc: CaseDocument, move: AdvocacyNote, actor: AuthenticatedUser, deps: Deps) {
  const from = doc.status;
  const level = doc.appealLevel;
  if (!mayAppealNextLevel(from)) throw illegalMove(from, 'gathering_evidence');
  const newLevel = nextAppealLevel(doc.payer.planType, level);
  if (!newLevel)
    throw conflict('NO_NEXT_LEVEL', `${level} is the last appeal level for this plan type; close the case instead`, {
      from,
      to: 'gathering_evidence',
      allowed: ['closed'],
    });
  const now = deps.clock.now();
  doc.set('appealLevel', newLevel);
  doc.set('submittedAt', undefined);
  doc.set('decisionExtension', undefined);
  doc.set('status', isAutomaticLevel(doc.payer.planType, newLevel) ? 'awaiting_decision' : 'gathering_evidence');
  await refreshDeadlines(doc, deps.clock);
  const { note, quote, alternativesOffered, contact } = move;
  doc.timeline.push(
    timelineEntry(actor, now, 'level_advanced', {
      fromStatus: from,
      toStatus: doc.status,
      level: newLevel,
      note,
      quote,
      alternativesOffered,
      contact,
    }),
  );
}

/**
 * A user moves the case to `transition.to`, one allowed step, on the version they read (409
 * STALE_VERSION otherwise). From an adverse decision, moving to gathering_evidence appeals at
 * the next level, as `appealNextLevel` does.
 * @throws 409 ILLEGAL_TRANSITION with the allowed moves; 422 without a decision's date
 */
export async function transitionCase(
  caseId: string,
  transition: Transition,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, transition.version);
  const { to, version: _version, ...move } = transition;
  if (!canTransition(doc.status, to)) throw illegalMove(doc.status, to);
  if (isEscalation(doc.status, to)) await applyNextLevel(doc, move, actor, deps);
  else await applyMove(doc, to, move, actor, deps);
  return commitChange(doc, { actor, action: 'case.transition', fields: ['status'], at: deps.clock.now() });
}

/**
 * Moves a case to `to` on behalf of work done elsewhere (a packet submitted, a P2P held),
 * through the steps of preparing the appeal when it is not one step away (a case still `new`
 * passes gathering_evidence and appeal_drafted on its way to `submitted`). Each step is its own
 * version-checked write; when someone else changes the case in between, it is read again and
 * the remaining way found anew. The `move` is recorded on the last step, `via` on the others.
 * @param move.otherwise - `refuse` (default): 409 ILLEGAL_TRANSITION when the case cannot get there;
 *   `note`: the case stays where it is and the move's note goes on its timeline instead
 * @param move.onlyFrom - move only a case in one of these statuses; any other is treated as unable to get there
 * @returns the case after the last step; null when it stayed and was only noted
 */
export async function advanceCase(
  caseId: string,
  to: CaseStatus,
  actor: AuthenticatedUser,
  move: CaseMove & { via?: string; otherwise?: 'refuse' | 'note'; onlyFrom?: readonly CaseStatus[] },
  deps: Deps,
): Promise<CaseView | null> {
  const { via, otherwise = 'refuse', onlyFrom, ...recorded } = move;
  for (;;) {
    const step = await retryLostRace(async () => {
      const doc = await loadVisible(caseId, actor);
      const path = !onlyFrom || onlyFrom.includes(doc.status) ? pathTo(doc.status, to) : null;
      if (!path?.length) {
        if (otherwise === 'refuse') throw illegalMove(doc.status, to);
        const { note, quote, alternativesOffered, contact } = recorded;
        const now = deps.clock.now();
        await appendNote(caseId, timelineEntry(actor, now, 'note', { note, quote, alternativesOffered, contact }));
        await recordAudit({ actor, action: 'case.note', entityType: 'case', entityId: caseId, caseId, at: now });
        return { done: true, view: null };
      }
      await applyMove(doc, path[0], path.length === 1 ? recorded : { note: via }, actor, deps);
      const view = await commitChange(doc, {
        actor,
        action: 'case.transition',
        fields: ['status'],
        at: deps.clock.now(),
      });
      return { done: path.length === 1, view };
    }, isStaleVersion);
    if (step.done) return step.view;
  }
}

/**
 * Appeals at the next level after an adverse decision (upheld or partly overturned): the level
 * advances and its filing deadline is counted from the decision notice. Reads the case afresh
 * and retries when someone else changed it first: the decision it builds on is already recorded.
 * @throws 409 ILLEGAL_TRANSITION unless the case holds an adverse decision; 409 NO_NEXT_LEVEL after the last level
 */
export async function appealNextLevel(
  caseId: string,
  actor: AuthenticatedUser,
  move: AdvocacyNote,
  deps: Deps,
): Promise<CaseView> {
  return retryLostRace(async () => {
    const doc = await loadVisible(caseId, actor);
    await applyNextLevel(doc, move, actor, deps);
    return commitChange(doc, { actor, action: 'case.transition', fields: ['status'], at: deps.clock.now() });
  }, isStaleVersion);
}

/** What a peer-to-peer event records on its case. */
export interface PeerToPeerEvent extends AdvocacyNote {
  /** The open call as it now is, or null once it is over (held, missed, cancelled). */
  track: PeerToPeerTrack | null;
  /** A decision the payer issued on the call, in the patient's favour in whole or part. */
  revisedDecision?: {
    result: RevisedResult;
    decisionDate: string;
    reference: string;
    reviewerName?: string;
    approved?: string;
  };
  /** The call is over: the timeline says what became of the level (unchanged, unless decided). */
  callOver?: boolean;
}

const words = (code: string) => code.replaceAll('_', ' ');

/** "Unchanged by this call: …" — what a held call that decided nothing leaves standing. */
function levelStanding(doc: CaseDocument): string {
  const due = doc.deadlines.find((d) => d.level === doc.appealLevel && d.kind !== 'continuation_of_benefits');
  const deadline = due ? `, and its ${due.kind} deadline ${due.dueDate}` : '';
  return `Unchanged by this call: the ${words(doc.appealLevel)} level, its status (${words(doc.status)})${deadline}.`;
}

/**
 * Records a peer-to-peer event on its case: the open call's summary, a timeline entry, and — only
 * when the payer issued a revised decision on the call — its effect on the level
 * (`revisedDecisionEffect`). Nothing else a P2P does changes the status, the level or a deadline,
 * and a P2P never opens the next level. Retried on a newer version: the event builds on nothing
 * the other writer changed.
 * @throws 409 CASE_CLOSED when a revised decision comes for a finished case
 */
export async function recordPeerToPeerOnCase(
  caseId: string,
  event: PeerToPeerEvent,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<CaseView> {
  const { track, revisedDecision, callOver, ...recorded } = event;
  return retryLostRace(async () => {
    const doc = await loadVisible(caseId, actor);
    const now = deps.clock.now();
    const from = doc.status;
    const level = doc.appealLevel;
    doc.set('peerToPeer', track ?? undefined);
    if (revisedDecision) {
      const effect = revisedDecisionEffect(from, revisedDecision.result);
      if (!effect) throw conflict('CASE_CLOSED', `The case is ${from}; there is no decision left to revise`);
      if (effect.levelDecision) {
        const { decisionDate, reference, reviewerName, approved } = revisedDecision;
        doc.levelHistory.push({
          level,
          outcome: effect.status,
          decidedOn: decisionDate,
          submittedAt: doc.submittedAt,
          recordedAt: now,
          note: recorded.note,
          via: 'peer_to_peer',
          reference,
          reviewerName,
          approved,
        });
        doc.set('levelNotice', { noticeDate: decisionDate });
      }
      doc.set('status', effect.status);
      if (effect.status === 'overturned') doc.set('closedAt', undefined);
      await refreshDeadlines(doc, deps.clock);
    }
    const moved = doc.status !== from;
    const note = [recorded.note, callOver && !moved ? levelStanding(doc) : ''].filter(Boolean).join(' ');
    doc.timeline.push(
      timelineEntry(actor, now, 'p2p', {
        ...recorded,
        note,
        level,
        ...(moved ? { fromStatus: from, toStatus: doc.status } : {}),
      }),
    );
    return commitChange(doc, {
      actor,
      action: moved ? 'case.transition' : 'case.note',
      ...(moved ? { fields: ['status'] } : {}),
      at: now,
    });
  }, isStaleVersion);
}
