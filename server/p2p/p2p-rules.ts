/**
 * The peer-to-peer rules that need no database: which window applies, whether a P2P may be
 * requested at all, whether an outcome may be recorded as given, and what it does. Pure.
 */
import { computePeerToPeerWindow, type PayerWindowOverride } from '../deadlines/index.js';
import { awaitsDecision, isFinished, type CaseStatus, type RevisedResult } from '../cases/index.js';
import { conflict, invalid, unprocessable, type AppError } from '../platform/errors.js';
import type { P2PResult, P2PStatus, P2PTiming, P2PWindow } from './p2p-review.model.js';

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

/** A call while the payer owes the level's decision is pre-decision; any other is after a determination. */
export const timingOf = (caseStatus: CaseStatus): P2PTiming =>
  awaitsDecision(caseStatus) ? 'pre_decision' : 'post_decision';

export interface OutcomePlan {
  reviewStatus: P2PStatus;
  /** A decision the payer issued on the call in the patient's favour; null for every other result. */
  revised: RevisedResult | null;
  /** The call will not be held again: the case's open-call summary goes. */
  callOver: boolean;
}

/**
 * What recording a result does to the review. Only a win changes the case (through its revised
 * decision); an upheld or educational call and a no-show leave the level as it was, and a call to
 * be rescheduled is requested again. A P2P never opens the next level.
 */
export function outcomePlan(result: P2PResult): OutcomePlan {
  switch (result) {
    case 'overturned':
    case 'partially_overturned':
      return { reviewStatus: 'completed', revised: result, callOver: true };
    case 'upheld':
    case 'educational':
      return { reviewStatus: 'completed', revised: null, callOver: true };
    case 'rescheduled':
      return { reviewStatus: 'requested', revised: null, callOver: false };
    case 'no_show_payer':
    case 'no_show_physician':
      return { reviewStatus: 'missed', revised: null, callOver: true };
  }
}

export interface OutcomeCheck {
  result: P2PResult;
  timing: P2PTiming;
  caseStatus: CaseStatus;
  /** The payer profile says a call after its determination is educational only. */
  educationalOnly: boolean;
  decisionDate?: string;
  /** The day the P2P was requested, in the clinic's calendar. */
  requestedOn: string;
  today: string;
}

/** Why an outcome cannot be recorded as given, or null when it can. */
export function refusalOfOutcome(c: OutcomeCheck): AppError | null {
  const owed = awaitsDecision(c.caseStatus);
  if (c.timing === 'pre_decision' && !owed)
    return unprocessable(
      'P2P_TIMING',
      `A pre-decision call is one held while the payer still owes its decision; this case is ${c.caseStatus}, ` +
        'so the determination is out: record the call as post_decision',
    );
  if (c.timing === 'post_decision' && owed)
    return unprocessable(
      'P2P_TIMING',
      'The appeal is filed and the payer has not decided it yet: record the call as pre_decision',
    );
  const win = c.result === 'overturned' || c.result === 'partially_overturned';
  if (win && c.timing === 'post_decision' && c.educationalOnly)
    return unprocessable(
      'P2P_EDUCATIONAL_ONLY',
      "This payer's peer-to-peer calls after its determination are educational only and cannot change it: " +
        'record the call as educational and pursue the written appeal',
    );
  if (win && c.decisionDate && c.decisionDate > c.today)
    return invalid('The payer’s revised decision cannot be dated in the future', [
      { field: 'body.decisionDate', message: `${c.decisionDate} is after today (${c.today})` },
    ]);
  if (win && c.decisionDate && c.decisionDate < c.requestedOn)
    return invalid('The payer’s revised decision cannot be dated before the peer-to-peer was requested', [
      { field: 'body.decisionDate', message: `${c.decisionDate} is before the request (${c.requestedOn})` },
    ]);
  return null;
}
