/**
 * Which claims of a remittance become denial cases, under which category, and what to do about each
 * (CONTEXT.md: the import). Pure: the reason-code table is the only thing it reads.
 *
 * - A **denial adjustment** is a CAS whose CARC the table files under a denial category (CO-50,
 *   CO-197, PR-204…), or a code the table does not know (kept, never dropped: someone must look), in
 *   any group but CR. Contractual reductions (CO-45), the patient's share (PR-1/2/3) and other
 *   no-category codes are not denials.
 * - Status 4 is a denial; 1/2/3 (and 19/20/21, processed and forwarded) with denial adjustments on
 *   some lines is a partial denial; 22 is a reversal, recorded against the case it reverses; the
 *   rest (23 not ours, 25 predetermination, or nothing denied) make no case.
 */
import { findReasonCode, type DenialCategory, type ResolutionRoute } from '../reason-codes/index.js';
import type { Adjustment, ClaimLine, ClaimRecord, Cents } from './remittance.types.js';

/** A line as the disposition sees it: what is denied on it and by which adjustments. */
export interface LineDisposition {
  deniedCents: Cents;
  denials: Adjustment[];
}

/** What a claim's codes call for, and why in a few words (no value from the file but codes and amounts). */
export interface Recommendation {
  route: Exclude<ResolutionRoute, 'no_action'>;
  reason: string;
}

export type ClaimDisposition =
  | { kind: 'no_denial'; why: 'paid' | 'not_adjudicated' }
  | { kind: 'reversal' }
  | {
      kind: 'denied' | 'partly_denied';
      category: DenialCategory;
      recommendation: Recommendation;
      /** One per claim line, in order (`lines` of `claimDisposition`'s claim, or the claim itself when it has none). */
      lines: LineDisposition[];
      deniedCents: Cents;
      /** The denial adjustments, claim level first, largest amount first within each. */
      denials: Adjustment[];
    };

const PROCESSED = new Set(['1', '2', '3', '19', '20', '21']);

/** A CAS that denies money rather than reducing it by contract or sharing it with the patient. */
export function isDenialAdjustment(adjustment: Adjustment): boolean {
  if (adjustment.group === 'CR' || adjustment.amount <= 0) return false;
  const entry = findReasonCode(adjustment.reason);
  return !entry || entry.kind !== 'CARC' || entry.category !== null;
}

const sum = (adjustments: Adjustment[]) => adjustments.reduce((total, a) => total + a.amount, 0);

/** The lines' denials; a claim-level denial with no line denial falls on each line's unpaid, unadjusted rest. */
function lineDispositions(claim: ClaimRecord, claimDenials: Adjustment[]): LineDisposition[] {
  const lines: Pick<ClaimLine, 'charge' | 'paid' | 'adjustments'>[] = claim.lines.length ? claim.lines : [claim];
  const own = lines.map((l) => l.adjustments.filter(isDenialAdjustment));
  const spread = claimDenials.length > 0 && own.every((d) => d.length === 0);
  return lines.map((line, k) => {
    if (!spread) return { deniedCents: sum(own[k]), denials: own[k] };
    const rest = line.charge - line.paid - sum(line.adjustments);
    return { deniedCents: Math.max(0, rest), denials: rest > 0 ? claimDenials : [] };
  });
}

const codeOf = (a: Adjustment) => `${a.group}-${a.reason}`;

/** The route and its reason from the denial carrying the most money (the first, when amounts tie). */
function recommend(denials: Adjustment[]): { category: DenialCategory; recommendation: Recommendation } {
  const main = denials.reduce((best, a) => (a.amount > best.amount ? a : best), denials[0]);
  const entry = findReasonCode(main.reason);
  const said = entry ? `${codeOf(main)}: ${entry.description}` : `${codeOf(main)}: a code our table does not know`;
  const category = entry?.category ?? 'other';
  if (denials.every((a) => a.group === 'PR'))
    return {
      category,
      recommendation: { route: 'patient_responsibility', reason: `the payer assigns it to the patient (${said})` },
    };
  if (!entry || entry.route === 'no_action' || entry.route === 'patient_responsibility')
    return { category, recommendation: { route: 'write_off_review', reason: said } };
  return { category, recommendation: { route: entry.route, reason: said } };
}

/** A claim denied (status 4) with no denial code: what is unpaid on each line is denied, to appeal and ask why. */
function deniedWithoutCodes(claim: ClaimRecord): ClaimDisposition {
  const lines = (claim.lines.length ? claim.lines : [claim]).map((l) => ({
    deniedCents: Math.max(0, l.charge - l.paid - sum(l.adjustments)),
    denials: [],
  }));
  return {
    kind: 'denied',
    category: 'other',
    recommendation: { route: 'appeal', reason: 'denied with no reason code: ask the payer why' },
    lines,
    deniedCents: lines.reduce((total, l) => total + l.deniedCents, 0),
    denials: [],
  };
}

/** What becomes of one claim of a remittance: no case, a reversal to record, or a (partial) denial case. */
export function claimDisposition(claim: ClaimRecord): ClaimDisposition {
  if (claim.status === '22') return { kind: 'reversal' };
  if (claim.status !== '4' && !PROCESSED.has(claim.status)) return { kind: 'no_denial', why: 'not_adjudicated' };
  const claimDenials = claim.adjustments.filter(isDenialAdjustment);
  const lines = lineDispositions(claim, claimDenials);
  const lineDenials = lines.flatMap((l) => l.denials).filter((a) => !claimDenials.includes(a));
  const byAmount = (a: Adjustment, b: Adjustment) => b.amount - a.amount;
  const denials = [...[...claimDenials].sort(byAmount), ...lineDenials.sort(byAmount)];
  if (claim.status !== '4' && denials.length === 0) return { kind: 'no_denial', why: 'paid' };
  if (!denials.length) return deniedWithoutCodes(claim);
  const deniedCents = lines.reduce((total, l) => total + l.deniedCents, 0);
  const { category, recommendation } = recommend(denials);
  return {
    kind: claim.status === '4' ? 'denied' : 'partly_denied',
    category,
    recommendation,
    lines,
    deniedCents,
    denials,
  };
}
