/**
 * Opening a case from the intake form the person has checked against a denial notice: the case,
 * the peer-to-peer call asked for when the form gives its last day, the notice attached to it as
 * payer correspondence (evidence's document for the same stored file, its pages as already read),
 * and whether its review was automated or criteria-based, all in one request: if the call cannot be
 * asked for or the notice cannot be attached, the case is not opened and neither is left.
 */
import { openCase, type NewCase } from '../cases/index.js';
import { noticeFile, type NoticeView } from '../denial-notices/index.js';
import { addReadDocument } from '../evidence/index.js';
import { discardOpeningRequest, requestPeerToPeer } from '../p2p/index.js';
import { AppError, invalid } from '../platform/errors.js';
import type { AuthenticatedUser } from '../auth/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { displayDate } from './web-labels.js';
import type { IntakeCall } from './intake-form.js';

/** What the notice names that shows an automated or criteria-based review, each once; none when not flagged. */
export function automatedReviewWords(notice: Pick<NoticeView, 'automatedReview'>): string[] | undefined {
  if (!notice.automatedReview.flagged) return undefined;
  // The case keeps at most 20 (its schema's limit); a notice naming more says no more by naming them all.
  return [...new Set(notice.automatedReview.words.map((w) => w.word))].slice(0, 20);
}

/**
 * Asks for the call the notice offers, as the P2P domain takes a request: the last day as its
 * window (the notice's words as its basis), the payer's line, the reviewer who signed the denial.
 * A refusal (the window closed, the clinician no physician) is the form's, beside the field it concerns.
 */
async function requestOfferedCall(
  caseId: string,
  body: NewCase,
  call: IntakeCall,
  actor: AuthenticatedUser,
  deps: DomainDeps,
) {
  const offer = body.denial.peerToPeerOffer;
  const reviewer = body.denial.reviewer;
  try {
    return await requestPeerToPeer(
      caseId,
      {
        window: {
          lastDate: call.lastDate,
          basis: `Last day for the peer-to-peer call from the denial notice${offer?.window ? `: ${offer.window}` : ''}`,
        },
        ...(offer?.phone ? { payerContact: { phone: offer.phone } } : {}),
        ...(reviewer ? { reviewer: { name: reviewer.name } } : {}),
      },
      actor,
      deps,
    );
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const field = err.fields.some((f) => f.field === 'body.physicianId') ? 'treatingClinician.userId' : 'p2p.lastDate';
    throw invalid('The peer-to-peer call was not asked for', [{ field, message: err.message }]);
  }
}

/**
 * Opens the case as confirmed, with the notice it was read from when there is one, and the call
 * the form asks for.
 * @param notice - read by the caller as this user may read it
 */
export async function openCheckedCase(
  body: NewCase,
  notice: NoticeView | null,
  call: IntakeCall | undefined,
  actor: AuthenticatedUser,
  deps: DomainDeps,
) {
  if (!notice && !call) return openCase(body, actor, deps);
  const automatedReview = notice && automatedReviewWords(notice);
  const input: NewCase = automatedReview ? { ...body, denial: { ...body.denial, automatedReview } } : body;
  return openCase(input, actor, deps, async (caseId) => {
    const review = call ? await requestOfferedCall(caseId, input, call, actor, deps) : undefined;
    if (!notice) return;
    try {
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
    } catch (err) {
      if (review) await discardOpeningRequest(review.id);
      throw err;
    }
  });
}
