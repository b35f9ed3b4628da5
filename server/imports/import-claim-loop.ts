/**
 * The claim loop of an import, the same for every format and for a dry run: each claim of the
 * remittance goes through `claimDisposition` and then to a `CaseDesk`, which either writes cases
 * (an import) or only looks them up (a dry run). Counts, claims skipped and, in a dry run, what
 * would become of each claim are gathered here; nothing from the file but codes and amounts.
 */
import type mongoose from 'mongoose';
import {
  applyPayment,
  claimKeysOfPayer,
  findClaimCase,
  openImportedCases,
  payerOfClaim,
  recordClaimPayment,
  recordClaimReversal,
  type ImportedClaim,
  type PaidLine,
} from '../cases/index.js';
import { matchPayerProfile, type PayerProfileRecord } from '../payers/index.js';
import { findPhysicianByNpi } from '../auth/index.js';
import {
  claimDisposition,
  readRemittance,
  type ClaimRecord,
  type Recommendation,
  type RemittanceFormat,
} from '../remittances/index.js';
import type { Clock } from '../platform/clock.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import { importedClaimOf, keyOfClaim, keyPayerOf, paidLinesOf } from './import-claims.js';
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

/** What became of one denied claim's case: created or matched (with the case when known), or refused by the model. */
type DenialOutcome =
  | { outcome: 'created' | 'matched'; caseId?: string; reference?: string }
  | { outcome: 'refused'; error: mongoose.Error.ValidationError };

/**
 * What the loop does with a claim's case: writes it (an import) or only looks it up (a dry run).
 * `payment` and `reversal` are asked only for a claim whose key has a case; `denials` is told
 * whether the keys had none as the batch was read, and answers each claim in order.
 */
interface CaseDesk {
  denials(claims: ImportedClaim[], keysAbsent: boolean): Promise<DenialOutcome[]>;
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
  const payerProfileOf = (claim: ImportedClaim) => {
    const payer = payerOfClaim(claim);
    const key = `${payer.id ?? ''}|${payer.name}`;
    if (!profiles.has(key)) profiles.set(key, matchPayerProfile(payer));
    return profiles.get(key)!;
  };
  // The rendering providers' accounts likewise: one read per NPI for the import, not one per batch.
  const physicians = new Map<string, Promise<AuthenticatedUser | null>>();
  const physicianOf = (npi: string) => {
    if (!physicians.has(npi)) physicians.set(npi, findPhysicianByNpi(npi));
    return physicians.get(npi)!;
  };
  return {
    denials: (claims, keyAbsent) => openImportedCases(claims, actor, deps, { keyAbsent, payerProfileOf, physicianOf }),
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
  const denial = async (claim: ImportedClaim, keyAbsent: boolean): Promise<DenialOutcome> => {
    const found = keyAbsent ? undefined : await findClaimCase(claim.claimKey);
    if (found) return { outcome: 'matched', caseId: found.caseId, reference: found.reference };
    if (opened.has(claim.claimKey)) return { outcome: 'matched' };
    opened.add(claim.claimKey);
    return { outcome: 'created' };
  };
  return {
    async denials(claims, keysAbsent) {
      const outcomes: DenialOutcome[] = [];
      for (const claim of claims) outcomes.push(await denial(claim, keysAbsent));
      return outcomes;
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
  /** Called after each batch of `CLAIM_BATCH` claims, and at the end. */
  onProgress?: (progress: LoopProgress) => Promise<unknown> | void;
}

export interface ClaimLoopResult extends LoopProgress {
  /** In a dry run, what would become of each claim that touches a case. */
  outcomes?: ClaimOutcome[];
}

/**
 * Claims taken as one batch: their new cases written a few inserts at a time (`openImportedCases`),
 * where one case cost four writes (bench: imports). Most claims of a remittance are paid with no
 * case, and then need no write at all. A batch and the one write in flight are all the loop holds
 * of the file, with the claim keys of the payers' cases (`claimKeysOfPayer`, one read per payer), so
 * memory does not grow with the file.
 */
const CLAIM_BATCH = 200;
/**
 * New cases written in one go at most: a batch of a file of denials only would otherwise hold 200
 * cases at once, and the import's worker has a heap of its own, limited (import.service.ts). 99 a
 * call was no faster on FerretDB v1 (README: importing a remittance).
 */
const CASES_PER_WRITE = 50;

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

  /** A denied claim on its way to its case, with what its outcome is noted with. */
  interface Denial {
    input: ImportedClaim;
    position: number;
    deniedCents: number;
    route: Recommendation['route'];
  }
  const counted = (denial: Denial, made: DenialOutcome) => {
    if (made.outcome === 'refused') {
      // Which fields, never their values (PHI).
      const fields = Object.keys(made.error.errors).join(', ');
      skipped.push({ position: denial.position, reason: `cannot open a case: ${fields} missing or invalid` });
      return;
    }
    stored.add(denial.input.claimKey);
    if (made.outcome === 'created') counts.casesCreated++;
    else counts.casesMatched++;
    note({
      position: denial.position,
      outcome: made.outcome === 'created' ? 'case_created' : 'case_matched',
      ...(made.caseId ? { caseId: made.caseId, reference: made.reference } : {}),
      deniedCents: denial.deniedCents,
      recommendedRoute: denial.route,
    });
  };

  // Claim keys that have a case: each payer's read once, when its first claim comes (one scan on
  // FerretDB v1, where a read per batch was one scan each), added to as cases are opened. Another
  // import's case opened after that read is found by its key's unique `_id` when a denial of the
  // same claim is written; a payment of it in this file is not recorded (as before, when the other
  // import wrote it after this batch's read).
  const stored = new Set<string>();
  const payersRead = new Set<string>();
  // Denials whose keys had no case when the batch was read: opened together (`openPending`), one
  // write in flight while the loop reads on, so the database's time and the reading's overlap.
  let pending: Denial[] = [];
  // Keys of the denials pending or being written: a claim with one waits for its case (`settle`).
  const waitingKeys = new Set<string>();
  let writing: Promise<void> = Promise.resolve();
  const openPending = async () => {
    // One write at a time: it holds CASES_PER_WRITE cases, and the loop's heap is limited.
    await writing;
    if (!pending.length) return;
    const denials = pending;
    pending = [];
    writing = desk
      .denials(
        denials.map((d) => d.input),
        true,
      )
      .then((made) => {
        denials.forEach((denial, k) => {
          counted(denial, made[k]);
          waitingKeys.delete(denial.input.claimKey);
        });
      });
    // Its failure is thrown where it is awaited next (the next write, or `settle`), not left unhandled.
    writing.catch(() => undefined);
  };
  const settle = async () => {
    await openPending();
    await writing;
  };

  const take = async (claim: ClaimRecord) => {
    const position = claim.position;
    counts.claimsRead++;
    const disposition = claimDisposition(claim);
    const trace = claim.remittance.traceNumber ?? 'no trace number';
    const key = keyOfClaim(claim);
    // A claim whose key waits for its case sees the case, as it would claim by claim.
    if (waitingKeys.has(key)) await settle();
    if (disposition.kind === 'reversal') {
      const reversed = stored.has(key) ? await desk.reversal(key, trace) : undefined;
      if (reversed) {
        counts.reversalsRecorded++;
        note({ position, outcome: 'reversal_recorded', caseId: reversed.caseId });
      }
      return;
    }
    if (claim.status !== '4' && stored.has(key)) {
      const paid = await desk.payment(key, paidLinesOf(claim), trace);
      if (paid) {
        counts.paymentsMatched++;
        note({ position, outcome: 'payment_recorded', ...paid });
      }
    }
    if (disposition.kind !== 'denied' && disposition.kind !== 'partly_denied') return;
    counts.denialsFound++;
    const denial: Denial = {
      input: importedClaimOf(claim, disposition, noticeDateOf(claim, today), options.importId),
      position,
      deniedCents: disposition.deniedCents,
      route: disposition.recommendation.route,
    };
    if (stored.has(key)) {
      counted(denial, (await desk.denials([denial.input], false))[0]);
    } else {
      pending.push(denial);
      waitingKeys.add(key);
      if (pending.length === CASES_PER_WRITE) await openPending();
    }
  };
  let batch: ClaimRecord[] = [];
  const flush = async () => {
    for (const payer of new Set(batch.map(keyPayerOf))) {
      if (payersRead.has(payer)) continue;
      payersRead.add(payer);
      for (const key of await claimKeysOfPayer(payer)) stored.add(key);
    }
    for (const claim of batch) await take(claim);
    // The batch's last cases start on their way; the progress told counts the cases written so far.
    await openPending();
    batch = [];
    await options.onProgress?.(progress());
  };

  try {
    for await (const item of readRemittance(options.format, options.file)) {
      if (item.kind === 'claim-problem') {
        unread++;
        skipped.push({ position: item.problem.position, element: item.problem.element, reason: item.problem.reason });
      } else if (item.kind === 'claim') {
        batch.push(item.claim);
        if (batch.length === CLAIM_BATCH) await flush();
      }
    }
    await flush();
    await settle();
  } finally {
    // A reading that fails leaves no write of its own running on after it.
    await writing.catch(() => undefined);
  }
  // Claims refused a case are noted as their write ends, after problems read later: in file order.
  skipped.sort((a, b) => a.position - b.position);
  outcomes.sort((a, b) => a.position - b.position);
  return { ...progress(), ...(dryRun ? { outcomes } : {}) };
}
