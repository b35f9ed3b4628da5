/**
 * External review for state-regulated plans, by state: the window to file and the reviewer's time to
 * decide. Only states whose law was read are in the table; every other state gets the federal
 * minimum standards, and the basis says so. A small verified table beats a big guessed one.
 */
import type { RuleSource } from './wall-clock.js';

/** A window to file: months (the "no corresponding date" rule of calendar-date.ts) or days. */
export type ExternalReviewWindow = { months: number } | { days: number };

/** One timeframe of a state's (or the federal) external review process, with its source. */
export interface ExternalReviewTerm extends Omit<RuleSource, 'effectiveFrom'> {
  /** Null when the date the state's text took effect was not established (see `readIn`). */
  effectiveFrom: string | null;
}

/** A state's external review, or the federal default. */
export interface StateExternalReviewRule {
  /** USPS code ('NY'), or 'federal' for the federal minimum standards. */
  state: string;
  /** The patient's window, counted from receipt of the final adverse determination. */
  filing: ExternalReviewTerm & { window: ExternalReviewWindow };
  /** A provider's own window, where the state gives providers one. */
  providerFiling?: ExternalReviewTerm & { window: ExternalReviewWindow };
  /** Null when the state's decision time was not read: the federal default then applies. */
  decision: (ExternalReviewTerm & { days: number }) | null;
  expedited: (ExternalReviewTerm & { hours: number }) | null;
}

const FEDERAL_DECISION: ExternalReviewTerm & { days: number } = {
  days: 45,
  citation: '45 CFR 147.136(c)(2), (d)(2)',
  text: 'written notice of the final external review decision within 45 days after the reviewer receives the request',
  effectiveFrom: '2010-09-23',
  readIn: 'as already applied by appeal-rules.ts (external review rows); paragraph not re-read here',
};

const FEDERAL_EXPEDITED: ExternalReviewTerm & { hours: number } = {
  hours: 72,
  citation: '45 CFR 147.136(c)(2), (d)(3)',
  text: 'expedited external review decided as expeditiously as the condition requires, within 72 hours',
  effectiveFrom: '2010-09-23',
  readIn: 'as already applied by appeal-rules.ts (external review rows); paragraph not re-read here',
};

/** The federal minimum: the plan's (or state's) process must allow at least this much. */
export const FEDERAL_EXTERNAL_REVIEW: StateExternalReviewRule = Object.freeze({
  state: 'federal',
  filing: {
    window: { months: 4 },
    citation: '45 CFR 147.136(c)(2), (d)(2)(i)',
    text:
      'four months after receipt of a notice of an adverse benefit determination or final internal adverse ' +
      'benefit determination',
    effectiveFrom: '2010-09-23',
    readIn: 'as already applied by appeal-rules.ts (external review rows)',
  },
  decision: FEDERAL_DECISION,
  expedited: FEDERAL_EXPEDITED,
});

const NY_READ = 'N.Y. Ins. Law 4914(b) as published by getpocketlaw.com and lexace.ai; enactment date not read';
const CA_READ =
  '28 CCR 1300.74.30 (summary of the regulation, reg.summaries.guide) and the DMHC/CDI IMR guide ' +
  '(patientadvocates.io); statute text not read';

/** States whose external review law was read. Add a state only with its text. */
export const STATE_EXTERNAL_REVIEW_RULES: readonly StateExternalReviewRule[] = Object.freeze([
  {
    state: 'NY',
    filing: {
      window: { months: 4 },
      citation: 'N.Y. Ins. Law 4914(b)(1); N.Y. Pub. Health Law 4914(2)(a)',
      text:
        '"The insured shall have four months to initiate an external appeal after the insured receives ' +
        'notice ... of a final adverse determination"',
      effectiveFrom: null,
      readIn: NY_READ,
    },
    providerFiling: {
      window: { days: 60 },
      citation: 'N.Y. Ins. Law 4914(b)(1)',
      text: '"the insured\'s health care provider shall have sixty days to initiate an external appeal"',
      effectiveFrom: null,
      readIn: NY_READ,
    },
    decision: {
      days: 30,
      citation: 'N.Y. Ins. Law 4914(b)(2)',
      text:
        '"The external appeal agent shall make a determination with regard to the appeal within thirty days ' +
        'of the receipt of the request"',
      effectiveFrom: null,
      readIn: NY_READ,
    },
    expedited: null,
  },
  {
    state: 'CA',
    filing: {
      window: { months: 6 },
      citation: 'Cal. Health & Safety Code 1374.30; 28 CCR 1300.74.30; Cal. Ins. Code 10169',
      text:
        "independent medical review may be requested within six months of the plan's written response " +
        'to the grievance',
      effectiveFrom: null,
      readIn: CA_READ,
    },
    decision: null,
    expedited: null,
  },
]);

/** A state's external review timeframes, each with where it comes from. */
export interface StateExternalReview {
  state: string;
  /** True when the state is in the table; false when only the federal default applies. */
  inStateTable: boolean;
  filing: StateExternalReviewRule['filing'];
  providerFiling?: StateExternalReviewRule['providerFiling'];
  decision: ExternalReviewTerm & { days: number };
  expedited: ExternalReviewTerm & { hours: number };
  basis: string;
}

function windowWords(window: ExternalReviewWindow): string {
  return 'months' in window ? `${window.months} months` : `${window.days} days`;
}

/**
 * The external review timeframes for a state-regulated plan. A state missing from the table, or a
 * timeframe the table does not have for it, falls back to the federal minimum, and the basis says so.
 *
 * @param state - the USPS code of the state whose law governs the plan ('NY'); case does not matter
 */
export function stateExternalReview(state: string): StateExternalReview {
  const code = state.trim().toUpperCase();
  const row = STATE_EXTERNAL_REVIEW_RULES.find((r) => r.state === code);
  const decision = row?.decision ?? FEDERAL_DECISION;
  const expedited = row?.expedited ?? FEDERAL_EXPEDITED;
  const filing = row?.filing ?? FEDERAL_EXTERNAL_REVIEW.filing;
  const parts = [`file within ${windowWords(filing.window)} of receiving the final denial (${filing.citation})`];
  if (row?.providerFiling) {
    parts.push(
      `a provider appealing in its own right: ${windowWords(row.providerFiling.window)} ` +
        `(${row.providerFiling.citation})`,
    );
  }
  parts.push(`decision within ${decision.days} days (${decision.citation})`);
  parts.push(`expedited within ${expedited.hours} hours (${expedited.citation})`);
  const fallback: string[] = [];
  if (!row) fallback.push(`${code} is not in the state table: the federal minimum standards apply`);
  else {
    if (!row.decision) fallback.push(`${code}'s decision time was not verified: the federal 45 days is shown`);
    if (!row.expedited) fallback.push(`${code}'s expedited time was not verified: the federal 72 hours is shown`);
  }
  return {
    state: code,
    inStateTable: row !== undefined,
    filing,
    providerFiling: row?.providerFiling,
    decision,
    expedited,
    basis: [...fallback, parts.join('; ')].join('. '),
  };
}
