/**
 * Which deadlines govern a case right now, derived from its inputs. Pure; the service calls it
 * on every change so that stored deadlines can never disagree with the case they describe.
 */
import {
  answerFilingDeadline,
  computeDecisionDue,
  computeConcurrentCareWatch,
  computeContinuationOfBenefitsDeadline,
  computeFastTrackDeadline,
  computePriorAuthorizationDue,
  stateExternalReview,
  continuationOfBenefits,
  DeadlineRuleError,
  isAutomaticLevel,
  nextAppealLevel,
  type Appellant,
  type PlanType,
  type AppealLevel,
  type PayerWindowOverride,
  type DecisionKind,
  type MedicaidAction,
  type PriorAuthorizationPayer,
  type TimedDeadline,
} from '../deadlines/index.js';
import { FILING_STATUSES, AWAITING_STATUSES, NEXT_LEVEL_STATUSES, isFinished, type CaseStatus } from './case-status.js';

import type { AuthorizationRequest, FastTrackNotice, StoredDeadline } from './case.types.js';

export type CaseDeadline = StoredDeadline;

export interface DeadlineInputs {
  status: CaseStatus;
  planType: PlanType;
  appealLevel: AppealLevel;
  priority: 'standard' | 'expedited';
  requestType?: DecisionKind | null;
  /** The notice that opened the current level. */
  levelNotice: { noticeDate: string; receivedDate?: string | null };
  /** When the payer's action takes effect, from the notice (Medicaid continuation; an employer plan's cut). */
  intendedEffectiveDate?: string | null;
  /** What the payer did; unknown when not recorded. */
  action?: MedicaidAction | null;
  /** Who files; the patient's own appeal when not recorded. */
  appellant?: Appellant | null;
  fastTrack?: FastTrackNotice | null;
  /** The US state whose law governs the plan: an individual plan's external review follows it. */
  payerState?: string | null;
  authorizationRequest?: AuthorizationRequest | null;
  submittedAt?: Date | null;
  /** The clinic's zone: the calendar a submission instant is dated on. */
  timeZone: string;
  /** Days the reviewer extended its decision on this level by, in writing. */
  decisionExtensionDays?: number;
  payer?: {
    appealWindow?: PayerWindowOverride | null;
    stateFairHearingDays?: number | null;
    externalReviewMonths?: number | null;
  } | null;
  /** Overrides recorded earlier; kept while their level is current. */
  overrides: CaseDeadline[];
  /**
   * The last day to file `level` as the payer's notice prints it, and whether someone has decided
   * between it and the computed one (keeping the computed one, or accepting it as an override).
   */
  printed?: { dueDate: string; level: AppealLevel; decided: boolean } | null;
}

/**
 * The deadline to file `level`, counted from the notice that opened it; none for a level the previous
 * reviewer forwards itself.
 */
/**
 * An individual-market plan is state-regulated: its external review window is the state's where the
 * state table has one in months (at least the federal 4), with the state's citation for the basis.
 */
function stateReviewWindow(input: DeadlineInputs, level: AppealLevel): { months: number; citation: string } | null {
  if (level !== 'external_review' || input.planType !== 'aca_individual' || !input.payerState) return null;
  if (input.payer?.externalReviewMonths) return null;
  const state = stateExternalReview(input.payerState);
  const window = state.filing.window;
  return state.inStateTable && 'months' in window ? { months: window.months, citation: state.filing.citation } : null;
}

function filingDeadline(input: DeadlineInputs, level: AppealLevel): CaseDeadline | null {
  const stateWindow = stateReviewWindow(input, level);
  // A contracted provider's payment dispute runs on the contract's window: the payer profile's.
  const usePayerWindow =
    input.planType === 'other' ||
    input.appellant === 'contracted_provider' ||
    (input.payer?.appealWindow &&
      ['erisa_group', 'aca_individual'].includes(input.planType) &&
      level === 'internal_appeal');
  try {
    const d = answerFilingDeadline({
      plan: input.planType,
      level,
      noticeDate: input.levelNotice.noticeDate,
      receivedDate: input.levelNotice.receivedDate ?? undefined,
      expedited: input.priority === 'expedited',
      payerWindow: usePayerWindow ? (input.payer?.appealWindow ?? undefined) : undefined,
      stateFairHearingDays: input.payer?.stateFairHearingDays ?? undefined,
      externalReviewMonths: input.payer?.externalReviewMonths ?? stateWindow?.months,
      appellant: input.appellant ?? undefined,
    });
    return {
      kind: 'filing',
      level,
      dueDate: d.filingDeadline,
      basis: stateWindow ? `${d.basis} (${input.payerState}: ${stateWindow.citation})` : d.basis,
      citation: d.citation,
      ...(d.lastBusinessDay ? { lastBusinessDay: d.lastBusinessDay } : {}),
    };
  } catch (err) {
    // Plan type `other` (or a provider's contract dispute) without a configured payer window has no
    // computable deadline; the board shows such cases as "no deadline set" rather than inventing one.
    if (!(err instanceof DeadlineRuleError && err.code === 'NO_PAYER_WINDOW')) throw err;
    return null;
  }
}

/** A deadline counted in hours, as the case stores it. */
function timed(kind: CaseDeadline['kind'], level: AppealLevel, d: TimedDeadline, basis: string, citation: string) {
  return {
    kind,
    level,
    dueDate: d.dueDate,
    dueAt: new Date(d.dueAt),
    dueTime: d.dueTime,
    timeZone: d.timeZone,
    basis,
    citation,
  };
}

/** Medicaid: file by this date to keep benefits; only where authorized services are cut, when the action is known. */
function continuationDeadline(input: DeadlineInputs): CaseDeadline | null {
  const noticeDate = input.levelNotice.noticeDate;
  const intendedEffectiveDate = input.intendedEffectiveDate ?? undefined;
  if (!input.action) {
    const d = computeContinuationOfBenefitsDeadline({ noticeDate, intendedEffectiveDate });
    const unknown = ' Applies only if the plan cut a service it had authorized: record its action to know.';
    const { dueDate, basis, citation } = d;
    return { kind: 'continuation_of_benefits', level: input.appealLevel, dueDate, basis: basis + unknown, citation };
  }
  const c = continuationOfBenefits({ noticeDate, intendedEffectiveDate, action: input.action });
  if (!c.applies) return null;
  const { dueDate, basis, citation } = c.deadline;
  return { kind: 'continuation_of_benefits', level: input.appealLevel, dueDate, basis, citation };
}

/** The payers whose answer on a prior-authorization request has a federal clock (CMS-0057-F and before). */
const AUTHORIZATION_CLOCKS: Partial<Record<PlanType, PriorAuthorizationPayer>> = {
  medicare_advantage: 'medicare_advantage',
  medicaid_managed_care: 'medicaid_managed_care',
  aca_individual: 'marketplace_qhp',
};

/** When the payer owes its answer on a pending prior-authorization request; none where no federal clock applies. */
function authorizationDecision(input: DeadlineInputs): CaseDeadline | null {
  const payer = AUTHORIZATION_CLOCKS[input.planType];
  if (!input.authorizationRequest || !payer) return null;
  const d = computePriorAuthorizationDue({
    payer,
    requestedAt: input.authorizationRequest.requestedAt,
    expedited: input.authorizationRequest.expedited,
    partBDrug: input.requestType === 'part_b_drug',
    timeZone: input.timeZone,
  });
  return timed('authorization_decision', input.appealLevel, d, d.basis, d.citation);
}

/** The clocks counted in hours beside the level: a QIO fast-track request, an employer plan cutting a course. */
function hourDeadlines(input: DeadlineInputs): CaseDeadline[] {
  const out: CaseDeadline[] = [];
  const ft = input.fastTrack;
  if (ft && (input.planType === 'medicare_ab' || input.planType === 'medicare_advantage')) {
    const d = computeFastTrackDeadline({
      plan: input.planType,
      kind: ft.kind,
      noticeReceived: ft.noticeReceivedAt,
      serviceEnd: ft.serviceEnd,
      timeZone: input.timeZone,
    });
    out.push(timed('fast_track', input.appealLevel, d, d.basis, d.citation));
  }
  const cut = input.action === 'authorized_service_reduced' || input.action === 'authorized_service_terminated';
  if (cut && input.intendedEffectiveDate && ['erisa_group', 'aca_individual'].includes(input.planType)) {
    const w = computeConcurrentCareWatch({
      courseEnds: input.intendedEffectiveDate,
      timeZone: input.timeZone,
      reductionNoticeReceived: input.levelNotice.receivedDate ?? input.levelNotice.noticeDate,
    });
    const by = w.requestExtensionBy.words;
    const basis = `Ask the plan to extend the approved course ${by} to be answered within 24 hours; ${w.basis}`;
    out.push(timed('concurrent_care', input.appealLevel, w.requestExtensionBy, basis, w.citation));
  }
  return out;
}

/**
 * The levels someone must file at by a date, at this status: the current level while it can be
 * filed and, after an adverse decision, the next one, whose window already runs from the decision
 * notice before anyone reopens the case there. Not a level the previous reviewer forwards itself.
 */
function filingLevels(input: Pick<DeadlineInputs, 'status' | 'planType' | 'appealLevel'>): AppealLevel[] {
  const levels: AppealLevel[] = [];
  if (FILING_STATUSES.includes(input.status)) levels.push(input.appealLevel);
  const next = NEXT_LEVEL_STATUSES.includes(input.status) ? nextAppealLevel(input.planType, input.appealLevel) : null;
  if (next) levels.push(next);
  return levels.filter((level) => !isAutomaticLevel(input.planType, level));
}

/**
 * Where no rule gives the window (plan type `other`, or a contract dispute, with no window on the
 * payer's profile), the date from the payer's notice is the filing deadline itself: the one a person
 * entered as an override, else the one the notice prints (`denial.printedAppealDeadline`) for its level.
 */
function printedFilingDeadline(input: DeadlineInputs, level: AppealLevel): CaseDeadline | null {
  const entered = input.overrides.find((o) => o.kind === 'filing' && o.level === level && o.override);
  const printed = input.printed?.level === level ? input.printed.dueDate : undefined;
  const fromNotice = {
    kind: 'filing' as const,
    level,
    basis:
      'The date printed on the payer’s notice: no federal rule sets this plan’s window ' +
      'and its payer profile gives none',
    citation: 'The payer’s notice',
  };
  if (entered?.override) {
    const { computedDueDate: _none, ...override } = entered.override;
    return { ...fromNotice, dueDate: entered.dueDate, override };
  }
  return printed ? { ...fromNotice, dueDate: printed } : null;
}

/**
 * The level whose filing deadline nobody knows: one must be filed at, no rule computes its window
 * and no date from the payer's notice has been entered. The case says so until someone does.
 */
export function filingDeadlineMissing(
  input: Pick<DeadlineInputs, 'status' | 'planType' | 'appealLevel'>,
  deadlines: CaseDeadline[],
): AppealLevel | undefined {
  return filingLevels(input).find((level) => !deadlines.some((d) => d.kind === 'filing' && d.level === level));
}

export function computeCaseDeadlines(input: DeadlineInputs): CaseDeadline[] {
  const expedited = input.priority === 'expedited';
  const out: CaseDeadline[] = [];
  for (const level of filingLevels(input)) {
    const filing = filingDeadline(input, level) ?? printedFilingDeadline(input, level);
    if (filing) out.push(filing);
  }
  // Medicaid enrollees keep their benefits during the plan appeal only if they file by this date.
  if (
    FILING_STATUSES.includes(input.status) &&
    input.planType === 'medicaid_managed_care' &&
    input.appealLevel === 'plan_appeal'
  ) {
    const continuation = continuationDeadline(input);
    if (continuation) out.push(continuation);
  }
  if (FILING_STATUSES.includes(input.status)) out.push(...hourDeadlines(input));
  // The payer owes its answer on a pending authorization request whatever the appeal's state, until it is answered.
  const answerDue = isFinished(input.status) ? null : authorizationDecision(input);
  if (answerDue) out.push(answerDue);
  if (AWAITING_STATUSES.includes(input.status) && input.submittedAt) {
    const d = computeDecisionDue({
      plan: input.planType,
      level: input.appealLevel,
      submittedAt: input.submittedAt.toISOString(),
      timeZone: input.timeZone,
      extensionDays: input.decisionExtensionDays,
      expedited,
      decisionKind: input.requestType ?? undefined,
    });
    if (d)
      out.push({
        kind: 'decision',
        level: input.appealLevel,
        dueDate: d.dueDate,
        dueAt: d.dueAt ? new Date(d.dueAt) : undefined,
        basis: d.basis,
        citation: d.citation,
      });
  }
  return out.map((d) => comparePrinted(applyOverride(d, input.overrides), input.printed));
}

/**
 * A filing deadline the notice prints differently: until someone decides, the earlier date governs
 * (missing the real one loses the appeal; filing early loses nothing), both dates kept side by side.
 */
function comparePrinted(d: CaseDeadline, printed: DeadlineInputs['printed']): CaseDeadline {
  if (!printed || printed.decided || d.kind !== 'filing' || d.level !== printed.level || d.override) return d;
  if (printed.dueDate === d.dueDate) return d;
  const both = { dueDate: printed.dueDate, computedDueDate: d.dueDate };
  if (d.dueDate < printed.dueDate) return { ...d, printed: both };
  // The computed date's last business day is not the printed date's.
  const { lastBusinessDay: _computedsOwn, ...rest } = d;
  return { ...rest, dueDate: printed.dueDate, printed: both };
}

function applyOverride(computed: CaseDeadline, overrides: CaseDeadline[]): CaseDeadline {
  // A deadline that is the notice's date already (printedFilingDeadline) has nothing computed to replace.
  if (computed.override) return computed;
  const o = overrides.find((x) => x.kind === computed.kind && x.level === computed.level && x.override);
  if (!o?.override) return computed;
  return {
    ...computed,
    dueDate: o.dueDate,
    dueAt: undefined,
    override: { ...o.override, computedDueDate: computed.dueDate },
  };
}

const governsAppeal = (d: CaseDeadline) => d.kind !== 'continuation_of_benefits';

/** The earliest due date that governs the appeal itself, for sorting and the overdue filter. */
export function nextDueDate(deadlines: CaseDeadline[]): string | undefined {
  return deadlines
    .filter(governsAppeal)
    .map((d) => d.dueDate)
    .sort()[0];
}

/**
 * The sort key of the soonest deadline: its date and, on the clinic's clock, its hour — a
 * deadline at noon comes before one due that whole day ("T24:00"); far in the future when none.
 */
export function dueOrder(deadlines: CaseDeadline[]): string {
  return soonestKey(deadlines.filter(governsAppeal));
}

function soonestKey(deadlines: CaseDeadline[]): string {
  return deadlines.map((d) => `${d.dueDate}T${d.dueTime ?? '24:00'}`).sort()[0] ?? '9999-12-31';
}

/** A case's keys that its lists filter and sort by, so that each list is one index range (CONTEXT: reads). */
export interface ListKeys {
  statusGroup: 'open' | 'finished';
  nextDueDate: string | undefined;
  dueOrder: string;
  /** The soonest deadline of any kind (a continuation-of-benefits date too): the worklist's and reminders' key. */
  worklistDue: string;
}

/** The list keys of a case in `status` with these deadlines. */
export function listKeys(status: CaseStatus, deadlines: CaseDeadline[]): ListKeys {
  return {
    statusGroup: isFinished(status) ? 'finished' : 'open',
    nextDueDate: nextDueDate(deadlines),
    dueOrder: dueOrder(deadlines),
    worklistDue: soonestKey(deadlines),
  };
}
