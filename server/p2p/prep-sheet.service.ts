import { findVisibleCase } from '../cases/index.js';
import { listCaseDocuments } from '../evidence/index.js';
import { listCaseCriteria, citationOf } from '../guidelines/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { typesetDocument, htmlPage, PREVIEW_CSP } from '../platform/pdf/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { loadForDocuments } from './p2p-review.service.js';
import { prepSheetBlocks } from './prep-sheet.view.js';

/**
 * The medical director's prep sheet for one review, as a PDF (with the "Page N of M · reference ·
 * confidential" footer) or as an HTML page. Reading it reads the case: audited as such.
 * @returns the bytes or page, and a file name made of the case reference only
 */
export async function prepSheetFor(
  id: string,
  actor: AuthenticatedUser,
  deps: Pick<DomainDeps, 'clock' | 'config'>,
  format: 'pdf' | 'html',
) {
  const { doc: review, physician } = await loadForDocuments(id, actor);
  const record = await findVisibleCase(review.caseId, actor, 'p2p.prep_sheet');
  const [criteria, documents] = await Promise.all([listCaseCriteria(review.caseId), listCaseDocuments(review.caseId)]);
  const blocks = prepSheetBlocks({
    review,
    physician,
    record,
    criteria: criteria.map((k) => ({
      title: k.guideline.title,
      criterionText: k.guideline.criterionText,
      citation: citationOf(k.guideline),
      status: k.status,
      evidence: k.evidence,
    })),
    documentTitles: new Map(documents.map((d) => [d.id, d.title])),
    today: deps.clock.today(),
    timeZone: deps.clock.timeZone,
  });
  const title = `Peer-to-peer prep sheet ${record.reference}`;
  if (format === 'html')
    return { filename: `${record.reference}-p2p-prep-sheet.html`, body: htmlPage(title, blocks), csp: PREVIEW_CSP };
  const { pdf } = await typesetDocument(blocks, {
    meta: { title, author: 'Overturn', subject: 'Peer-to-peer review preparation', createdAt: deps.clock.now() },
    reference: record.reference,
    maxPages: 2,
  });
  return { filename: `${record.reference}-p2p-prep-sheet.pdf`, body: pdf, csp: PREVIEW_CSP };
}
