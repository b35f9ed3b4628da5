/**
 * Receiving a denial notice: its text by page (from evidence: text layer or OCR), its fields read
 * (notice-fields.ts), the file kept by content hash, the record written, the upload audited.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { readDocumentText } from '../evidence/index.js';
import { recordAudit } from '../audit/index.js';
import { notFound } from '../platform/errors.js';
import { toAppError } from '../platform/http/error-handler.js';
import { faultForLog, type Logger } from '../platform/logging.js';
import { afterTheResponse } from '../platform/request-context.js';
import { writeHashed } from '../platform/hashed-write.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../config.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import { DenialNoticeModel, type DenialNoticeRecord } from './denial-notice.model.js';
import type { AutomatedReview, NoticeFields, NoticePage } from './denial-notice.types.js';
import { readNoticeFields } from './notice-fields.js';
import { automatedReview } from './notice-signals.js';
import { newNoticeProgressKey, trackNoticeProgress, type NoticeProgress } from './notice-progress.service.js';

export interface NoticeDeps {
  config: Pick<Config, 'uploadDir' | 'workers' | 'textExtraction'>;
  clock: Clock;
}

/** What a notice's text says: its fields and whether its review was automated or criteria-based. */
export interface NoticeReading {
  fields: NoticeFields;
  automatedReview: AutomatedReview;
}

/** Reads a notice's fields from its pages (pure). */
export function readNotice(pages: readonly NoticePage[]): NoticeReading {
  return { fields: readNoticeFields(pages), automatedReview: automatedReview(pages) };
}

/**
 * A notice's text by page, as evidence reads any file: the PDF's text layer, OCR of a scan.
 * @param input - the file's path or bytes
 * @param declared - the type and name extension the client sent (a ".tif" that is a PDF is 415)
 * @param onProgress - told each page as OCR starts on it
 * @throws 415 for a file that is no PDF, PNG, JPEG, TIFF or text, or not what it was sent as; 422 for one
 *   damaged or encrypted
 */
export async function readNoticeText(
  input: string | Buffer,
  config: NoticeDeps['config'],
  declared: NoticeDeclaredType = {},
  onProgress?: (progress: NoticeProgress) => void,
) {
  const read = await readDocumentText(input, config, { declared, onProgress });
  const pages: NoticePage[] = read.pages.map(({ page, text, source, confidence, unsure }) => ({
    page,
    text,
    source,
    ...(confidence === undefined ? {} : { confidence }),
    ...(unsure === undefined ? {} : { unsure }),
  }));
  return { mediaType: read.mediaType, pageCount: read.pageCount, pages, textFlag: read.textFlag };
}

/** What the client said the file is: the part's Content-Type and its name's extension (never the name). */
export interface NoticeDeclaredType {
  mimetype?: string;
  extension?: string;
}

/** A notice as the API shows it: no file name (none is kept), nothing of who else read it. */
export function toNoticeView(record: DenialNoticeRecord) {
  return {
    id: String(record._id),
    sha256: record.sha256,
    size: record.size,
    mediaType: record.mediaType,
    pageCount: record.pageCount,
    // Where the OCR was unsure is in the fields' confidence already; beside the text it is noise.
    pages: record.pages.map(({ page, text, source, confidence }) => ({
      page,
      text,
      ...(source === undefined ? {} : { source }),
      ...(confidence === undefined || confidence === null ? {} : { confidence }),
    })),
    ...(record.textFlag ? { textFlag: record.textFlag } : {}),
    fields: record.fields,
    automatedReview: record.automatedReview,
    createdById: record.createdBy.id,
    createdAt: record.createdAt,
  };
}
export type NoticeView = ReturnType<typeof toNoticeView>;

/** `<uploadDir>/denial-notices/<sha256[0:2]>/<sha256>`: named by content, never by the client's file name. */
function noticeFilePath(uploadDir: string, sha256: string): string {
  return path.join(uploadDir, 'denial-notices', sha256.slice(0, 2), sha256);
}

/** Where a notice's file is kept: for a neighbour that attaches it to a case (evidence links it, no copy). */
export function noticeFile(notice: Pick<NoticeView, 'sha256'>, config: Pick<Config, 'uploadDir'>): string {
  return noticeFilePath(config.uploadDir, notice.sha256);
}

/**
 * Keeps the bytes under their hash: written to a temporary name while hashed, then renamed, so a
 * stored file is never partial. The same bytes again replace themselves.
 */
async function keepNoticeFile(uploadDir: string, bytes: Buffer): Promise<{ sha256: string; size: number }> {
  const dir = path.join(uploadDir, 'denial-notices');
  await fs.promises.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.tmp-${crypto.randomBytes(12).toString('hex')}`);
  try {
    const written = await writeHashed(Readable.from([bytes]), temp);
    const target = noticeFilePath(uploadDir, written.sha256);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(temp, target);
    return written;
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}

/**
 * Receives an uploaded notice: reads its text (refusing a file evidence refuses, before anything is
 * kept), reads its fields, keeps the file by hash and writes the record; audited as
 * `denial_notice.upload`. If the record cannot be written, the file is removed unless another
 * notice holds the same bytes.
 * @param progressKey - the uploading page's key: while OCR reads, `noticeProgress` says which page it is on
 */
export async function receiveNotice(
  bytes: Buffer,
  actor: AuthenticatedUser,
  deps: NoticeDeps,
  declared: NoticeDeclaredType = {},
  progressKey?: string,
): Promise<NoticeView> {
  const progress = progressKey ? trackNoticeProgress(actor, progressKey) : undefined;
  return keepReadNotice(bytes, actor, deps, declared, progress?.moved).finally(() => progress?.end());
}

/**
 * Receives a notice as `receiveNotice` does for a page without script, which cannot wait on the
 * upload with nothing shown (a 10-page scan takes minutes): the reading goes on after this answers,
 * and the page follows it under the key returned (`noticeReadingState`) to its end, the notice's id
 * or why it was not read. A fault that is no refusal is logged here, as the error handler would.
 * @returns the key the reading is followed under (random: nothing read from the notice)
 */
export async function startReadingNotice(
  bytes: Buffer,
  actor: AuthenticatedUser,
  deps: NoticeDeps & { logger: Logger },
  declared: NoticeDeclaredType = {},
): Promise<string> {
  const key = newNoticeProgressKey();
  const progress = trackNoticeProgress(actor, key);
  await progress.started();
  afterTheResponse(() => keepReadNotice(bytes, actor, deps, declared, progress.moved))
    .then(
      (notice) => progress.ended({ noticeId: notice.id }),
      (err: unknown) => {
        const { status, code, message } = toAppError(err);
        if (status >= 500) deps.logger.error('denial notice not read', { error: faultForLog(err) });
        return progress.ended({ refusal: { status, code, message } });
      },
    )
    // Its end unwritten, the reading is found stopped once no longer heard from.
    .catch(() => undefined);
  return key;
}

async function keepReadNotice(
  bytes: Buffer,
  actor: AuthenticatedUser,
  { config, clock }: NoticeDeps,
  declared: NoticeDeclaredType,
  onProgress?: (progress: NoticeProgress) => void,
): Promise<NoticeView> {
  const text = await readNoticeText(bytes, config, declared, onProgress);
  const reading = readNotice(text.pages);
  const { sha256, size } = await keepNoticeFile(config.uploadDir, bytes);
  let created: DenialNoticeRecord;
  try {
    created = (
      await DenialNoticeModel.create({
        sha256,
        size,
        mediaType: text.mediaType,
        pageCount: text.pageCount,
        pages: text.pages,
        ...(text.textFlag ? { textFlag: text.textFlag } : {}),
        ...reading,
        createdBy: { id: actor.id, name: actor.name, role: actor.role },
      })
    ).toObject() as DenialNoticeRecord;
  } catch (err) {
    if (!(await DenialNoticeModel.exists({ sha256 })))
      await fs.promises.rm(noticeFilePath(config.uploadDir, sha256), { force: true });
    throw err;
  }
  await recordAudit({
    actor,
    action: 'denial_notice.upload',
    entityType: 'denial_notice',
    entityId: String(created._id),
    at: clock.now(),
  });
  return toNoticeView(created);
}

/**
 * One notice, audited as `denial_notice.read`. A clinician reads the notices they uploaded; billing
 * and administrators read all. Any other notice is a 404 that says no more than a missing one.
 */
export async function getNotice(
  noticeId: string,
  actor: AuthenticatedUser,
  { clock }: Pick<NoticeDeps, 'clock'>,
): Promise<NoticeView> {
  const found = mongoose.isValidObjectId(noticeId)
    ? await DenialNoticeModel.findById(noticeId).lean<DenialNoticeRecord>()
    : null;
  if (!found || (actor.role === 'clinician' && found.createdBy.id !== actor.id))
    throw notFound('Denial notice', 'DENIAL_NOTICE_NOT_FOUND');
  await recordAudit({
    actor,
    action: 'denial_notice.read',
    entityType: 'denial_notice',
    entityId: noticeId,
    at: clock.now(),
  });
  return toNoticeView(found);
}
