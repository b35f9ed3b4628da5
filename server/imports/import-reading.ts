/**
 * The reading of a stored remittance into cases, as the import job does it (in its worker thread,
 * `import-read.task.ts`): the check, then the claim loop saving its progress on the import record.
 */
import { ImportModel, type ImportRecord } from './import.model.js';
import { checkRemittance, runClaimLoop, type LoopProgress } from './import-claim-loop.js';
import { AppError } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

/**
 * The import record's progress is saved at most this often while the loop runs, and at its end: a
 * page polling it asks every few seconds, where a save per batch was 50 writes at 10,000 claims.
 */
const PROGRESS_SAVE_MS = 1_000;

/** The problem of a file refused whole, as the import record keeps it. */
function problemOf(err: AppError): NonNullable<ImportRecord['problem']> {
  const segment = typeof err.extra.segment === 'number' ? err.extra.segment : undefined;
  return {
    code: err.code,
    message: err.message,
    ...(segment !== undefined ? { segment } : {}),
    ...(err.fields.length ? { fields: err.fields } : {}),
  };
}

/**
 * The two readings of an import: the check (a refusal is recorded, and nothing is written), then
 * the claim loop saving its progress, and the import marked done.
 * @param onProgress - told where the loop stands after each batch; the record is saved anyway, at most once a second
 */
export async function readIntoCases(
  importId: string,
  record: ImportRecord,
  file: string,
  clock: Clock,
  onProgress?: (progress: LoopProgress) => void,
): Promise<void> {
  let claimsTotal: number;
  try {
    claimsTotal = await checkRemittance(file, record.format);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await ImportModel.updateOne(
      { _id: importId },
      { status: 'refused', problem: problemOf(err), finishedAt: clock.now() },
    );
    return;
  }
  const save = ({ counts, skipped, claimsDone }: LoopProgress, extra: object = {}) =>
    ImportModel.updateOne({ _id: importId }, { counts, skipped, progress: { claimsDone, claimsTotal }, ...extra });
  let savedAt = -Infinity;
  const result = await runClaimLoop({
    file,
    format: record.format,
    claimsTotal,
    actor: record.createdBy as AuthenticatedUser,
    clock,
    importId,
    dryRun: false,
    onProgress: async (progress) => {
      onProgress?.(progress);
      const now = clock.now().getTime();
      if (now - savedAt < PROGRESS_SAVE_MS) return;
      savedAt = now;
      await save(progress);
    },
  });
  await save(result, { status: 'done', finishedAt: clock.now() });
}
