/**
 * The case file's "Claim and lines" section: the claim a case came from, each service line with
 * its money in dollars, its adjustments and remark codes in the reason-code table's words
 * ("CO-50 Not medically necessary (appealable)"), how it ended, and a form per open line under
 * appeal to record that (only for the roles the API accepts). Once every line under appeal is
 * settled, the section says what came back and offers the one move that finishes the case.
 */
import {
  LINE_RESOLUTIONS,
  canTransition,
  isFinished,
  lineSettlement,
  settlementWords,
  type CaseView,
  type ClaimLineRecord,
  type LineResolutionKind,
} from '../cases/index.js';
import { describeReasonCodes, type ReasonCodeDescription } from '../reason-codes/index.js';
import { activeContacts, type Role } from '../auth/index.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { mayCall } from './api-permissions.js';
import { displayDate, money } from './web-labels.js';

/** How a line ended, in the clinic's words. */
export const RESOLUTION_WORDS: Record<LineResolutionKind, string> = {
  open: 'Open',
  overturned_paid: 'Overturned and paid',
  partially_paid: 'Partially paid',
  upheld: 'Upheld',
  written_off: 'Written off',
  rebilled: 'Corrected and rebilled',
  patient_responsibility: 'Moved to the patient’s responsibility',
};

/** CLP02, the claim's status on the remittance the denial came in. */
const CLAIM_STATUS_WORDS: Record<string, string> = {
  '1': 'processed as primary',
  '2': 'processed as secondary',
  '3': 'processed as tertiary',
  '4': 'denied',
  '19': 'processed as primary, forwarded',
  '20': 'processed as secondary, forwarded',
  '21': 'processed as tertiary, forwarded',
  '22': 'reversal of a previous payment',
  '23': 'not the payer’s claim, forwarded',
  '25': 'predetermination pricing only',
};

const dollars = (cents: number | undefined) => (cents === undefined ? '—' : money(cents / 100));

/** "CO-50 Not medically necessary (appealable)": group, code, the table's words, whether it is usually appealed. */
function codeText(prefix: string, d: ReasonCodeDescription): string {
  return `${prefix} ${d.description}${d.appealable ? ' (appealable)' : ''}`;
}

function resolutionText(line: ClaimLineRecord): string | undefined {
  const r = line.resolution;
  if (r.kind === 'open') return undefined;
  const parts = [RESOLUTION_WORDS[r.kind]];
  if (r.amountCents !== undefined) parts.push(dollars(r.amountCents));
  if (r.kind === 'written_off') parts.push(dollars(line.deniedCents));
  if (r.remittance) parts.push(`remittance ${r.remittance}`);
  if (r.approvedBy) parts.push(`approved by ${r.approvedBy}`);
  if (r.at) parts.push(displayDate(new Date(r.at).toISOString().slice(0, 10)));
  return parts.join(' · ');
}

/** The claim's own numbers and money, as label/value pairs; none for a case entered by hand. */
function claimFacts(claim: NonNullable<CaseView['claim']>) {
  const status = CLAIM_STATUS_WORDS[claim.status];
  const dates = [claim.serviceStart, claim.serviceEnd].filter((d, i, all): d is string => !!d && all.indexOf(d) === i);
  return [
    { term: 'Payer claim number', value: claim.payerClaimControlNumber },
    { term: 'Patient account number', value: claim.patientControlNumber },
    // The claim as the denying remittance gave it; what later remittances paid is on the lines.
    { term: 'Status when denied', value: status ? `${claim.status} (${status})` : claim.status },
    { term: 'Charged', value: dollars(claim.chargeCents) },
    { term: 'Paid when denied', value: dollars(claim.paidCents) },
    claim.patientResponsibilityCents !== undefined
      ? { term: 'Patient responsibility', value: dollars(claim.patientResponsibilityCents) }
      : undefined,
    dates.length ? { term: 'Service dates', value: dates.map(displayDate).join(' to ') } : undefined,
    claim.renderingProvider?.name
      ? {
          term: 'Rendering provider',
          value: [claim.renderingProvider.name, claim.renderingProvider.npi && `NPI ${claim.renderingProvider.npi}`]
            .filter(Boolean)
            .join(', '),
        }
      : undefined,
    claim.remittance ? { term: 'Denying remittance (trace number)', value: claim.remittance } : undefined,
    claim.recommendation
      ? {
          term: 'Recommended',
          value: `${claim.recommendation.route.replaceAll('_', ' ')} (${claim.recommendation.reason})`,
        }
      : undefined,
  ].filter((f): f is { term: string; value: string } => Boolean(f));
}

/** The finishing move offered once every line is settled: close, or withdraw an appeal no longer needed. */
function finishingMove(status: CaseView['status']) {
  if (isFinished(status)) return undefined;
  if (canTransition(status, 'closed')) return { to: 'closed', text: 'Close the case' };
  if (canTransition(status, 'withdrawn'))
    return { to: 'withdrawn', text: 'Withdraw the appeal: nothing is left to appeal' };
  return undefined;
}

/**
 * The section's view: undefined when the case has no lines and no claim.
 * @param role - the user's role: the outcome form only where the API would accept it
 */
export async function loadClaimLines(c: CaseView, role: Role, api: ApiRegistry) {
  const lines = c.lines ?? [];
  if (!lines.length && !c.claim) return undefined;
  const adjustmentCodes = lines.flatMap((l) => l.adjustments.map((a) => `${a.group}-${a.reason}`));
  const remarkCodes = lines.flatMap((l) => l.remarkCodes);
  const described = await describeReasonCodes([...adjustmentCodes, ...remarkCodes]);
  const meaning = new Map([...adjustmentCodes, ...remarkCodes].map((code, i) => [code, described[i]]));
  const mayResolve = mayCall(api, role, 'post', '/cases/:caseId/lines/:line/resolution');
  const settlement = lineSettlement(lines);
  return {
    facts: c.claim ? claimFacts(c.claim) : [],
    lines: lines.map((l, i) => ({
      number: i + 1,
      procedure: l.procedure ? [l.procedure.code, ...l.procedure.modifiers].join('-') : 'No procedure given',
      units: l.units,
      serviceDate: l.serviceDate,
      charge: dollars(l.chargeCents),
      allowed: dollars(l.allowedCents),
      paid: dollars(l.paidCents),
      denied: dollars(l.deniedCents),
      adjustments: l.adjustments.map((a) => ({
        text: codeText(`${a.group}-${a.reason}`, meaning.get(`${a.group}-${a.reason}`)!),
        amount: dollars(a.amountCents),
      })),
      remarks: l.remarkCodes.map((code) => codeText(code, meaning.get(code)!)),
      underAppeal: l.underAppeal,
      resolution: resolutionText(l),
      formOffered: mayResolve && l.underAppeal && l.resolution.kind === 'open',
      deniedDollars: (l.deniedCents / 100).toFixed(2),
    })),
    settlement: settlement.settled
      ? { words: settlementWords(settlement), move: finishingMove(c.status) }
      : settlement.underAppeal
        ? { words: `${settlement.open} of ${settlement.underAppeal} lines under appeal still open.` }
        : undefined,
    outcomeKinds: LINE_RESOLUTIONS.filter((k) => k !== 'open').map((value) => ({
      value,
      text: RESOLUTION_WORDS[value],
    })),
    approvers: mayResolve ? await writeOffApprovers() : [],
  };
}

/** Who may approve a write-off: the clinic's active billing users and administrators, by name. */
async function writeOffApprovers() {
  const [billing, admins] = await Promise.all([activeContacts([], 'billing'), activeContacts([], 'admin')]);
  return [...billing, ...admins].map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name));
}
export type ClaimLinesView = Awaited<ReturnType<typeof loadClaimLines>>;
