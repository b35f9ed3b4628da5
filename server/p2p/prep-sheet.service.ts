import { findVisibleCase } from '../cases/index.js';
import { listCaseDocuments } from '../evidence/index.js';
import { listCaseCriteria, citationOf } from '../guidelines/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { typesetDocument, htmlPage, PREVIEW_CSP } from '../platform/pdf/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { loadForDocuments } from './p2p-review.service.js';
import { prepSheetBlocks, SHEET_LIMITS, type SheetSession } from './prep-sheet.view.js';

/**
 * Reads a case's scheduled sessions from the patient's attendance record, oldest first. Given by
 * app.ts: the attendance domain tells the care team through notifications, which reads p2p, so p2p
 * cannot import attendance without a cycle.
 */
export type SessionsOfCase = (caseId: string) => Promise<SheetSession[]>;

/**
 * The medical director's prep sheet for one review (at most two pages), as a PDF (with the "Page N of M · reference ·
 * confidential" footer) or as an HTML page. Reading it reads the case: audited as such.
 * @returns the bytes or page, and a file name made of the case reference only
 */
export async function prepSheetFor(
  id: string,
  actor: AuthenticatedUser,
  deps: Pick<DomainDeps, 'clock' | 'config'> & { sessionsOfCase: SessionsOfCase },
  format: 'pdf' | 'html',
) {
  const { doc: review, physician } = await loadForDocuments(id, actor);
  const record = await findVisibleCase(review.caseId, actor, 'p2p.prep_sheet');
  const [criteria, documents, sessions] = await Promise.all([
    listCaseCriteria(review.caseId),
    listCaseDocuments(review.caseId),
    deps.sessionsOfCase(review.caseId),
  ]);
  const input = {
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
    sessions,
    documentTitles: new Map(documents.map((d) => [d.id, d.title])),
    today: deps.clock.today(),
  };
  const title = `Peer-to-peer prep sheet ${record.reference}`;
  if (format === 'html')
    return {
      filename: `${record.reference}-p2p-prep-sheet.html`,
      body: htmlPage(title, prepSheetBlocks(input)),
      csp: PREVIEW_CSP,
    };
  const meta = { title, author: 'Overturn', subject: 'Peer-to-peer review preparation', createdAt: deps.clock.now() };
  // A long record is shown less fully, step by step, until the sheet fits on two pages; the last
  // step is kept whatever its length (the typesetter has also tried compact type by then).
  let typeset!: { pdf: Buffer; pageCount: number };
  for (const limits of SHEET_LIMITS) {
    typeset = await typesetDocument(prepSheetBlocks(input, limits), { meta, reference: record.reference, maxPages: 2 });
    if (typeset.pageCount <= 2) break;
  }
  return { filename: `${record.reference}-p2p-prep-sheet.pdf`, body: typeset.pdf, csp: PREVIEW_CSP };
}
