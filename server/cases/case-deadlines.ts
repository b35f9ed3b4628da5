/**
 * Which deadlines govern a case right now, derived from its inputs. Pure; the service calls it
 * on every change so that stored deadlines can never disagree with the case they describe.
 */
import {
  computeFilingDeadline,
  computeDecisionDue,
  computeContinuationOfBenefitsDeadline,
  DeadlineRuleError,
  isAutomaticLevel,
  nextAppealLevel,
  type PlanType,
  type AppealLevel,
  type PayerWindowOverride,
  type DecisionKind,
} from '../deadlines/index.js';
import { FILING_STATUSES, AWAITING_STATUSES, NEXT_LEVEL_STATUSES, type CaseStatus } from './case-status.js';

import type { StoredDeadline } from './case.types.js';

export type CaseDeadline = StoredDeadline;

export interface DeadlineInputs {
  status: CaseStatus;
  planType: PlanType;
  appealLevel: AppealLevel;
  priority: 'standard' | 'expedited';
  requestType?: DecisionKind | null;
  /** The notice that opened the current level. */
  levelNotice: { noticeDate: string; receivedDate?: string | null };
  /** Medicaid: when the plan's action takes effect, from the notice. */
  intendedEffectiveDate?: string | null;
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
}

/**
 * The deadline to file `level`, counted from the notice that opened it; none for a level the previous
 * reviewer forwards itself.
 */
function filingDeadline(input: DeadlineInputs, level: AppealLevel): CaseDeadline | null {
  if (isAutomaticLevel(input.planType, level)) return null;
  const usePayerWindow =
    input.planType === 'other' ||
    (input.payer?.appealWindow &&
      ['erisa_group', 'aca_individual'].includes(input.planType) &&
      level === 'internal_appeal');
  try {
    const d = computeFilingDeadline({
      plan: input.planType,
      level,
      noticeDate: input.levelNotice.noticeDate,
      receivedDate: input.levelNotice.receivedDate ?? undefined,
      expedited: input.priority === 'expedited',
      payerWindow: usePayerWindow ? (input.payer?.appealWindow ?? undefined) : undefined,
      stateFairHearingDays: input.payer?.stateFairHearingDays ?? undefined,
      externalReviewMonths: input.payer?.externalReviewMonths ?? undefined,
    });
    return {
      kind: 'filing',
      level,
      dueDate: d.dueDate,
      dueAt: d.dueAt ? new Date(d.dueAt) : undefined,
      basis: d.basis,
      citation: d.citation,
    };
  } catch (err) {
    // Plan type `other` without a configured payer window has no computable deadline; the
    // board shows such cases as "no deadline set" rather than inventing one.
    if (!(err instanceof DeadlineRuleError && err.code === 'NO_PAYER_WINDOW')) throw err;
    return null;
  }
}

export function computeCaseDeadlines(input: DeadlineInputs): CaseDeadline[] {
  const expedited = input.priority === 'expedited';
  const out: CaseDeadline[] = [];
  if (FILING_STATUSES.includes(input.status)) {
    const filing = filingDeadline(input, input.appealLevel);
    if (filing) out.push(filing);
  }
  // After an adverse decision the next level's window is already running from the decision
  // notice, before anyone reopens the case at that level.
  const nextLevel = NEXT_LEVEL_STATUSES.includes(input.status)
    ? nextAppealLevel(input.planType, input.appealLevel)
    : null;
  if (nextLevel) {
    const filing = filingDeadline(input, nextLevel);
    if (filing) out.push(filing);
  }
  // Medicaid enrollees keep their benefits during the plan appeal only if they file by this date.
  if (
    FILING_STATUSES.includes(input.status) &&
    input.planType === 'medicaid_managed_care' &&
    input.appealLevel === 'plan_appeal'
  ) {
    const d = computeContinuationOfBenefitsDeadline({
      noticeDate: input.levelNotice.noticeDate,
      intendedEffectiveDate: input.intendedEffectiveDate ?? undefined,
    });
    out.push({
      kind: 'continuation_of_benefits',
      level: input.appealLevel,
      dueDate: d.dueDate,
      basis: d.basis,
      citation: d.citation,
    });
  }
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
  return out.map((d) => applyOverride(d, input.overrides));
}

function applyOverride(computed: CaseDeadline, overrides: CaseDeadline[]): CaseDeadline {
  const o = overrides.find((x) => x.kind === computed.kind && x.level === computed.level && x.override);
  if (!o?.override) return computed;
  return {
    ...computed,
    dueDate: o.dueDate,
    dueAt: undefined,
    override: { ...o.override, computedDueDate: computed.dueDate },
  };
}

/** The earliest due date that governs the appeal itself, for sorting and the overdue filter. */
export function nextDueDate(deadlines: CaseDeadline[]): string | undefined {
  return deadlines
    .filter((d) => d.kind !== 'continuation_of_benefits')
    .map((d) => d.dueDate)
    .sort()[0];
}
