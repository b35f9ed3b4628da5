/**
 * What the medical director asks for on a peer-to-peer call, and says when the reviewer upholds
 * the denial. Pure rules from the case's denial category, program, level and service: the ask and
 * a fallback ask (a smaller or time-limited approval gives the reviewer a way to say yes, as
 * patient advocates recommend), whether the patient's barriers record fits the denial at all, and
 * the next steps the appeal ladder (deadlines/) offers. Nothing clinical is made up here: the
 * fallback only divides the units the case asks for and names the measures the case holds.
 */
import type { DenialCategory } from '../cases/index.js';
import { findAppealRule, nextAppealLevel, type AppealLevel, type PlanType } from '../deadlines/index.js';

/** The case as the call plan reads it. */
export interface CallBrief {
  category: DenialCategory;
  plan: PlanType;
  level: AppealLevel;
  noticeDate: string;
  service: { description: string; units?: number; siteOfCare?: string };
  /** The clinician's ask in one line, when written. */
  request?: string;
  /** Names of the objective measures the case holds (a re-evaluation's test of progress). */
  measures: string[];
  /** The criterion the notice names (InterQual, MCG, an LCD…), when entered. */
  criteriaCited?: string;
  /** The written appeal is already filed: the payer owes its decision on it. */
  appealFiled: boolean;
  /** Our physician's specialty, for the same-specialty reviewer request. */
  specialty?: string;
}

export interface CallPlan {
  ask: string;
  fallbackAsk: string;
  /** What to say, in order, if the reviewer upholds the denial. */
  ifUpheld: string[];
}

/**
 * Whether the patient's attendance and barriers record, and the alternatives offered to the
 * patient, bear on a denial of this category: they answer a clinical denial ("missed visits", "a
 * home program is enough"), not a coding correction or a late claim.
 */
export function barriersFit(category: DenialCategory): boolean {
  return category !== 'coding' && category !== 'timely_filing';
}

/** The asks of the categories that are not about the patient's care. */
const ADMINISTRATIVE_ASKS: Partial<Record<DenialCategory, { ask: string; fallback: string }>> = {
  coding: {
    ask: 'Reprocess the claim with the codes billed, as the documentation supports them.',
    fallback:
      'If a code is not accepted, ask which code the reviewer finds documented and have the claim reprocessed with it.',
  },
  timely_filing: {
    ask: 'Accept the claim as timely filed and process it for payment.',
    fallback: 'Ask for the plan’s timely-filing exception on the proof of the first accepted submission.',
  },
  benefit_exclusion: {
    ask: '',
    fallback: 'Ask for an exception to the exclusion on medical necessity, and for the exact plan language relied on.',
  },
};

const unitWord = (description: string) => (/\bvisits?\b/i.test(description) ? 'visits' : 'units');

/** The ask and its fallback, from what the case holds. */
function asks(brief: CallBrief): { ask: string; fallbackAsk: string } {
  const { service } = brief;
  const rule = ADMINISTRATIVE_ASKS[brief.category];
  const word = unitWord(service.description);
  // "8 more visits" already says how many.
  const asked =
    service.units && !service.description.includes(String(service.units)) ? ` (${service.units} ${word})` : '';
  const ask = brief.request?.trim() || rule?.ask || `Approve ${service.description}${asked} as requested.`;
  if (rule?.fallback) return { ask, fallbackAsk: rule.fallback };
  const reevaluation = brief.measures.length
    ? `a re-evaluation of ${brief.measures.join(', ')} before the rest`
    : 'a re-evaluation before the rest';
  const fallbackAsk =
    service.units && service.units > 1
      ? `${Math.ceil(service.units / 2)} of the ${service.units} ${word} now, with ${reevaluation}.`
      : `A time-limited approval with ${reevaluation.replace(' before the rest', '')} on an agreed date.`;
  return { ask, fallbackAsk };
}

/** Where the program gives the right to the criteria applied, and to what. */
const CRITERIA_RIGHT: Record<PlanType, string> = {
  medicare_advantage:
    'the plan must apply Traditional Medicare’s coverage criteria, and internal criteria only where those are ' +
    'not fully established and the criteria are public (42 CFR 422.101(b)(6))',
  medicare_ab: 'the LCD, NCD or manual section the contractor applied',
  medicare_part_d: 'the plan’s coverage criteria for the drug',
  medicaid_managed_care: 'the case file, with the criteria considered, free of charge (42 CFR 438.406(b)(5))',
  erisa_group: 'free of charge, with every document relied on (29 CFR 2560.503-1(h)(2)(iii))',
  aca_individual: 'free of charge, with every document relied on (29 CFR 2560.503-1(h)(2)(iii); 45 CFR 147.136(b))',
  other: 'the plan policy relied on',
};

/** Reopening a determination, where the program has one: Medicare's contractors and plans. */
const REOPENING: Partial<Record<PlanType, string>> = {
  medicare_ab:
    'Ask the contractor to reopen its determination (42 CFR 405.980): within a year for any reason, within ' +
    'four years for good cause such as new and material evidence.',
  medicare_advantage:
    'Ask the plan to reopen its determination (42 CFR 422.616, under 405.980’s rules), with the records ' +
    'discussed on the call.',
  medicare_part_d:
    'Ask the plan to reopen its determination (42 CFR 423.1980), with the records discussed on the call.',
};

const levelWords = (level: AppealLevel) => level.replace(/_/g, ' ');

/**
 * The next step on the appeal ladder: the written appeal already filed goes on; else the level to
 * file, asked for as expedited where the rule for it has an expedited process.
 */
function ladderStep(brief: CallBrief): string {
  if (brief.appealFiled)
    return (
      `The written ${levelWords(brief.level)} already filed goes on: the call does not decide it. ` +
      'Send what was discussed to the reviewer deciding it.'
    );
  let expedited: string | null = null;
  try {
    const rule = findAppealRule(brief.plan, brief.level, brief.noticeDate);
    const hours = rule.decision?.expedited && 'hours' in rule.decision.expedited ? rule.decision.expedited.hours : null;
    if (!rule.noExpedited && rule.decision?.expedited)
      expedited =
        `Ask for an expedited ${levelWords(brief.level)}${hours ? ` (decided within ${hours} hours)` : ''} if ` +
        'waiting could seriously ' +
        `jeopardize the patient’s life, health or ability to regain maximum function (${rule.decision.citation}).`;
  } catch {
    // No rule for this notice date: the step is still to file, without the expedited variant.
  }
  const next = nextAppealLevel(brief.plan, brief.level);
  return [
    `File the written ${levelWords(brief.level)} by its deadline whatever the call brings.`,
    expedited,
    next ? `If it is upheld too, the ${levelWords(next)} follows.` : null,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The ask, the fallback ask, and what to say if the reviewer upholds the denial. */
export function planCall(brief: CallBrief): CallPlan {
  const named = brief.criteriaCited?.trim();
  const ifUpheld = [
    `Ask for the criteria applied, by name and section${named ? ` (the notice names ${named})` : ''}: ` +
      `${CRITERIA_RIGHT[brief.plan]}.`,
    `Ask for the reviewer’s name and specialty${brief.specialty ? ` (ours: ${brief.specialty})` : ''}, and what ` +
      'documentation would meet the criteria.',
    REOPENING[brief.plan] ?? null,
    ladderStep(brief),
  ].filter((line): line is string => Boolean(line));
  return { ...asks(brief), ifUpheld };
}
