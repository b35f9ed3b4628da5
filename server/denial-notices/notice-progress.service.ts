/**
 * "Reading text… page 3 of 12" while an uploaded notice is read: the upload names a key of its
 * page's choosing (or, for a page without script, the service chooses one), its reading writes
 * which page OCR starts on under that key, and the page asks for it. In the database, not in
 * memory, so that any instance may answer.
 *
 * A reading that stopped (its process restarted or was killed) never writes again: while it runs
 * it is heard from at least every HEARTBEAT_MS, however long a page of OCR takes, so a record not
 * heard from for STOPPED_AFTER_MS is said to have stopped, never shown as still on its page. These
 * times are real time, not the clinic's clock: they measure whether a process is alive. FerretDB
 * v1.24 refuses TTL indexes ("Index option expireAfterSeconds is not implemented yet"), so records
 * older than KEPT_MS are removed as each reading starts.
 */
import crypto from 'node:crypto';
import Joi from 'joi';
import { AppError, notFound } from '../platform/errors.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import { NoticeProgressModel, type NoticeRefusalRecord } from './notice-progress.model.js';

const HEARTBEAT_MS = 10_000;
const STOPPED_AFTER_MS = 6 * HEARTBEAT_MS;
// Long after any page could still be waiting on the reading.
const KEPT_MS = 60 * 60_000;

/** A key naming the progress of one upload's reading: random, never read from the notice. */
export const noticeProgressKey = Joi.string()
  .pattern(/^[A-Za-z0-9_-]{16,64}$/)
  .description('A key of 16 to 64 letters, digits, - or _ chosen by the uploading page');

/** A new key for a reading the service follows for a page (`startReadingNotice`). */
export const newNoticeProgressKey = (): string => crypto.randomBytes(16).toString('hex');

/** Which page OCR is on, of the notice's pages. */
export interface NoticeProgress {
  page: number;
  pageCount: number;
}

/** How the reading under a key stands, for the page that waits on it. */
export type NoticeReadingState =
  | { state: 'reading'; progress?: NoticeProgress }
  | { state: 'read'; noticeId: string }
  | { state: 'refused'; refusal: NoticeRefusalRecord }
  | { state: 'stopped' };

/** How a reading followed by a page ended: the notice read, or why it was not. */
export type NoticeReadingOutcome = { noticeId: string } | { refusal: NoticeRefusalRecord };

// One user's key: another user's reading is never found by it.
const progressId = (actor: Pick<AuthenticatedUser, 'id'>, key: string) => `${actor.id}:${key}`;

/**
 * The progress of one reading under `key`. Its writes go in order and none is awaited by the
 * reading (a lost write costs a progress line, never the notice): `moved` as OCR starts on each
 * page, a heartbeat while it runs. The reading ends with `end` when its upload answers for itself
 * (nothing is left), or `ended` when a page will ask how it went.
 */
export function trackNoticeProgress(actor: Pick<AuthenticatedUser, 'id'>, key: string) {
  const _id = progressId(actor, key);
  let writes: Promise<unknown> = Promise.resolve();
  const write = (update: () => Promise<unknown>) => {
    writes = writes.then(update).catch(() => undefined);
  };
  write(() => NoticeProgressModel.deleteMany({ at: { $lt: new Date(Date.now() - KEPT_MS) } }));
  const heartbeat = setInterval(
    () => write(() => NoticeProgressModel.updateOne({ _id }, { $set: { at: new Date() } })),
    HEARTBEAT_MS,
  );
  heartbeat.unref();
  const over = async () => {
    clearInterval(heartbeat);
    await writes;
  };
  return {
    /** The reading has begun, before any page: for a page that follows it from the start. */
    async started(): Promise<void> {
      await writes;
      try {
        await NoticeProgressModel.updateOne({ _id }, { $set: { at: new Date() } }, { upsert: true });
      } catch (err) {
        clearInterval(heartbeat);
        throw err;
      }
    },
    moved({ page, pageCount }: NoticeProgress): void {
      write(() =>
        NoticeProgressModel.updateOne({ _id }, { $set: { page, pageCount, at: new Date() } }, { upsert: true }),
      );
    },
    async end(): Promise<void> {
      await over();
      await NoticeProgressModel.deleteOne({ _id });
    },
    async ended(outcome: NoticeReadingOutcome): Promise<void> {
      await over();
      await NoticeProgressModel.updateOne({ _id }, { $set: { ...outcome, at: new Date() } }, { upsert: true });
    },
  };
}
export type NoticeProgressTracker = ReturnType<typeof trackNoticeProgress>;

/** How this user's reading under `key` stands; null when nothing is read under it. */
async function readingUnder(actor: Pick<AuthenticatedUser, 'id'>, key: string): Promise<NoticeReadingState | null> {
  const found = await NoticeProgressModel.findById(progressId(actor, key)).lean();
  if (!found) return null;
  if (found.noticeId) return { state: 'read', noticeId: found.noticeId };
  if (found.refusal) return { state: 'refused', refusal: found.refusal };
  if (Date.now() - found.at.getTime() > STOPPED_AFTER_MS) return { state: 'stopped' };
  const { page, pageCount } = found;
  return page && pageCount ? { state: 'reading', progress: { page, pageCount } } : { state: 'reading' };
}

/**
 * How this user's reading under `key` stands, for a page that follows it. Not audited: it says
 * nothing of the notice.
 * @throws 404 NOTICE_READING_NOT_FOUND when nothing is read under it (another user's key, a key
 *   never used, a reading ended over an hour ago)
 */
export async function noticeReadingState(
  actor: Pick<AuthenticatedUser, 'id'>,
  key: string,
): Promise<NoticeReadingState> {
  const state = await readingUnder(actor, key);
  if (!state) throw notFound('Reading of a notice', 'NOTICE_READING_NOT_FOUND');
  return state;
}

/** The answer for a reading that stopped before its end: the notice must be sent again. */
export const readingStopped = () =>
  new AppError(
    410,
    'NOTICE_READING_STOPPED',
    'Its reading stopped before the end (the service restarted or failed); send the notice again',
  );

/**
 * Which page OCR is on in this user's reading under `key`, for a page whose upload answers for itself.
 * @throws 404 NOTICE_PROGRESS_NOT_FOUND before OCR starts (a text layer needs none) and once the reading ends
 * @throws 410 NOTICE_READING_STOPPED when the reading stopped (its process did) without ending
 */
export async function noticeProgress(actor: Pick<AuthenticatedUser, 'id'>, key: string): Promise<NoticeProgress> {
  const state = await readingUnder(actor, key);
  if (state?.state === 'stopped') throw readingStopped();
  if (state?.state !== 'reading' || !state.progress) throw notFound('Reading in progress', 'NOTICE_PROGRESS_NOT_FOUND');
  return state.progress;
}
