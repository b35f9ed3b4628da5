/**
 * The peer-to-peer rules that need no database: which window applies, whether a P2P may be
 * requested at all, and what an outcome does to the review and to the case. Pure.
 */
import { computePeerToPeerWindow, type PayerWindowOverride } from '../deadlines/index.js';
import { awaitsDecision, isFinished, type CaseStatus } from '../cases/index.js';
import { conflict, unprocessable, type AppError } from '../platform/errors.js';
import type { P2PResult, P2PStatus, P2PWindow } from './p2p-review.model.js';

export interface WindowInputs {
  noticeDate: string;
  receivedDate?: string;
  /** The payer profile's P2P window, when the payer has one configured. */
  payerWindow?: PayerWindowOverride | null;
  /** The last date printed on the denial notice; wins over a computed one. */
  entered?: { lastDate: string; basis?: string };
}

/**
 * The P2P window of a case: the date from the denial notice when one was entered (a date the
 * payer printed beats a computed one), else the payer profile's rule.
 * @throws AppError 422 NO_P2P_WINDOW when neither is known
 */
export function peerToPeerWindow(input: WindowInputs): P2PWindow {
  if (input.entered) {
    return {
      lastDate: input.entered.lastDate,
      basis:
        input.entered.basis ??
        `Last date to hold the peer-to-peer as printed on the denial notice: ${input.entered.lastDate}`,
      citation: 'denial notice',
      source: 'notice',
    };
  }
  if (!input.payerWindow)
    throw unprocessable(
      'NO_P2P_WINDOW',
      'The payer profile has no peer-to-peer window; enter the last date from the denial notice (window.lastDate)',
    );
  const fromReceipt = input.payerWindow.countFrom === 'receipt';
  const computed = computePeerToPeerWindow({
    from: fromReceipt ? (input.receivedDate ?? input.noticeDate) : input.noticeDate,
    window: input.payerWindow,
  });
  const caveat =
    fromReceipt && !input.receivedDate
      ? ' Received date unknown: counted from the notice date, the earlier and safer date.'
      : '';
  return {
    lastDate: computed.dueDate,
    basis: computed.basis + caveat,
    citation: computed.citation,
    source: 'payer_rule',
  };
}

const OPEN: readonly P2PStatus[] = ['requested', 'scheduled'];

/** Refusal of a second open review on one case (checked first, and enforced by a unique index). */
export const alreadyOpen = () =>
  conflict(
    'P2P_ALREADY_OPEN',
    'The case already has a peer-to-peer review requested or scheduled; reschedule or cancel it instead',
  );

export interface RequestCheck {
  caseStatus: CaseStatus;
  rules?: { onePerService?: boolean | null; noneAfterAppealFiled?: boolean | null } | null;
  /** Statuses of the case's earlier P2P reviews. */
  earlier: P2PStatus[];
  lastDate: string;
  today: string;
}

/** Why a P2P cannot be requested now, or null when it can. */
export function refusalOfRequest(c: RequestCheck): AppError | null {
  // A finished case has nothing left to discuss with the payer.
  if (isFinished(c.caseStatus))
    return conflict('CASE_CLOSED', `The case is ${c.caseStatus}; there is nothing left to discuss with the payer`);
  if (c.earlier.some((s) => OPEN.includes(s))) return alreadyOpen();
  if (c.rules?.noneAfterAppealFiled && awaitsDecision(c.caseStatus))
    return conflict(
      'P2P_NOT_ALLOWED',
      'This payer allows no peer-to-peer review once the appeal is filed; the written appeal decides now',
    );
  if (c.rules?.onePerService && c.earlier.some((s) => s !== 'cancelled'))
    return conflict(
      'P2P_NOT_ALLOWED',
      'This payer allows one peer-to-peer review per service, and this case has had one',
    );
  if (c.lastDate < c.today)
    return unprocessable('P2P_WINDOW_CLOSED', `The peer-to-peer window closed on ${c.lastDate}`);
  return null;
}

/** Where the case goes back to when the call does not happen: the written appeal it came from. */
export function writtenAppealStatus(caseStatusBefore: CaseStatus): CaseStatus {
  return caseStatusBefore === 'appeal_drafted' ? 'appeal_drafted' : 'gathering_evidence';
}

/** The case statuses that say a P2P is under way: only a case in one of them follows a cancelled call back. */
export const P2P_CASE_STATUSES: readonly CaseStatus[] = ['p2p_requested', 'p2p_scheduled'];

export interface OutcomePlan {
  reviewStatus: P2PStatus;
  /** The status the case moves to, when its workflow lets it get there (else the result is only noted). */
  caseTarget: CaseStatus;
  /** True when the payer's decision on this level is recorded (needs the decision date). */
  decision: boolean;
  /** True when, after the decision, the case appeals at the next level. */
  nextLevel: boolean;
}

/**
 * What recording a result does. A decision moves the case to it (an upheld one onwards to the
 * next appeal level, which sets the new filing deadline); a partial win stays for the clinic to
 * decide whether to appeal the rest. A call that must be rescheduled goes back to requested; a
 * no-show marks the review missed and returns the case to its written appeal.
 */
export function outcomePlan(result: P2PResult, caseStatusBefore: CaseStatus): OutcomePlan {
  switch (result) {
    case 'overturned':
    case 'partially_overturned':
      return { reviewStatus: 'completed', caseTarget: result, decision: true, nextLevel: false };
    case 'upheld':
      return { reviewStatus: 'completed', caseTarget: 'upheld', decision: true, nextLevel: true };
    case 'rescheduled':
      return { reviewStatus: 'requested', caseTarget: 'p2p_requested', decision: false, nextLevel: false };
    case 'no_show_payer':
    case 'no_show_physician':
      return {
        reviewStatus: 'missed',
        caseTarget: writtenAppealStatus(caseStatusBefore),
        decision: false,
        nextLevel: false,
      };
  }
}
