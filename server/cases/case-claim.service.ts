/**
 * Cases from remittances: opening the case of a denied claim, or finding the one already open for
 * it, by its claim key (one equality on a unique index); and recording on its lines what a later
 * remittance pays. Each is one write of the case document, audited.
 */
import mongoose, { type Types } from 'mongoose';
import { CaseModel } from './case.model.js';
import { CaseClaimKeyModel } from './case-claim.model.js';
import { nextReferences } from './case.service.js';
import type { CaseClaim, CaseRecord, ClaimLineRecord, ReasonCode, TreatingClinician } from './case.types.js';
import { searchTermsFor } from './case-view.js';
import {
  amountAtStakeCents,
  applyPayment,
  claimKeyPrefix,
  lineSettlement,
  settlementWords,
  type PaidLine,
} from './case-claim.js';
import { moveWhenSettled } from './case-lines.service.js';
import { deadlineFields, saveNextVersion, timelineEntry } from './case-store.js';
import { citesAdherence } from './adherence-words.js';
import type { DenialCategory, ResolutionRoute } from '../reason-codes/index.js';
import { appealLevels, type PlanType } from '../deadlines/index.js';
import { recordAudit, recordAudits } from '../audit/index.js';
import { matchPayerProfile, type PayerProfileRecord } from '../payers/index.js';
import { findPhysicianByNpi } from '../auth/index.js';
import type { Clock } from '../platform/clock.js';
import { isStaleVersion, retryLostRace } from '../platform/db/versioned-write.js';
import { errorFields } from '../platform/errors.js';
import { plainValidationError } from '../platform/db/plain-validation.js';
import { escapeRegex } from '../platform/escape-regex.js';
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

/** What an import already knows about its claims, read once for many: it spares a read per claim. */
export interface ImportHints {
  /** The keys were not stored when the import read its payer's keys (`claimKeysOfPayer`); a race is still caught. */
  keyAbsent?: boolean;
  /** The payer's profile of a claim, as matched once for the remittance (`payerOfClaim`), null for none. */
  payerProfileOf?: (input: ImportedClaim) => Promise<PayerProfileRecord | null>;
  /** The account with this NPI (`findPhysicianByNpi`), as read once for the import, null for none. */
  physicianOf?: (npi: string) => Promise<AuthenticatedUser | null>;
}

/** The payer an imported claim names, as `matchPayerProfile` takes it. */
export const payerOfClaim = (input: Pick<ImportedClaim, 'claim' | 'payer'>) => ({
  id: input.claim.payerId,
  name: input.payer.name,
});

/**
 * The claim keys of one payer's cases, read once for a whole import (`claimKeyPrefix`): on
 * FerretDB v1 every read but a lone `_id` equality fetches the whole collection, and even that one
 * scans in SQLite (its `_id` index is declared on another expression than the one it queries), so
 * the cost is one scan however many claims the file has, where a read per batch of claims was 51
 * scans for 10,000 claims (bench: imports). On MongoDB the anchored pattern walks the `_id` index.
 * The answer holds one short string per case of the payer.
 */
export async function claimKeysOfPayer(payer: string): Promise<Set<string>> {
  const found = await CaseClaimKeyModel.find({ _id: { $regex: `^${escapeRegex(claimKeyPrefix(payer))}` } })
    .select('_id')
    .lean<{ _id: string }[]>();
  return new Set(found.map((k) => k._id));
}

/** What became of an imported claim: a new case, or the one its key already had. */
export interface ImportedCaseOutcome {
  outcome: 'created' | 'matched';
  caseId: string;
  /** Absent when the case is being written by another import at this moment. */
  reference?: string;
}

/** An imported claim the case model refuses (e.g. no patient name): nothing is kept of it. */
export interface RefusedImportedCase {
  outcome: 'refused';
  error: mongoose.Error.ValidationError;
}

interface Deps {
  clock: Clock;
}

/** A new imported case as inserted: no date of birth, record number or clinician, which a remittance does not give. */
interface NewImportedCase extends Omit<CaseRecord, 'reference' | 'patient' | 'payer' | 'treatingClinician'> {
  patient: ImportedClaim['patient'] & { sex: 'unknown' };
  payer: ImportedClaim['payer'] & { profileId?: Types.ObjectId };
  treatingClinician?: TreatingClinician;
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
 * The case `claimKey` already has, answered as `matched`; also while another import is writing it.
 * A key whose case is still missing a minute after it was taken was left by a crash between the
 * key's insert and its case's: it is freed, and the claim opens its case again (undefined).
 */
async function matchedCase(claimKey: string, clock: Clock): Promise<ImportedCaseOutcome | undefined> {
  const key = await keyOf(claimKey);
  if (!key) return undefined;
  const found = await CaseModel.findById(key.caseId).select('reference').lean<Pick<CaseRecord, 'reference'>>();
  if (found) return { outcome: 'matched', caseId: String(key.caseId), reference: found.reference };
  if (key.at && clock.now().getTime() - key.at.getTime() < ABANDONED_KEY_MS)
    return { outcome: 'matched', caseId: String(key.caseId) };
  await CaseClaimKeyModel.deleteOne({ _id: claimKey, caseId: key.caseId });
  return undefined;
}

/**
 * The new case of an imported claim as the plain document to insert, every default of the case
 * model written out (test: an imported case is what the model would store), without its reference
 * and search terms (given by the batch, `withReference`). Plain, not a mongoose document: building,
 * validating and serialising a document a case was most of an import's processor time and garbage
 * (bench: imports).
 */
function newImportedCase(
  input: ImportedClaim,
  actor: AuthenticatedUser,
  now: Date,
  clock: Clock,
  profile: PayerProfileRecord | null,
  physician: AuthenticatedUser | null,
): NewImportedCase {
  const { recommendation, patient, payer, service, denial, treatingClinician, claim, lines, claimKey } = input;
  const level = appealLevels(payer.planType)[0];
  const npi = treatingClinician?.npi;
  const fields = {
    _id: new mongoose.Types.ObjectId(),
    patient: { ...patient, sex: 'unknown' as const },
    // The clinic's profile of this payer gives a commercial plan its contract's appeal window, and
    // its name: the board counts one payer, not its profile's and its remittance's spellings apart.
    payer: { ...payer, ...(profile ? { name: profile.name, profileId: profile._id } : {}) },
    service: {
      ...service,
      icd10Codes: [],
      claimNumber: claim.payerClaimControlNumber,
      billedAmount: claim.chargeCents / 100,
      requestType: 'payment' as const,
    },
    // The case model's pre-validate hook keeps this flag on every write; a plain insert sets it here.
    denial: { ...denial, adherenceCited: citesAdherence(denial.payerReason) },
    // The rendering provider's account, when the clinic has one with that NPI: the case is then hers to see.
    ...(physician
      ? { treatingClinician: { name: physician.name, ...(npi ? { npi } : {}), userId: physician.id } }
      : treatingClinician
        ? { treatingClinician }
        : {}),
    narrative: { alternativesTried: [], keyFacts: [] },
    priority: 'standard' as const,
    // The existing field is in dollars, as a hand-entered case's; the lines keep the cents.
    amountAtStake: amountAtStakeCents(lines) / 100,
    status: 'new' as const,
    appealLevel: level,
    levelNotice: { noticeDate: denial.noticeDate },
    levelHistory: [],
    claim: { ...claim, recommendation },
    lines,
    claimKey,
    timeline: [
      {
        _id: new mongoose.Types.ObjectId(),
        ...timelineEntry(actor, now, 'created', {
          toStatus: 'new',
          level,
          fields: [],
          note: `Imported from a remittance. Recommended: ${words(recommendation.route)} (${recommendation.reason}).`,
          quote: { speaker: 'payer', text: denial.payerReason },
          alternativesOffered: [],
        }),
      },
    ],
    createdById: actor.id,
    __v: 0,
    createdAt: now,
    updatedAt: now,
  };
  const { filingDeadlineMissing, nextDueDate, ...deadlines } = deadlineFields(fields, clock, profile);
  return {
    ...fields,
    ...deadlines,
    ...(nextDueDate ? { nextDueDate } : {}),
    ...(filingDeadlineMissing ? { filingDeadlineMissing } : {}),
  };
}

/** A new imported case with its reference, and the search terms that include it. */
function withReference(doc: NewImportedCase, reference: string): NewImportedCase & { reference: string } {
  const referenced = { ...doc, reference };
  return { ...referenced, searchTerms: searchTermsFor(referenced) };
}

/** Each distinct NPI's physician account, read once for the batch rather than once a case. */
async function physiciansOf(
  inputs: readonly ImportedClaim[],
  physicianOf: (npi: string) => Promise<AuthenticatedUser | null> = findPhysicianByNpi,
): Promise<Map<string, AuthenticatedUser | null>> {
  const npis = [...new Set(inputs.map((i) => i.treatingClinician?.npi).filter((n): n is string => Boolean(n)))];
  return new Map(await Promise.all(npis.map(async (npi) => [npi, await physicianOf(npi)] as const)));
}

/**
 * Inserts the claim keys in one unordered insert: each key's `_id` is taken by this import or was
 * taken first by another. @returns the positions of the keys taken by another
 */
async function insertClaimKeys(keys: { _id: string; caseId: Types.ObjectId; at: Date }[]): Promise<Set<number>> {
  try {
    // `lean`: the keys are plain already, nothing to cast or validate.
    await CaseClaimKeyModel.insertMany(keys, { ordered: false, lean: true });
    return new Set();
  } catch (err) {
    const { writeErrors } = errorFields(err);
    const failed = Array.isArray(writeErrors) ? writeErrors.map(errorFields) : [];
    if (!failed.length || failed.some((e) => e.code !== 11000)) throw err;
    return new Set(failed.map((e) => Number(e.index)));
  }
}

// Given after validation, to the valid cases only.
const GIVEN_LATER = new Set(['reference']);

/**
 * What the case model says of a new imported case: null when it would store it, else its refusal,
 * by the schema's own validators run on the plain document (platform/db/plain-validation.ts).
 */
const refusalOf = (doc: NewImportedCase) => plainValidationError(CaseModel.schema, doc, GIVEN_LATER);

/**
 * Opens the cases of a batch of imported claims in a few writes whatever its size: the claim keys
 * in one insert, the cases' references as one block, the cases in one insert and their audit
 * entries in another (bench: imports). A claim whose key another import took first (two imports
 * of the same claim at once: the unique `_id` decides) is answered `matched`, never an error; so
 * is, without `keyAbsent`, one whose key was already stored. A claim the case model refuses is
 * answered `refused` before anything is written for it.
 *
 * Nothing partial is kept: keys are inserted before their cases, and the key of a case that could
 * not be written is removed; a key a crash left without its case is freed by the next import of
 * its claim a minute later (`matchedCase`). Claims whose keys repeat within the batch must not be
 * sent together (the import sends the second after the first is written).
 * @returns per claim, in order: its case created or matched, or the model's refusal of it
 * @throws the first write error other than a lost key, after the cases written are audited
 */
export async function openImportedCases(
  inputs: readonly ImportedClaim[],
  actor: AuthenticatedUser,
  deps: Deps,
  known: ImportHints = {},
): Promise<(ImportedCaseOutcome | RefusedImportedCase)[]> {
  const { clock } = deps;
  const results: (ImportedCaseOutcome | RefusedImportedCase | undefined)[] = inputs.map(() => undefined);
  const fresh: number[] = [];
  for (const [i, input] of inputs.entries()) {
    const existing = known.keyAbsent ? undefined : await matchedCase(input.claimKey, clock);
    if (existing) results[i] = existing;
    else fresh.push(i);
  }
  if (!fresh.length) return results.map((r) => r!);
  const now = clock.now();
  const physicians = await physiciansOf(
    fresh.map((i) => inputs[i]),
    known.physicianOf,
  );
  const profileOf = known.payerProfileOf ?? ((input: ImportedClaim) => matchPayerProfile(payerOfClaim(input)));
  const built = await Promise.all(
    fresh.map(async (i) => {
      const npi = inputs[i].treatingClinician?.npi;
      const physician = npi ? (physicians.get(npi) ?? null) : null;
      const doc = newImportedCase(inputs[i], actor, now, clock, await profileOf(inputs[i]), physician);
      return { i, doc, refusal: refusalOf(doc) };
    }),
  );
  const valid: { i: number; doc: NewImportedCase }[] = [];
  for (const { i, doc, refusal } of built) {
    if (refusal) results[i] = { outcome: 'refused', error: refusal };
    else valid.push({ i, doc });
  }
  // The keys first: each `_id` decides between two imports of the same claim at once.
  const lost = await insertClaimKeys(
    valid.map(({ i, doc }) => ({ _id: inputs[i].claimKey, caseId: doc._id, at: now })),
  );
  for (const k of lost) {
    const input = inputs[valid[k].i];
    // A key freed between the insert and this read (abandoned by a crash) is taken again.
    results[valid[k].i] =
      (await matchedCase(input.claimKey, clock)) ??
      (await openImportedCases([input], actor, deps, { ...known, keyAbsent: false }))[0];
  }
  const failure = await insertImportedCases(
    valid.filter((_, k) => !lost.has(k)),
    inputs,
    results,
    actor,
    clock,
  );
  if (failure) throw failure;
  return results.map((r) => r!);
}

/**
 * Inserts the cases whose keys this import took, with their references reserved as one block, in
 * one unordered insert of the plain documents (the driver's: they are built and validated
 * already), and audits those written in one more; a failed case's key is removed.
 * @returns the insert's error, if any case failed (the caller throws it once all is tidy)
 */
async function insertImportedCases(
  won: { i: number; doc: NewImportedCase }[],
  inputs: readonly ImportedClaim[],
  results: (ImportedCaseOutcome | RefusedImportedCase | undefined)[],
  actor: AuthenticatedUser,
  clock: Clock,
): Promise<unknown> {
  if (!won.length) return undefined;
  const now = clock.now();
  const references = await nextReferences(clock, won.length);
  const docs = won.map(({ doc }, k) => withReference(doc, references[k]));
  let failure: unknown;
  const failed = new Set<number>();
  try {
    await CaseModel.collection.insertMany(docs, { ordered: false });
  } catch (err) {
    const { writeErrors } = errorFields(err);
    if (!Array.isArray(writeErrors)) throw err;
    for (const e of writeErrors) failed.add(Number(errorFields(e).index));
    failure = err;
  }
  won.forEach(({ i }, k) => {
    if (!failed.has(k)) results[i] = { outcome: 'created', caseId: String(docs[k]._id), reference: references[k] };
  });
  // Only keys naming this import's cases: a key is never taken from under another import.
  if (failed.size)
    await CaseClaimKeyModel.deleteMany({
      $or: [...failed].map((k) => ({ _id: inputs[won[k].i].claimKey, caseId: docs[k]._id })),
    });
  await recordAudits(
    docs
      .filter((_, k) => !failed.has(k))
      .map((doc) => {
        const caseId = String(doc._id);
        return { actor, action: 'case.import', entityType: 'case', entityId: caseId, caseId, at: now };
      }),
  );
  return failure;
}

/**
 * Opens the case of an imported claim, or answers the one its claim key already has (a second
 * import, or another import of the same claim at the same moment: the unique index decides, and the
 * loser is told `matched`, never an error): `openImportedCases` for one claim.
 * @throws mongoose's ValidationError when the case model refuses the claim
 */
export async function openImportedCase(
  input: ImportedClaim,
  actor: AuthenticatedUser,
  deps: Deps,
  known: ImportHints = {},
): Promise<ImportedCaseOutcome> {
  const [made] = await openImportedCases([input], actor, deps, known);
  if (made.outcome === 'refused') throw made.error;
  return made;
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
