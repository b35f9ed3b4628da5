/**
 * Inputs and results of the deadline computations.
 */
import type { AppealLevel, PlanType } from './appeal-levels.js';
import type { DecisionKind } from './appeal-rule.types.js';
import type { DayUnit, WindowStart } from './payer-window.js';

/**
 * A window the user sets per payer (or per state): the whole window for plan type `other`,
 * a commercial payer's own (longer) window, a state's fair-hearing days (90 to 120) or a
 * state's external-review window in days. Federal windows the regulation fixes (Medicare,
 * Medicaid plan appeals) are not replaced by it.
 */
export interface PayerWindowOverride {
  /** The level it applies to; any level when omitted. */
  level?: AppealLevel;
  /** Whole days, at least 1. */
  days: number;
  unit: DayUnit;
  countFrom: WindowStart;
  /** Where the number comes from, e.g. "Acme provider manual 2026, §7.2"; shown in the basis. */
  label?: string;
}

/** What {@link computeFilingDeadline} needs. Dates are 'YYYY-MM-DD'. */
export interface FilingDeadlineInput {
  plan: PlanType;
  level: AppealLevel;
  /** Date printed on the decision that opens this level (denial, redetermination, ALJ decision…). */
  noticeDate: string;
  /** Date the decision actually arrived, when known. */
  receivedDate?: string;
  /** No federal filing window is shorter for an expedited request; the flag is noted in the basis. */
  expedited?: boolean;
  payerWindow?: PayerWindowOverride;
  /**
   * The state's fair-hearing window in days. Used only where the federal text allows it (42 CFR
   * 438.408(f)(2): 120 days); otherwise the federal window stands and the basis says so.
   */
  stateFairHearingDays?: number;
  /** The state's external-review window in months, at least 4. */
  externalReviewMonths?: number;
  /**
   * Who files (see `APPELLANTS`), what the payer did (see `MEDICAID_ACTIONS`) and when services end
   * ('YYYY-MM-DD'): read by `answerFilingDeadline` to choose the route and the clocks beside it,
   * not by the rule table.
   */
  appellant?: string;
  action?: string;
  serviceEnd?: string;
  /** The clinic's IANA zone: hour-based rules (QIO fast track, concurrent care) need it. */
  timeZone?: string;
}

/** A computed date with the reasoning a person can check. */
export interface ComputedDeadline {
  /** The last day, 'YYYY-MM-DD'. */
  dueDate: string;
  /** The exact instant, for hour-based timeframes (72 hours). */
  dueAt?: string;
  /** How the date was reached, in words, with the citation. */
  basis: string;
  citation: string;
  countedFrom: WindowStart | 'presumed_receipt' | 'submission';
  /** Present when the last day was moved off a weekend or holiday. */
  rolledOver?: { from: string; reason: string };
  /**
   * Present when the last day stands on a weekend or holiday (no rollover): the working day
   * before it, as "Thu 2026-07-02", and as a date in `lastBusinessDate`.
   */
  lastBusinessDay?: string;
  lastBusinessDate?: string;
  /** A time of day the deadline falls at, for hour-based rules (QIO fast-track), with its zone. */
  dueTime?: { time: string; timeZone: string };
  /** The date the rule applied took effect ('YYYY-MM-DD'); absent for payer policy. */
  ruleEffectiveFrom?: string;
  /** The rule that set the text applied (Federal Register citation and dates). */
  ruleSource?: string;
}

/**
 * What the regulation says about a level's decision time: a date (`due`), none at all
 * (`no_regulatory_deadline`: never overdue), or one the engine cannot compute (`not_computed`).
 */
export type DecisionTimeframeResult =
  | ({ kind: 'due' } & ComputedDeadline)
  | { kind: 'no_regulatory_deadline'; basis: string; citation?: string }
  | { kind: 'not_computed'; basis: string };

/** What {@link computeDecisionDue} needs. */
export interface DecisionDueInput {
  plan: PlanType;
  level: AppealLevel;
  /**
   * When the reviewer received the request: an ISO instant with offset, or 'YYYY-MM-DD'
   * (taken as received at 00:00 UTC that day, the earliest reading).
   */
  submittedAt: string;
  expedited?: boolean;
  /** Defaults per level: pre-service, or Part D's standard coverage request. */
  decisionKind?: DecisionKind;
  /** IANA zone whose calendar gives an instant its date (the clinic's); default UTC. */
  timeZone?: string;
  /** Days the reviewer extended its decision by, with written notice (only where the rule allows). */
  extensionDays?: number;
}

/** What {@link computePeerToPeerWindow} needs. */
export interface PeerToPeerWindowInput {
  /** The date of the event the payer counts from ('YYYY-MM-DD'). */
  from: string;
  window: PayerWindowOverride;
}
