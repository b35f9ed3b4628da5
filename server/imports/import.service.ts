/**
 * Importing a remittance into cases: receiving the file (stored by content hash, one import per
 * file), and the job that reads it claim by claim into cases (CONTEXT.md).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { ImportModel, type ImportCounts, type ImportRecord, type SkippedClaim } from './import.model.js';
import {
  discardImportTemp,
  headOf,
  importFilePath,
  keepImportFile,
  writeImportTemp,
  type ReceivedImport,
} from './import-file-store.js';
import { checkRemittance, runClaimLoop, type ClaimOutcome, type LoopProgress } from './import-claim-loop.js';
import { detectRemittanceFormat, type RemittanceFormat } from '../remittances/index.js';
import { recordAudit } from '../audit/index.js';
import { notFound, unprocessable } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../config.js';
import { isDuplicateKey } from '../platform/db/versioned-write.js';
import { connectionUri } from '../platform/db/connect.js';
import { taskFile, workerPool } from '../platform/workers/worker-pool.js';
import type { ImportReadInput } from './import-read.task.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

export interface ImportDeps {
  /** The database settings default as in config.ts when absent. */
  config: Pick<Config, 'uploadDir'> & Partial<Pick<Config, 'dbAtomicUpdates' | 'dbSelectionTimeoutMs'>>;
  clock: Clock;
}

/** An import as the API shows it: no file name (none is kept), no value from the file. */
export function toImportView(record: ImportRecord) {
  const { _id, __v: _v, createdBy, ...rest } = record as ImportRecord & { __v?: number };
  return { id: String(_id), ...rest, createdById: createdBy.id };
}
export type ImportView = ReturnType<typeof toImportView>;

/**
 * Takes a received remittance (`writeImportTemp`: an upload, or a file the CLI was given): moves it
 * under its hash and queues its import. The same file again answers the import it already has
 * (`repeated: true`) and nothing new is queued. The temporary file is gone afterwards, whatever
 * the outcome.
 * @throws 422 REMITTANCE_FORMAT_UNKNOWN for a file that is neither an 835, FHIR, nor CSV
 */
export async function receiveImport(
  received: ReceivedImport,
  actor: AuthenticatedUser,
  queue: (importId: string) => Promise<void>,
  { config, clock }: ImportDeps,
): Promise<ImportView & { repeated: boolean }> {
  try {
    const format = await formatOf(received.path);
    const { sha256, size } = received;
    const existing = await ImportModel.findOne({ sha256 }).lean<ImportRecord>();
    if (existing) return { ...toImportView(existing), repeated: true };
    await keepImportFile(config.uploadDir, received);
    let created: ImportRecord;
    try {
      created = (
        await ImportModel.create({ sha256, size, format, createdBy: { ...actor } })
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
  } finally {
    await discardImportTemp(received.path);
  }
}

/**
 * Takes a remittance already on disk (the CLI), or made in the process (the demo data), as
 * `receiveImport` takes an upload: streamed under its hash, never read into memory whole.
 * @param source - the file's path, or a stream of its bytes
 */
export async function receiveImportFrom(
  source: string | Readable,
  actor: AuthenticatedUser,
  queue: (importId: string) => Promise<void>,
  deps: ImportDeps,
): Promise<ImportView & { repeated: boolean }> {
  const stream = typeof source === 'string' ? fs.createReadStream(source) : source;
  const received = await writeImportTemp(deps.config.uploadDir, stream);
  return receiveImport(received, actor, queue, deps);
}

/** The format of a file by its content. */
async function formatOf(file: string): Promise<RemittanceFormat> {
  const format = detectRemittanceFormat(await headOf(file));
  if (format === 'unknown')
    throw unprocessable(
      'REMITTANCE_FORMAT_UNKNOWN',
      'The file is not an X12 835, a FHIR ClaimResponse (or Bundle of them) or a CSV (read by its content)',
    );
  return format;
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
async function markImportFailed(importId: string, clock: Clock): Promise<void> {
  await ImportModel.updateOne(
    { _id: importId },
    {
      status: 'failed',
      problem: { code: 'IMPORT_FAILED', message: 'The import stopped on a fault; see the service log' },
      finishedAt: clock.now(),
    },
  );
}

/**
 * The heap of the worker reading an import (its old generation, MB). A claim is all the reader
 * holds of the file and a batch's cases all the loop holds, so a long import needs no more than a
 * short one; its garbage is collected within this limit. In the service's own heap, whose limit is
 * gigabytes, V8 let that garbage grow to four times the live heap before collecting it, so peak
 * memory grew with the file (bench: imports).
 */
const IMPORT_HEAP_MB = 64;
/** Imports read at once in this process (two uploads at the same moment race as the tests check). */
const IMPORT_THREADS = 2;
/** An import's reading that runs longer than the job's lock is taken to be lost (import-jobs.ts). */
export const IMPORT_TIME_LIMIT_MS = 30 * 60_000;
const READ_IMPORT = taskFile(import.meta.url, 'import-read');

/** `readIntoCases` in a worker thread (`import-read.task.ts`), its progress relayed to `onProgress`. */
async function readInWorker(
  importId: string,
  file: string,
  { config, clock }: ImportDeps,
  onProgress?: (progress: LoopProgress) => void,
): Promise<void> {
  const input: Omit<ImportReadInput, 'port'> = {
    importId,
    file,
    uri: connectionUri(),
    atomicUpdates: config.dbAtomicUpdates ?? 'auto',
    selectionTimeoutMs: config.dbSelectionTimeoutMs ?? 10_000,
    clock: { timeZone: clock.timeZone, offsetMs: clock.now().getTime() - Date.now() },
  };
  const outcome = await workerPool({ threads: IMPORT_THREADS, memoryMb: IMPORT_HEAP_MB }).run<void>(
    READ_IMPORT,
    input,
    {
      timeoutMs: IMPORT_TIME_LIMIT_MS,
      onMessage: (message) => onProgress?.(message as LoopProgress),
    },
  );
  if (!outcome.ok) throw new Error(`The import's reading was ended by its ${outcome.limit} limit`);
}

/**
 * The import job: reads the stored file once to check it (a refused file is marked `refused` with
 * its problem, and nothing is written), then claim by claim into cases (`runClaimLoop`), saving
 * progress as it goes; both in a worker thread with a heap of its own (`IMPORT_HEAP_MB`). Run again
 * (a restart), it makes nothing twice: cases are matched by key and a payment already recorded
 * recovers nothing new.
 * @param onProgress - told where the loop stands (the CLI's progress bar); the record is saved anyway
 * @returns the import as it ends
 */
export async function runImport(
  importId: string,
  { config, clock }: ImportDeps,
  onProgress?: (progress: LoopProgress) => void,
): Promise<ImportView> {
  const record = await ImportModel.findById(importId).lean<ImportRecord>();
  if (!record) throw notFound('Import', 'IMPORT_NOT_FOUND');
  if (record.status === 'done' || record.status === 'refused') return toImportView(record);
  const actor = record.createdBy as AuthenticatedUser;
  const file = importFilePath(config.uploadDir, record.sha256);
  await ImportModel.updateOne({ _id: importId }, { status: 'running', startedAt: clock.now() });
  // The stored file holds PHI: its reading is audited, in the uploader's name.
  await recordAudit({ actor, action: 'import.read', entityType: 'import', entityId: importId, at: clock.now() });
  try {
    await readInWorker(importId, file, { config, clock }, onProgress);
  } catch (err) {
    await markImportFailed(importId, clock);
    throw err;
  }
  return getImport(importId);
}

/** What a dry run reports: what the import of the file would do, with nothing stored. */
export interface DryRunReport {
  dryRun: true;
  format: RemittanceFormat;
  sha256: string;
  size: number;
  /** An import of these bytes already made (it would answer that import, `repeated`). */
  importedAs?: string;
  progress: { claimsDone: number; claimsTotal: number };
  counts: ImportCounts;
  skipped: SkippedClaim[];
  /** What would become of each claim that touches a case, by position. */
  outcomes: ClaimOutcome[];
}

/**
 * A dry run of the import of a file on disk: the same check and claim loop as `runImport`, with
 * read-only lookups by claim key. Nothing is stored — no import record, no file, no case, no audit
 * entry (nothing is read from a case but its reference and lines' money).
 * @throws AppError (422) when the file would be refused whole, as the import would refuse it
 */
export async function dryRunImport(
  file: string,
  { clock }: Pick<ImportDeps, 'clock'>,
  onProgress?: (progress: LoopProgress) => void,
): Promise<DryRunReport> {
  const format = await formatOf(file);
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  const sha256 = hash.digest('hex');
  const earlier = await ImportModel.findOne({ sha256 }).select('_id').lean<Pick<ImportRecord, '_id'>>();
  const claimsTotal = await checkRemittance(file, format);
  const result = await runClaimLoop({
    file,
    format,
    claimsTotal,
    actor: DRY_RUN_ACTOR,
    clock,
    dryRun: true,
    onProgress,
  });
  return {
    dryRun: true,
    format,
    sha256,
    size,
    ...(earlier ? { importedAs: String(earlier._id) } : {}),
    progress: { claimsDone: result.claimsDone, claimsTotal },
    counts: result.counts,
    skipped: result.skipped,
    outcomes: result.outcomes ?? [],
  };
}

// A dry run writes nothing, so nobody acts; the loop's signature wants an actor all the same.
const DRY_RUN_ACTOR: AuthenticatedUser = { id: 'system', name: 'Overturn import dry run', role: 'billing' };
