/**
 * Putting right what a peer-to-peer call did to a case before it became its own track (pure).
 * Until November 2026 a P2P moved the case into `p2p_requested` / `p2p_scheduled`, and a call
 * recorded as upheld became the level's decision and opened the next level, silently dropping
 * the live filing deadline. This works out, from the case's own timeline, the status it came
 * from and whether a level was opened by a call, and the corrected case.
 */
import { awaitsDecision, isDecision, type CaseStatus } from './case-status.js';
import type { AppealLevel } from '../deadlines/index.js';
import type { LevelOutcome, TimelineEntry } from './case.types.js';

export const LEGACY_P2P_STATUSES: readonly string[] = ['p2p_requested', 'p2p_scheduled'];
/** The note the old outcome code put on the level it opened after an upheld call. */
export const LEGACY_NEXT_LEVEL_NOTE = 'Appealing at the next level after the peer-to-peer review.';

const isLegacy = (status: unknown) => typeof status === 'string' && LEGACY_P2P_STATUSES.includes(status);
const words = (status: string) => status.replaceAll('_', ' ');

/** What the case looked like, as far as the correction reads or writes it. */
export interface CorrectableCase {
  status: string;
  appealLevel: AppealLevel;
  levelHistory: LevelOutcome[];
  levelNotice?: { noticeDate: string; receivedDate?: string };
  submittedAt?: Date;
  timeline: TimelineEntry[];
}

export interface Correction {
  status: CaseStatus;
  appealLevel: AppealLevel;
  levelHistory: LevelOutcome[];
  /** Undefined: the level is counted from the denial again. */
  levelNotice?: { noticeDate: string; receivedDate?: string };
  submittedAt?: Date;
  timeline: TimelineEntry[];
  /** The sentence for the correction's own timeline entry; null when nothing but old entries changed. */
  explanation: string | null;
}

/** An old entry that moved the case into or out of a P2P status becomes a P2P entry that says what it recorded then. */
function retag(entry: TimelineEntry): TimelineEntry {
  const { fromStatus, toStatus, ...rest } = entry;
  const then = `(Recorded then as a status change ${words(fromStatus ?? 'none')} → ${words(toStatus ?? 'none')}.)`;
  return { ...rest, type: 'p2p', note: [entry.note, then].filter(Boolean).join(' ') };
}

/**
 * The corrected case, or null when it carries nothing of the old rule. A case whose level an
 * upheld call opened is put back to the level and status it had, unless work was recorded at
 * the new level since; then it is left there and the explanation asks for a check.
 */
export function correctLegacyPeerToPeer(c: CorrectableCase): Correction | null {
  const touched = c.timeline.some((e) => isLegacy(e.toStatus) || isLegacy(e.fromStatus)) || isLegacy(c.status);
  if (!touched) return null;
  let before: CaseStatus = 'gathering_evidence';
  let opened: { decision: TimelineEntry; advance: TimelineEntry; returnTo: CaseStatus; at: number } | null = null;
  const timeline: TimelineEntry[] = [];
  for (const [i, e] of c.timeline.entries()) {
    if (isLegacy(e.toStatus) && e.fromStatus && !isLegacy(e.fromStatus)) before = e.fromStatus;
    const decidedOnCall = isLegacy(e.fromStatus) && e.toStatus !== undefined && isDecision(e.toStatus);
    if (decidedOnCall) {
      timeline.push({ ...e, fromStatus: before });
      const next = c.timeline[i + 1];
      if (e.toStatus === 'upheld' && next?.type === 'level_advanced' && next.note === LEGACY_NEXT_LEVEL_NOTE)
        opened = { decision: e, advance: next, returnTo: before, at: i + 1 };
    } else if (isLegacy(e.toStatus) || isLegacy(e.fromStatus)) timeline.push(retag(e));
    else timeline.push(e);
  }
  const movedSince =
    opened !== null &&
    c.timeline.slice(opened.at + 1).some((e) => e.type === 'status_changed' || e.type === 'level_advanced');

  const current: Correction = {
    status: isLegacy(c.status) ? before : (c.status as CaseStatus),
    appealLevel: c.appealLevel,
    levelHistory: c.levelHistory,
    levelNotice: c.levelNotice,
    submittedAt: c.submittedAt,
    timeline,
    explanation: isLegacy(c.status)
      ? `Corrected: a peer-to-peer call no longer changes the appeal's status; the case returns to ` +
        `${words(before)}, and the call's state is on its own record.`
      : null,
  };
  if (!opened) return current;
  const upheldLevel = opened.decision.level ?? c.appealLevel;
  if (movedSince || c.appealLevel !== opened.advance.level)
    return {
      ...current,
      explanation:
        `Check needed: an upheld peer-to-peer call moved this case from ${words(upheldLevel)} to the next level, ` +
        `which a call cannot do: nothing was filed at ${words(upheldLevel)}. Work has been recorded at the new ` +
        `level since, so the case was left where it is; check the ${words(upheldLevel)} filing deadline ` +
        `counted from the notice that opened it.`,
    };
  const dropped = c.levelHistory.map((h) => h.level === upheldLevel && h.outcome === 'upheld').lastIndexOf(true);
  const levelHistory = c.levelHistory.filter((_, i) => i !== dropped);
  const previous = levelHistory.at(-1);
  const returnTo = opened.returnTo;
  return {
    ...current,
    status: returnTo,
    appealLevel: upheldLevel,
    levelHistory,
    levelNotice: previous ? { noticeDate: previous.decidedOn } : undefined,
    submittedAt: awaitsDecision(returnTo) ? c.levelHistory[dropped]?.submittedAt : undefined,
    explanation:
      `Corrected: a peer-to-peer call recorded as upheld had closed ${words(upheldLevel)} and opened the ` +
      `next level. A call is not the decision of an appeal level, so the case is back at ` +
      `${words(upheldLevel)}, ${words(returnTo)}, with its filing deadline counted again from the notice ` +
      `that opened it.`,
  };
}
