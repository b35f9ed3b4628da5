/**
 * The claim loop of an import, the same for every format and for a dry run: each claim of the
 * remittance goes through `claimDisposition` and then to a `CaseDesk`, which either writes cases
 * (an import) or only looks them up (a dry run). Counts, claims skipped and, in a dry run, what
 * would become of each claim are gathered here; nothing from the file but codes and amounts.
 */
import mongoose from 'mongoose';
import {
  applyPayment,
  casesOfClaimKeys,
  findClaimCase,
  openImportedCase,
  payerOfClaim,
  recordClaimPayment,
  recordClaimReversal,
  type ImportedClaim,
  type PaidLine,
} from '../cases/index.js';
import { matchPayerProfile, type PayerProfileRecord } from '../payers/index.js';
import {
  claimDisposition,
  readRemittance,
  type ClaimRecord,
  type Recommendation,
  type RemittanceFormat,
} from '../remittances/index.js';
import type { Clock } from '../platform/clock.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import { importedClaimOf, keyOfClaim, paidLinesOf } from './import-claims.js';
import type { ImportCounts, SkippedClaim } from './import.model.js';

/** What became (or, in a dry run, would become) of one claim: by its position, never a value from the file. */
export interface ClaimOutcome {
  /** Segment of its CLP (835), row (CSV) or resource index (FHIR). */
  position: number;
  outcome: 'case_created' | 'case_matched' | 'payment_recorded' | 'reversal_recorded';
  caseId?: string;
  reference?: string;
  /** Denied on the claim's lines (a new or matched case). */
  deniedCents?: number;
  recommendedRoute?: Recommendation['route'];
  /** What a payment recovers on the case's lines under appeal. */
  recoveredCents?: number;
}

/**
 * What the loop does with a claim's case: writes it (an import) or only looks it up (a dry run).
 * `payment` and `reversal` are asked only for a claim whose key has a case; `denial` is told when
 * the key had none as the batch was read.
 */
interface CaseDesk {
  denial(
    claim: ImportedClaim,
    keyAbsent: boolean,
  ): Promise<{ outcome: 'created' | 'matched'; caseId?: string; reference?: string }>;
  payment(
    claimKey: string,
    lines: PaidLine[],
    trace: string,
  ): Promise<{ caseId: string; recoveredCents: number } | undefined>;
  reversal(claimKey: string, trace: string): Promise<{ caseId: string } | undefined>;
}

/** The desk of an import: every case written, in the actor's name, audited by the cases domain. */
function writingDesk(actor: AuthenticatedUser, clock: Clock): CaseDesk {
  const deps = { clock };
  // A remittance has one payer, a file a few: its profile is read once, not twice a case.
  const profiles = new Map<string, Promise<PayerProfileRecord | null>>();
  const profileOf = (claim: ImportedClaim) => {
    const payer = payerOfClaim(claim);
    const key = `${payer.id ?? ''}|${payer.name}`;
    if (!profiles.has(key)) profiles.set(key, matchPayerProfile(payer));
    return profiles.get(key)!;
  };
  return {
    denial: async (claim, keyAbsent) =>
      openImportedCase(claim, actor, deps, { keyAbsent, payerProfile: await profileOf(claim) }),
    async payment(claimKey, lines, trace) {
      const paid = await recordClaimPayment(claimKey, lines, trace, actor, deps);
      return paid.outcome === 'recovered' ? { caseId: paid.caseId!, recoveredCents: paid.recoveredCents } : undefined;
    },
    async reversal(claimKey, trace) {
      const caseId = await recordClaimReversal(claimKey, trace, actor, deps);
      return caseId ? { caseId } : undefined;
    },
  };
}

/**
 * The desk of a dry run: one read by claim key per claim (as the import's own lookup), nothing
 * written. A claim key seen earlier in the same file counts as matched, as the import would find
 * the case it had just made; a payment is counted only against a case already stored.
 */
function lookingDesk(clock: Clock): CaseDesk {
  const opened = new Set<string>();
  return {
    async denial(claim, keyAbsent) {
      const found = keyAbsent ? undefined : await findClaimCase(claim.claimKey);
      if (found) return { outcome: 'matched', caseId: found.caseId, reference: found.reference };
      if (opened.has(claim.claimKey)) return { outcome: 'matched' };
      opened.add(claim.claimKey);
      return { outcome: 'created' };
    },
    async payment(claimKey, lines, trace) {
      const found = await findClaimCase(claimKey);
      if (!found) return undefined;
      const { recoveredCents } = applyPayment(found.lines, lines, trace, clock.now());
      return recoveredCents > 0 ? { caseId: found.caseId, recoveredCents } : undefined;
    },
    async reversal(claimKey) {
      const found = await findClaimCase(claimKey);
      return found ? { caseId: found.caseId } : undefined;
    },
  };
}

/** Where the loop stands, for a progress bar or the import record. */
export interface LoopProgress {
  claimsDone: number;
  claimsTotal: number;
  counts: ImportCounts;
  skipped: SkippedClaim[];
}

export interface ClaimLoopOptions {
  file: string;
  format: RemittanceFormat;
  /** Claims and claim problems in the file, from `checkRemittance`. */
  claimsTotal: number;
  actor: AuthenticatedUser;
  clock: Clock;
  /** The import the cases name (`claim.importId`); absent in a dry run. */
  importId?: string;
  dryRun: boolean;
  /** Called every `PROGRESS_EVERY` claims and at the end. */
  onProgress?: (progress: LoopProgress) => Promise<unknown> | void;
}

export interface ClaimLoopResult extends LoopProgress {
  /** In a dry run, what would become of each claim that touches a case. */
  outcomes?: ClaimOutcome[];
}

const PROGRESS_EVERY = 50;

/**
 * Claims whose keys are looked up at once: one `$in` read for 200 claims, where a read per claim
 * costs a scan of every stored key on FerretDB v1 (20 ms each among 2,500 keys; bench: imports).
 * Most claims of a remittance are paid with no case, and then need no read at all.
 */
const KEY_BATCH = 200;

/**
 * Reads the file without storing anything: the number of claims (read or not), or the refusal of a
 * file that cannot be imported whole. Streaming readers find a bad trailer or a truncation only at
 * the end, after yielding claims, so the import reads the file once with this before writing.
 * @throws AppError (422) when the file is refused whole
 */
export async function checkRemittance(file: string, format: RemittanceFormat): Promise<number> {
  let claims = 0;
  for await (const item of readRemittance(format, file)) if (item.kind !== 'remittance') claims++;
  return claims;
}

/** The remittance's date, for the denial's notice date: the payment date, else when it was produced. */
const noticeDateOf = (claim: ClaimRecord, today: string) =>
  claim.remittance.paymentDate ?? claim.remittance.productionDate ?? today;

/**
 * Takes each claim of a checked file into cases (or, with `dryRun`, says what that would do): a
 * denial opens its case or matches the one its claim key has; a processed claim records what it
 * recovers on an open case's lines; a reversal (22) is noted on its case. A claim the reader cannot
 * read, or that cannot be a case, is skipped with its position.
 */
export async function runClaimLoop(options: ClaimLoopOptions): Promise<ClaimLoopResult> {
  const { clock, actor, dryRun } = options;
  const desk = dryRun ? lookingDesk(clock) : writingDesk(actor, clock);
  const counts: ImportCounts = {
    claimsRead: 0,
    denialsFound: 0,
    casesCreated: 0,
    casesMatched: 0,
    paymentsMatched: 0,
    reversalsRecorded: 0,
  };
  const skipped: SkippedClaim[] = [];
  const outcomes: ClaimOutcome[] = [];
  const today = clock.today();
  // Claims the reader could not read; those read but refused a case are in claimsRead already.
  let unread = 0;
  const progress = (): LoopProgress => ({
    claimsDone: counts.claimsRead + unread,
    claimsTotal: options.claimsTotal,
    counts,
    skipped,
  });
  const note = (outcome: ClaimOutcome) => {
    if (dryRun) outcomes.push(outcome);
  };

  // Keys of claims that have a case: read for a batch at once, and added to as this import opens cases.
  const stored = new Set<string>();
  const take = async (claim: ClaimRecord) => {
    const position = claim.position;
    counts.claimsRead++;
    const disposition = claimDisposition(claim);
    const trace = claim.remittance.traceNumber ?? 'no trace number';
    const key = keyOfClaim(claim);
    if (disposition.kind === 'reversal') {
      const reversed = stored.has(key) ? await desk.reversal(key, trace) : undefined;
      if (reversed) {
        counts.reversalsRecorded++;
        note({ position, outcome: 'reversal_recorded', caseId: reversed.caseId });
      }
    } else {
      if (claim.status !== '4' && stored.has(key)) {
        const paid = await desk.payment(key, paidLinesOf(claim), trace);
        if (paid) {
          counts.paymentsMatched++;
          note({ position, outcome: 'payment_recorded', ...paid });
        }
      }
      if (disposition.kind === 'denied' || disposition.kind === 'partly_denied') {
        counts.denialsFound++;
        try {
          const input = importedClaimOf(claim, disposition, noticeDateOf(claim, today), options.importId);
          const made = await desk.denial(input, !stored.has(key));
          stored.add(key);
          if (made.outcome === 'created') counts.casesCreated++;
          else counts.casesMatched++;
          note({
            position,
            outcome: made.outcome === 'created' ? 'case_created' : 'case_matched',
            ...(made.caseId ? { caseId: made.caseId, reference: made.reference } : {}),
            deniedCents: disposition.deniedCents,
            recommendedRoute: disposition.recommendation.route,
          });
        } catch (err) {
          if (!(err instanceof mongoose.Error.ValidationError)) throw err;
          // Which fields, never their values (PHI).
          skipped.push({
            position,
            reason: `cannot open a case: ${Object.keys(err.errors).join(', ')} missing or invalid`,
          });
        }
      }
    }
    if (counts.claimsRead % PROGRESS_EVERY === 0) await options.onProgress?.(progress());
  };
  let batch: ClaimRecord[] = [];
  const flush = async () => {
    for (const [key] of await casesOfClaimKeys([...new Set(batch.map(keyOfClaim))])) stored.add(key);
    for (const claim of batch) await take(claim);
    batch = [];
  };

  for await (const item of readRemittance(options.format, options.file)) {
    if (item.kind === 'claim-problem') {
      unread++;
      skipped.push({ position: item.problem.position, element: item.problem.element, reason: item.problem.reason });
    } else if (item.kind === 'claim') {
      batch.push(item.claim);
      if (batch.length === KEY_BATCH) await flush();
    }
  }
  await flush();
  await options.onProgress?.(progress());
  return { ...progress(), ...(dryRun ? { outcomes } : {}) };
}
