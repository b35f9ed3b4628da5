/**
 * Opening a case from the intake form the person has checked against a denial notice: the case,
 * the notice attached to it as payer correspondence (evidence's document for the same stored file,
 * its pages as already read), and whether its review was automated or criteria-based, all in one
 * request: if the notice cannot be attached, the case is not opened.
 */
import { openCase, type NewCase } from '../cases/index.js';
import { noticeFile, type NoticeView } from '../denial-notices/index.js';
import { addReadDocument } from '../evidence/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { displayDate } from './web-labels.js';

/** What the notice names that shows an automated or criteria-based review, each once; none when not flagged. */
export function automatedReviewWords(notice: Pick<NoticeView, 'automatedReview'>): string[] | undefined {
  if (!notice.automatedReview.flagged) return undefined;
  // The case keeps at most 20 (its schema's limit); a notice naming more says no more by naming them all.
  return [...new Set(notice.automatedReview.words.map((w) => w.word))].slice(0, 20);
}

/**
 * Opens the case as confirmed, with the notice it was read from when there is one.
 * @param notice - read by the caller as this user may read it
 */
export async function openCheckedCase(
  body: NewCase,
  notice: NoticeView | null,
  actor: AuthenticatedUser,
  deps: DomainDeps,
) {
  if (!notice) return openCase(body, actor, deps);
  const automatedReview = automatedReviewWords(notice);
  const input: NewCase = automatedReview ? { ...body, denial: { ...body.denial, automatedReview } } : body;
  return openCase(input, actor, deps, async (caseId) => {
    await addReadDocument(
      caseId,
      {
        path: noticeFile(notice, deps.config),
        pages: notice.pages.map((p) => ({ ...p, source: p.source ?? 'text_layer' })),
      },
      {
        title: `Denial notice of ${displayDate(body.denial.noticeDate)}`,
        kind: 'payer_correspondence',
        date: body.denial.noticeDate,
      },
      actor,
      deps,
    );
  });
}
