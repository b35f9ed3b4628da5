import { listCaseDocuments, locateQuote } from '../evidence/index.js';
import { AppError, invalid, type FieldProblem } from '../platform/errors.js';
import type { CriterionEvidence } from './guideline.types.js';

/** Evidence as the client sends it, before it is checked against the case's documents. */
export interface EvidenceInput {
  documentId?: string;
  page?: number;
  quote?: string;
  statement?: string;
}

/**
 * Checks evidence against the case's documents so that a letter never cites what the chart
 * does not say: the document must belong to the case (400), the page must exist (400), and a
 * quote must appear on that page, layout, typography and case aside (422). A quote without a
 * page is looked up and given the first page it appears on. Messages never repeat titles or
 * quotes: those may carry PHI.
 * @returns the evidence to store, with each document's title as it is now
 */
export async function checkEvidence(
  caseId: string,
  items: EvidenceInput[],
  field = 'body.evidence',
): Promise<CriterionEvidence[]> {
  const documents = items.some((item) => item.documentId)
    ? new Map((await listCaseDocuments(caseId)).map((d) => [d.id, d]))
    : new Map();
  const invalidFields: FieldProblem[] = [];
  const unquotable: FieldProblem[] = [];
  const checked: CriterionEvidence[] = [];
  for (const [i, item] of items.entries()) {
    const at = `${field}.${i}`;
    if (!item.documentId) {
      checked.push({ statement: item.statement });
      continue;
    }
    const doc = documents.get(item.documentId);
    if (!doc) {
      invalidFields.push({ field: `${at}.documentId`, message: 'is not a document of this case' });
      continue;
    }
    if (item.page !== undefined && item.page > doc.pageCount) {
      invalidFields.push({ field: `${at}.page`, message: `the document has ${doc.pageCount} page(s)` });
      continue;
    }
    let page = item.page;
    if (item.quote) {
      // A scanned image is quotable once OCR has read it: its text is searched like any other.
      const found = await locateQuote(doc.id, item.quote, item.page);
      if (found === null) {
        const where = doc.mediaType.startsWith('image/')
          ? 'does not appear in the text read from this scanned image; quote its words as read, ' +
            'or describe what it shows in a statement'
          : item.page
            ? `does not appear on page ${item.page} of the document`
            : 'does not appear in the document';
        unquotable.push({ field: `${at}.quote`, message: where });
        continue;
      }
      page = found;
    }
    checked.push({
      documentId: doc.id,
      documentTitle: doc.title,
      ...(page ? { page } : {}),
      ...(item.quote ? { quote: item.quote } : {}),
      ...(item.statement ? { statement: item.statement } : {}),
    });
  }
  if (invalidFields.length) throw invalid(`${invalidFields.length} evidence field(s) are invalid`, invalidFields);
  if (unquotable.length)
    throw new AppError(
      422,
      'QUOTE_NOT_FOUND',
      'A quoted passage is not in the document it cites; quote the words as they appear on the page',
      unquotable,
    );
  return checked;
}
