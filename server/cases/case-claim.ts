/**
 * Claims on cases, the pure part: the key an imported claim is matched by, the amount at stake of
 * its lines, and what a later payment does to each line under appeal. No I/O.
 */
import type { ClaimLineRecord, LineResolution } from './case.types.js';

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
  return [normalised(parts.payer), normalised(parts.payerClaimControlNumber), start, parts.serviceEnd ?? start].join(
    '|',
  );
}

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
