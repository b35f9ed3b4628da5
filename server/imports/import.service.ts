/**
 * Importing a remittance into cases: receiving the file (stored by content hash, one import per
 * file), and the job that reads it claim by claim into cases (CONTEXT.md).
 */
import mongoose from 'mongoose';
import { ImportModel, type ImportRecord } from './import.model.js';
import { importFilePath, sha256Of, storeImportFile } from './import-file-store.js';
import { importedClaimOf, keyOfClaim, paidLinesOf } from './import-claims.js';
import { openImportedCase, recordClaimPayment, recordClaimReversal } from '../cases/index.js';
import {
  claimDisposition,
  detectRemittanceFormat,
  readX12Remittance,
  type ClaimRecord,
  type RemittanceItem,
} from '../remittances/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError, notFound, unprocessable } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../config.js';
import { isDuplicateKey } from '../platform/db/versioned-write.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

export interface ImportDeps {
  config: Pick<Config, 'uploadDir'>;
  clock: Clock;
}

/** An import as the API shows it: no file name (none is kept), no value from the file. */
export function toImportView(record: ImportRecord) {
  const { _id, __v: _v, createdBy, ...rest } = record as ImportRecord & { __v?: number };
  return { id: String(_id), ...rest, createdById: createdBy.id };
}
export type ImportView = ReturnType<typeof toImportView>;

/**
 * Takes an uploaded remittance: stores it under its hash and queues its import. The same file
 * again answers the import it already has (`repeated: true`), and nothing new is queued.
 * @throws 422 REMITTANCE_FORMAT_UNKNOWN for a file that is neither an 835 nor FHIR
 */
export async function receiveImport(
  bytes: Buffer,
  actor: AuthenticatedUser,
  queue: (importId: string) => Promise<void>,
  { config, clock }: ImportDeps,
): Promise<ImportView & { repeated: boolean }> {
  const format = detectRemittanceFormat(bytes.subarray(0, 4096));
  if (format !== '835')
    throw unprocessable('REMITTANCE_FORMAT_UNKNOWN', 'Only an X12 835 can be imported for now (read by its content)');
  const sha256 = sha256Of(bytes);
  const existing = await ImportModel.findOne({ sha256 }).lean<ImportRecord>();
  if (existing) return { ...toImportView(existing), repeated: true };
  await storeImportFile(config.uploadDir, bytes, sha256);
  let created: ImportRecord;
  try {
    created = (
      await ImportModel.create({ sha256, size: bytes.length, format, createdBy: { ...actor } })
    ).toObject() as ImportRecord;
  } catch (err) {
    // The same file uploaded twice at the same moment: the unique hash keeps one import.
    const twin = isDuplicateKey(err) ? await ImportModel.findOne({ sha256 }).lean<ImportRecord>() : null;
    if (twin) return { ...toImportView(twin), repeated: true };
    throw err;
  }
  await recordAudit({
    actor,
    action: 'import.create',
    entityType: 'import',
    entityId: String(created._id),
    at: clock.now(),
  });
  await queue(String(created._id));
  return { ...toImportView(created), repeated: false };
}

/** One import, for billing and admin. */
export async function getImport(importId: string): Promise<ImportView> {
  const found = mongoose.isValidObjectId(importId) ? await ImportModel.findById(importId).lean<ImportRecord>() : null;
  if (!found) throw notFound('Import', 'IMPORT_NOT_FOUND');
  return toImportView(found);
}

/** Past imports, newest first (index `createdAt_-1__id_-1`). */
export async function listImports(limit: number): Promise<{ imports: ImportView[] }> {
  const found = await ImportModel.find().sort({ createdAt: -1, _id: -1 }).limit(limit).lean<ImportRecord[]>();
  return { imports: found.map(toImportView) };
}

/** Marks an import failed (a fault, not the file's): the job's error, without any value from the file. */
export async function markImportFailed(importId: string, clock: Clock): Promise<void> {
  await ImportModel.updateOne(
    { _id: importId },
    {
      status: 'failed',
      problem: { code: 'IMPORT_FAILED', message: 'The import stopped on a fault; see the service log' },
      finishedAt: clock.now(),
    },
  );
}

/** Reads the whole file without storing anything: the claim count, or the envelope's refusal. */
async function validate(file: string): Promise<number> {
  let claims = 0;
  for await (const item of readX12Remittance(file)) if (item.kind !== 'remittance') claims++;
  return claims;
}

/** The remittance's date, for the denial's notice date: the payment date, else when it was produced. */
const noticeDateOf = (claim: ClaimRecord, today: string) =>
  claim.remittance.paymentDate ?? claim.remittance.productionDate ?? today;

const PROGRESS_EVERY = 50;

/**
 * The import job: reads the stored file once to check its envelope (a refused file is marked
 * `refused` with the segment, and nothing is written), then again claim by claim: a denial opens
 * its case or matches the one its claim key has, a paid claim records what it recovers on an open
 * case, a reversal is noted on its case. Run again (a restart), it makes nothing twice: cases are
 * matched by key and a payment already recorded recovers nothing new.
 */
export async function runImport(importId: string, { config, clock }: ImportDeps): Promise<void> {
  const record = await ImportModel.findById(importId).lean<ImportRecord>();
  if (!record || record.status === 'done' || record.status === 'refused') return;
  const actor = record.createdBy as AuthenticatedUser;
  const file = importFilePath(config.uploadDir, record.sha256);
  await ImportModel.updateOne({ _id: importId }, { status: 'running', startedAt: clock.now() });
  // The stored file holds PHI: its reading is audited, in the uploader's name.
  await recordAudit({ actor, action: 'import.read', entityType: 'import', entityId: importId, at: clock.now() });
  let total: number;
  try {
    total = await validate(file);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const segment = typeof err.extra.segment === 'number' ? err.extra.segment : undefined;
    await ImportModel.updateOne(
      { _id: importId },
      { status: 'refused', problem: { code: err.code, message: err.message, segment }, finishedAt: clock.now() },
    );
    return;
  }

  const counts = {
    claimsRead: 0,
    denialsFound: 0,
    casesCreated: 0,
    casesMatched: 0,
    paymentsMatched: 0,
    reversalsRecorded: 0,
  };
  const skipped: ImportRecord['skipped'] = [];
  const deps = { clock };
  const today = clock.today();
  const save = (extra: object = {}) =>
    ImportModel.updateOne(
      { _id: importId },
      { counts, skipped, progress: { claimsDone: counts.claimsRead + skipped.length, claimsTotal: total }, ...extra },
    );

  for await (const item of readX12Remittance(file) as AsyncIterable<RemittanceItem>) {
    if (item.kind === 'claim-problem') {
      skipped.push({ position: item.problem.position, element: item.problem.element, reason: item.problem.reason });
      continue;
    }
    if (item.kind !== 'claim') continue;
    const claim = item.claim;
    counts.claimsRead++;
    const disposition = claimDisposition(claim);
    const trace = claim.remittance.traceNumber ?? 'no trace number';
    if (disposition.kind === 'reversal') {
      if (await recordClaimReversal(keyOfClaim(claim), trace, actor, deps)) counts.reversalsRecorded++;
    } else {
      if (claim.status !== '4') {
        const paid = await recordClaimPayment(keyOfClaim(claim), paidLinesOf(claim), trace, actor, deps);
        if (paid.outcome === 'recovered') counts.paymentsMatched++;
      }
      if (disposition.kind === 'denied' || disposition.kind === 'partly_denied') {
        counts.denialsFound++;
        try {
          const made = await openImportedCase(
            importedClaimOf(claim, disposition, noticeDateOf(claim, today), importId),
            actor,
            deps,
          );
          if (made.outcome === 'created') counts.casesCreated++;
          else counts.casesMatched++;
        } catch (err) {
          if (!(err instanceof mongoose.Error.ValidationError)) throw err;
          // Which fields, never their values (PHI).
          skipped.push({
            position: claim.position,
            reason: `cannot open a case: ${Object.keys(err.errors).join(', ')} missing or invalid`,
          });
        }
      }
    }
    if (counts.claimsRead % PROGRESS_EVERY === 0) await save();
  }
  await save({ status: 'done', finishedAt: clock.now() });
}
