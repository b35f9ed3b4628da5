/**
 * The shape of the rule table. Plain data so a reader can check each row against its
 * citation, and so the UI can show where a number comes from.
 */
import type { AppealLevel, PlanType } from './appeal-levels.js';
import type { DayUnit, WindowStart } from './payer-window.js';

/** What a plan's decision timeframe depends on. `coverage` is Part D's standard (drug) request. */
export type DecisionKind = 'pre_service' | 'post_service' | 'payment' | 'part_b_drug' | 'coverage';

/**
 * What happens when the last day is not a working day.
 * - `next_working_day`: moves to the next day that is not a Saturday, Sunday or federal holiday.
 * - `none`: the calendar date stands, even on a weekend. Used where no source grants a
 *   rollover: filing by the earlier date is always timely, filing by a rolled date may not be.
 */
export type RolloverPolicy = 'next_working_day' | 'none';

/**
 * Whether a payer (or state) window may replace the federal one.
 * - `required`: there is no federal window (plan type `other`).
 * - `floor`: the rule is a minimum or a range the state fills in; a configured window is used.
 * - `fixed`: the regulation fixes the window; a payer window is not applied.
 */
export type PayerWindowPolicy = 'required' | 'floor' | 'fixed';

/** Per-state windows the caller may pass instead of the default. */
export type StateConfigurable =
  /** A state's days are used only inside [min, max]; outside, the federal window stands, with a note. */
  | { kind: 'state_fair_hearing_days'; min: number; max: number; default: number; citation: string }
  | { kind: 'external_review_months'; min: number; default: number };

/** The window to file a level. */
export interface FilingWindowRule {
  /** Length in days (exactly one of windowDays/windowMonths, or neither when the payer sets it). */
  windowDays?: number;
  /** Length in months (external review). */
  windowMonths?: number;
  unit: DayUnit;
  /** The event the window counts from: the date on the notice, or its receipt. */
  countFrom: WindowStart;
  /**
   * Days after the notice date at which receipt is presumed when no received date is known.
   * Undefined: the rule has no presumption, and the engine counts from the notice date
   * (earlier, so safe) and says so.
   */
  presumedReceiptDays?: number;
  rollover: RolloverPolicy;
  /** Why this row does or does not roll over, with the source. */
  rolloverWhy: string;
  /** Short citation for the rollover, shown when a date is rolled. */
  rolloverSource?: string;
  payerWindow: PayerWindowPolicy;
  configurable?: StateConfigurable;
  /** The regulation that sets the window. */
  citation: string;
}

/** A timeframe counted in hours (expedited decisions) or days. */
export type Timeframe = { hours: number } | { days: number; unit: DayUnit };

/** How long the reviewer has to decide once the request is received. */
export interface DecisionTimeframeRule {
  /** Calendar days by kind of request; a kind missing here does not apply to the level. */
  days: Partial<Record<DecisionKind, number>>;
  /** The kind assumed when the caller names none. */
  defaultKind: DecisionKind;
  /** The expedited (urgent) variant, when the rule has one. */
  expedited?: Timeframe;
  /** A qualification worth showing with the date (extensions, per-level splits). */
  note?: string;
  /**
   * The reviewer may take longer by telling the appellant in writing, up to `maxDays`; only for
   * the request kinds listed in `kinds` (every kind when absent), standard or expedited.
   */
  extension?: { maxDays: number; citation: string; kinds?: readonly DecisionKind[] };
  citation: string;
}

/**
 * One row of the rule table: a level of a plan type, as the regulation read from `effectiveFrom`.
 * When a rule changes, a new row with a later `effectiveFrom` is added and the old one stays:
 * a notice is judged by the row with the latest `effectiveFrom` on or before its date.
 */
export interface AppealRule {
  plan: PlanType;
  level: AppealLevel;
  /**
   * First notice date ('YYYY-MM-DD') this text governs. Absent only where no regulation sets the
   * row (payer policy), which then governs any date. Notices before the earliest row have no rule.
   */
  effectiveFrom?: string;
  /** The rule that set this text: Federal Register citation and effective or applicability date. */
  effectiveRule: string;
  /** Nothing to file: the previous reviewer forwards the case. */
  automatic: boolean;
  /** Null for automatic levels. */
  filing: FilingWindowRule | null;
  /** Null where the rule sets no decision timeframe the engine can compute. */
  decision: DecisionTimeframeRule | null;
  /**
   * With `decision` null: true when the regulation sets no decision deadline at all (a case at
   * this level is never overdue); absent when one exists that the engine cannot compute.
   */
  noRegulatoryDeadline?: boolean;
  /** When `decision` is null: why, in words. */
  decisionNote?: string;
  /**
   * Set where the level has no expedited process: why, and what exists instead. An expedited
   * request is then refused rather than quietly computed as standard.
   */
  noExpedited?: string;
  /** Facts to show with the deadline (amount in controversy, who receives the request). */
  notes: readonly string[];
}
