/**
 * Claims on cases, the pure part: the key an imported claim is matched by, the amount at stake of
 * its lines, and what a later payment does to each line under appeal. No I/O.
 */
import type { ClaimLineRecord, LineResolution } from './case.types.js';
import { awaitsDecision, type CaseStatus } from './case-status.js';

/** What makes a claim one claim across remittances: the payer, its claim number and the service dates. */
export interface ClaimKeyParts {
  /** The payer's id (N104 / REF*2U), or its name when the remittance gives no id. */
  payer: string;
  payerClaimControlNumber: string;
  serviceStart?: string;
  serviceEnd?: string;
}

const normalised = (text: string) => text.trim().toUpperCase().replace(/\s+/g, ' ');

/**
 * The claim key: `payer|claim number|start|end`, upper-cased and trimmed, one top-level field with a
 * unique index so that matching a claim is one indexed equality. Contains a claim number: PHI, never
 * shown or logged.
 */
export function claimKeyOf(parts: ClaimKeyParts): string {
  const start = parts.serviceStart ?? '';
  const rest = [normalised(parts.payerClaimControlNumber), start, parts.serviceEnd ?? start];
  return `${claimKeyPrefix(parts.payer)}${rest.join('|')}`;
}

/** What every claim key of one payer starts with (`claimKeyOf`): the payer's id or name, normalised, and `|`. */
export const claimKeyPrefix = (payer: string) => `${normalised(payer)}|`;

/** The amount at stake, in cents: what was denied on the lines under appeal. */
export function amountAtStakeCents(lines: Pick<ClaimLineRecord, 'deniedCents' | 'underAppeal'>[]): number {
  return lines.filter((l) => l.underAppeal).reduce((sum, l) => sum + l.deniedCents, 0);
}

/** A line of a later remittance for the same claim: what it pays now. */
export interface PaidLine {
  procedureCode?: string;
  serviceDate?: string;
  paidCents: number;
  /** What this remittance still denies on the line (its denial adjustments); contractual ones are not denials. */
  deniedCents: number;
}

const sameService = (line: ClaimLineRecord, paid: PaidLine) =>
  line.procedure?.code === paid.procedureCode &&
  (!paid.serviceDate || !line.serviceDate || line.serviceDate === paid.serviceDate);

/**
 * What a later remittance paying the claim does to each open line under appeal: paid more than
 * before with nothing denied any more (a contractual reduction is no denial) is overturned and paid;
 * paid more but still partly denied is partially paid; paid no more stays open. Lines already
 * resolved, or not under appeal, are left alone; the amount recovered is what is paid beyond before.
 * @returns the lines as they now are, and the cents recovered
 */
export function applyPayment(
  lines: ClaimLineRecord[],
  paidLines: PaidLine[],
  remittance: string,
  at: Date,
): { lines: ClaimLineRecord[]; recoveredCents: number } {
  const unused = [...paidLines];
  let recoveredCents = 0;
  const next = lines.map((line) => {
    if (!line.underAppeal || line.resolution.kind !== 'open') return line;
    const k = unused.findIndex((p) => sameService(line, p));
    if (k < 0) return line;
    const [paid] = unused.splice(k, 1);
    const recovered = paid.paidCents - line.paidCents;
    if (recovered <= 0) return line;
    recoveredCents += recovered;
    const resolution: LineResolution = {
      kind: paid.deniedCents > 0 ? 'partially_paid' : 'overturned_paid',
      amountCents: recovered,
      remittance,
      at,
    };
    return { ...line, resolution };
  });
  return { lines: next, recoveredCents };
}

/** How a person records that a line under appeal ended (the remittance's own payments come by `applyPayment`). */
export interface LineOutcome {
  kind: Exclude<LineResolution['kind'], 'open'>;
  /** Recovered (paid kinds) or moved to the patient, in cents. */
  amountCents?: number;
  remittance?: string;
  reason?: string;
  /** The approver's name (a write-off), as the service found it from their user id. */
  approvedBy?: string;
}

/** Why a line cannot take an outcome: a code, the field it concerns, and words a person can act on. */
export interface LineRefusal {
  status: 404 | 409 | 422;
  code: string;
  field?: string;
  message: string;
}

const dollars = (cents: number) =>
  `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * Whether line `number` (from 1) may take `outcome`: it exists, is under appeal, and no more is
 * recovered or moved to the patient than was denied on it. An outcome already recorded may be
 * replaced by another (a correction: `sameOutcome` says when nothing would change).
 * @returns null when it may
 */
export function lineOutcomeRefusal(
  lines: readonly ClaimLineRecord[],
  number: number,
  outcome: LineOutcome,
): LineRefusal | null {
  const line = lines[number - 1];
  if (!line) return { status: 404, code: 'LINE_NOT_FOUND', message: `The case has no line ${number}` };
  if (!line.underAppeal)
    return { status: 409, code: 'LINE_NOT_UNDER_APPEAL', message: `Line ${number} is not under appeal` };
  if ((outcome.amountCents ?? 0) > line.deniedCents)
    return {
      status: 422,
      code: 'AMOUNT_ABOVE_DENIED',
      field: 'body.amountCents',
      message:
        `The amount (${dollars(outcome.amountCents ?? 0)}) is more than was denied on line ${number} ` +
        `(${dollars(line.deniedCents)})`,
    };
  return null;
}

/**
 * Whether an outcome recorded again is the one the line already has (same kind, money, remittance,
 * reason and approver): a correction must change something.
 */
export function sameOutcome(was: LineResolution, now: LineOutcome): boolean {
  return (
    was.kind === now.kind &&
    was.amountCents === now.amountCents &&
    was.remittance === now.remittance &&
    was.reason === now.reason &&
    was.approvedBy === now.approvedBy
  );
}

/** What the lines under appeal came to: whether all are resolved, and the money recovered and written off. */
export interface LineSettlement {
  /** Lines under appeal, and how many of them are still open. */
  underAppeal: number;
  open: number;
  /** Every line under appeal is resolved (false when there is none). */
  settled: boolean;
  /** Every line under appeal was overturned and paid: the payer reversed its denial in full. */
  paidInFull: boolean;
  recoveredCents: number;
  writtenOffCents: number;
}

/** The lines under appeal as one account: resolved or not, and the money that came back or was written off. */
export function lineSettlement(lines: readonly ClaimLineRecord[]): LineSettlement {
  const appealed = lines.filter((l) => l.underAppeal);
  const open = appealed.filter((l) => l.resolution.kind === 'open').length;
  const paid = (l: ClaimLineRecord) =>
    l.resolution.kind === 'overturned_paid' || l.resolution.kind === 'partially_paid';
  return {
    underAppeal: appealed.length,
    open,
    settled: appealed.length > 0 && open === 0,
    paidInFull: appealed.length > 0 && appealed.every((l) => l.resolution.kind === 'overturned_paid'),
    recoveredCents: appealed.filter(paid).reduce((sum, l) => sum + (l.resolution.amountCents ?? 0), 0),
    writtenOffCents: appealed
      .filter((l) => l.resolution.kind === 'written_off')
      .reduce((sum, l) => sum + l.deniedCents, 0),
  };
}

/** "All lines resolved: $1,200.00 recovered, $640.50 written off." */
export function settlementWords(s: Pick<LineSettlement, 'recoveredCents' | 'writtenOffCents'>): string {
  return `All lines resolved: ${dollars(s.recoveredCents)} recovered, ${dollars(s.writtenOffCents)} written off.`;
}

/**
 * Where a case goes once its lines under appeal are settled. Only a payment in full of every line
 * while the payer owes its decision is the payer's decision (`overturned`, dated the day it is
 * recorded): the workflow's way there. Any other end (a partial payment, an upheld line, a
 * write-off, a case still being prepared) is not a decision the ladder can take: the case stays,
 * shows the settlement, and the people working it close or withdraw it.
 * @returns the status to move to, or null to stay
 */
export function settlementMove(status: CaseStatus, settlement: LineSettlement): 'overturned' | null {
  return settlement.settled && settlement.paidInFull && awaitsDecision(status) ? 'overturned' : null;
}
