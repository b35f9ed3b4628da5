/**
 * Cases from remittances: opening the case of a denied claim, or finding the one already open for
 * it, by its claim key (one equality on a unique index); and recording on its lines what a later
 * remittance pays. Each is one write of the case document, audited.
 */
import type { Types } from 'mongoose';
import { CaseModel } from './case.model.js';
import { CaseClaimKeyModel } from './case-claim.model.js';
import { nextReference } from './case.service.js';
import type { CaseClaim, CaseRecord, ClaimLineRecord, ReasonCode } from './case.types.js';
import { searchTermsFor } from './case-view.js';
import { amountAtStakeCents, applyPayment, lineSettlement, settlementWords, type PaidLine } from './case-claim.js';
import { moveWhenSettled } from './case-lines.service.js';
import { refreshDeadlines, saveNextVersion, timelineEntry } from './case-store.js';
import type { DenialCategory, ResolutionRoute } from '../reason-codes/index.js';
import { appealLevels, type PlanType } from '../deadlines/index.js';
import { recordAudit } from '../audit/index.js';
import { matchPayerProfile, type PayerProfileRecord } from '../payers/index.js';
import { findPhysicianByNpi } from '../auth/index.js';
import type { Clock } from '../platform/clock.js';
import { isDuplicateKey, isStaleVersion, retryLostRace } from '../platform/db/versioned-write.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

/** A denied (or partly denied) claim as an import hands it over, ready to become a case. */
export interface ImportedClaim {
  claimKey: string;
  claim: CaseClaim;
  lines: ClaimLineRecord[];
  patient: { firstName: string; lastName: string; mrn?: string };
  payer: { name: string; planType: PlanType; memberId?: string };
  service: { description: string; cptCodes: string[]; dateOfService?: string };
  denial: { noticeDate: string; category: DenialCategory; reasonCodes: ReasonCode[]; payerReason: string };
  treatingClinician?: { name: string; npi?: string };
  /** What to do about it, and why in a few words (remittances' `claimDisposition`). */
  recommendation: { route: ResolutionRoute; reason: string };
}

/** What an import already knows about a claim, read once for many claims: it spares a read per claim. */
export interface ImportHints {
  /** The key was not stored when the import read its batch's keys (`casesOfClaimKeys`); a race is still caught. */
  keyAbsent?: boolean;
  /** The payer's profile as matched once for the remittance (`payerOfClaim`), null for none. */
  payerProfile?: PayerProfileRecord | null;
}

/** The payer an imported claim names, as `matchPayerProfile` takes it. */
export const payerOfClaim = (input: Pick<ImportedClaim, 'claim' | 'payer'>) => ({
  id: input.claim.payerId,
  name: input.payer.name,
});

/**
 * Which of these claim keys already have a case: one `$in` read on `_id` for a whole batch, where
 * a read per claim costs a scan each on FerretDB v1 (its SQLite plan scans even for `_id`).
 * @returns the case id of each key that has one
 */
export async function casesOfClaimKeys(claimKeys: string[]): Promise<Map<string, string>> {
  const found = await CaseClaimKeyModel.find({ _id: { $in: claimKeys } }).lean<
    { _id: string; caseId: Types.ObjectId }[]
  >();
  return new Map(found.map((k) => [k._id, String(k.caseId)]));
}

/** What became of an imported claim: a new case, or the one its key already had. */
export interface ImportedCaseOutcome {
  outcome: 'created' | 'matched';
  caseId: string;
  /** Absent when the case is being written by another import at this moment. */
  reference?: string;
}

interface Deps {
  clock: Clock;
}

const words = (route: string) => route.replaceAll('_', ' ');

// A key whose case is still missing after this was left by a crash between the two inserts.
const ABANDONED_KEY_MS = 60_000;

/** The key of `claimKey`: one `_id` read, pushed down on FerretDB too (case-claim.model.ts). */
const keyOf = (claimKey: string) =>
  CaseClaimKeyModel.findById(claimKey).lean<{ _id: string; caseId: Types.ObjectId; at?: Date }>();

/** The case holding `claimKey`, if any: its key, then the case by `_id`. */
async function caseOfClaim(claimKey: string) {
  const key = await keyOf(claimKey);
  return key ? CaseModel.findById(key.caseId).select('+searchTerms') : null;
}

/**
 * Opens the case of an imported claim, or answers the one its claim key already has (a second
 * import, or another import of the same claim at the same moment: the unique index decides, and the
 * loser is told `matched`, never an error).
 */
export async function openImportedCase(
  input: ImportedClaim,
  actor: AuthenticatedUser,
  { clock }: Deps,
  known: ImportHints = {},
): Promise<ImportedCaseOutcome> {
  const matched = async (): Promise<ImportedCaseOutcome | undefined> => {
    const key = await keyOf(input.claimKey);
    if (!key) return undefined;
    const found = await CaseModel.findById(key.caseId).select('reference').lean<Pick<CaseRecord, 'reference'>>();
    if (found) return { outcome: 'matched', caseId: String(key.caseId), reference: found.reference };
    // Its case is being written by another import right now, or was never written (a crash): then free the key.
    if (key.at && clock.now().getTime() - key.at.getTime() < ABANDONED_KEY_MS)
      return { outcome: 'matched', caseId: String(key.caseId) };
    await CaseClaimKeyModel.deleteOne({ _id: input.claimKey, caseId: key.caseId });
    return undefined;
  };
  const existing = known.keyAbsent ? undefined : await matched();
  if (existing) return existing;

  const now = clock.now();
  const { recommendation, ...fields } = input;
  const level = appealLevels(input.payer.planType)[0];
  // The clinic's profile of this payer gives a commercial plan its contract's appeal window, and
  // its name: the board counts one payer, not its profile's and its remittance's spellings apart.
  const profile = known.payerProfile !== undefined ? known.payerProfile : await matchPayerProfile(payerOfClaim(input));
  // The rendering provider's account, when the clinic has one with that NPI: the case is then hers to see.
  const npi = input.treatingClinician?.npi;
  const physician = npi ? await findPhysicianByNpi(npi) : null;
  const doc = new CaseModel({
    ...fields,
    payer: { ...input.payer, ...(profile ? { name: profile.name, profileId: profile._id } : {}) },
    claim: { ...input.claim, recommendation },
    reference: await nextReference(clock),
    service: {
      ...input.service,
      claimNumber: input.claim.payerClaimControlNumber,
      billedAmount: input.claim.chargeCents / 100,
      requestType: 'payment',
    },
    treatingClinician: physician
      ? { name: physician.name, npi, userId: physician.id }
      : (input.treatingClinician ?? {}),
    // The existing field is in dollars, as a hand-entered case's; the lines keep the cents.
    amountAtStake: amountAtStakeCents(input.lines) / 100,
    appealLevel: level,
    status: 'new',
    levelNotice: { noticeDate: input.denial.noticeDate },
    createdById: actor.id,
    timeline: [
      timelineEntry(actor, now, 'created', {
        toStatus: 'new',
        level,
        note: `Imported from a remittance. Recommended: ${words(recommendation.route)} (${recommendation.reason}).`,
        quote: { speaker: 'payer', text: input.denial.payerReason },
      }),
    ],
  });
  doc.set('searchTerms', searchTermsFor(doc));
  await refreshDeadlines(doc, clock, profile);
  // The key first: its `_id` decides between two imports of the same claim at once.
  try {
    await CaseClaimKeyModel.create({ _id: input.claimKey, caseId: doc._id, at: now });
  } catch (err) {
    const taken = isDuplicateKey(err) ? await matched() : undefined;
    if (taken) return taken;
    throw err;
  }
  try {
    await saveNextVersion(doc);
  } catch (err) {
    await CaseClaimKeyModel.deleteOne({ _id: input.claimKey, caseId: doc._id });
    throw err;
  }
  const caseId = String(doc._id);
  await recordAudit({ actor, action: 'case.import', entityType: 'case', entityId: caseId, caseId, at: now });
  return { outcome: 'created', caseId, reference: doc.reference };
}

/** What a later remittance did to the case of a claim. */
export interface ClaimPaymentOutcome {
  outcome: 'recovered' | 'no_change' | 'no_case';
  caseId?: string;
  recoveredCents: number;
}

/**
 * Records what a later remittance pays on the claim `claimKey` against its case's open lines under
 * appeal (`applyPayment`), with a timeline entry; a remittance that recovers nothing new (the same
 * one read again) changes nothing. Re-read and re-applied when another write got there first.
 * When it settles every line under appeal the entry says so, and a case paid in full while the payer
 * owes its decision then moves to overturned (`moveWhenSettled`, its own step).
 * @param remittance the remittance's trace number (a check or EFT number, not PHI)
 */
export async function recordClaimPayment(
  claimKey: string,
  paidLines: PaidLine[],
  remittance: string,
  actor: AuthenticatedUser,
  { clock }: Deps,
): Promise<ClaimPaymentOutcome> {
  const paid = await retryLostRace(async () => {
    const doc = await caseOfClaim(claimKey);
    if (!doc) return { outcome: 'no_case' as const, recoveredCents: 0 };
    const caseId = String(doc._id);
    const now = clock.now();
    const { lines, recoveredCents } = applyPayment(doc.toObject().lines ?? [], paidLines, remittance, now);
    if (recoveredCents <= 0) return { outcome: 'no_change' as const, caseId, recoveredCents: 0 };
    doc.set('lines', lines);
    const settlement = lineSettlement(lines);
    doc.timeline.push(
      timelineEntry(actor, now, 'remittance', {
        fields: ['lines'],
        note:
          `A remittance (${remittance}) paid $${(recoveredCents / 100).toFixed(2)} on lines under appeal.` +
          (settlement.settled ? ` ${settlementWords(settlement)}` : ''),
      }),
    );
    await saveNextVersion(doc);
    await recordAudit({
      actor,
      action: 'case.payment_recorded',
      entityType: 'case',
      entityId: caseId,
      caseId,
      fields: ['lines'],
      at: now,
    });
    return { outcome: 'recovered' as const, caseId, recoveredCents, lines, status: doc.status };
  }, isStaleVersion);
  if (paid.outcome !== 'recovered') return paid;
  const { lines, status, ...outcome } = paid;
  await moveWhenSettled(outcome.caseId, lines, status, actor, { clock });
  return outcome;
}

/**
 * Notes on the case of `claimKey` that the payer reversed an earlier payment on it (claim status 22):
 * the lines stay as they are, the people working the case see it on the timeline.
 * @returns the case's id, or undefined when no case holds the claim
 */
export function recordClaimReversal(
  claimKey: string,
  remittance: string,
  actor: AuthenticatedUser,
  { clock }: Deps,
): Promise<string | undefined> {
  return retryLostRace(async () => {
    const doc = await caseOfClaim(claimKey);
    if (!doc) return undefined;
    const now = clock.now();
    doc.timeline.push(
      timelineEntry(actor, now, 'remittance', {
        note: `A remittance (${remittance}) reversed the payer's earlier payment on this claim.`,
      }),
    );
    await saveNextVersion(doc);
    const caseId = String(doc._id);
    await recordAudit({
      actor,
      action: 'case.reversal_recorded',
      entityType: 'case',
      entityId: caseId,
      caseId,
      at: now,
    });
    return caseId;
  }, isStaleVersion);
}

/** The case holding an imported claim's key, read only (an import's dry run): its id, reference and lines. */
export async function findClaimCase(
  claimKey: string,
): Promise<{ caseId: string; reference: string; lines: ClaimLineRecord[] } | undefined> {
  const key = await keyOf(claimKey);
  if (!key) return undefined;
  const found = await CaseModel.findById(key.caseId)
    .select('reference lines')
    .lean<Pick<CaseRecord, 'reference' | 'lines'>>();
  return found ? { caseId: String(key.caseId), reference: found.reference, lines: found.lines ?? [] } : undefined;
}
