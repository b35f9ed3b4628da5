/**
 * "Reading text… page 3 of 12" while an uploaded notice is read: the upload names a key of its
 * page's choosing, its reading writes which page OCR starts on under that key, and the page asks
 * for it until the upload answers. In the database, not in memory, so that any instance may answer.
 */
import { notFound } from '../platform/errors.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import type { Clock } from '../platform/clock.js';
import { NoticeProgressModel } from './notice-progress.model.js';

/** Which page OCR is on, of the notice's pages. */
export interface NoticeProgress {
  page: number;
  pageCount: number;
}

// One user's key: another user's reading is never found by it.
const progressId = (actor: Pick<AuthenticatedUser, 'id'>, key: string) => `${actor.id}:${key}`;

/**
 * The progress of one reading under `key`: `moved` is told each page as OCR starts on it (writes in
 * order, none awaited by the reading: a lost write costs a progress line, never the notice), `end`
 * waits for them and removes the record.
 */
export function trackNoticeProgress(actor: Pick<AuthenticatedUser, 'id'>, key: string, clock: Clock) {
  const _id = progressId(actor, key);
  let writes: Promise<unknown> = Promise.resolve();
  return {
    moved({ page, pageCount }: NoticeProgress): void {
      writes = writes
        .then(() =>
          NoticeProgressModel.updateOne({ _id }, { $set: { page, pageCount, at: clock.now() } }, { upsert: true }),
        )
        .catch(() => undefined);
    },
    async end(): Promise<void> {
      await writes;
      await NoticeProgressModel.deleteOne({ _id });
    },
  };
}

/**
 * Where the reading of this user's upload under `key` is. Not audited: it says nothing of the notice.
 * @throws 404 NOTICE_PROGRESS_NOT_FOUND before OCR starts (a text layer needs none) and once the reading ends
 */
export async function noticeProgress(actor: Pick<AuthenticatedUser, 'id'>, key: string): Promise<NoticeProgress> {
  const found = await NoticeProgressModel.findById(progressId(actor, key)).lean();
  if (!found) throw notFound('Reading in progress', 'NOTICE_PROGRESS_NOT_FOUND');
  return { page: found.page, pageCount: found.pageCount };
}
