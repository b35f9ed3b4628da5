/**
 * The extracted text of documents, for quoting in letters and for finding where the chart says
 * something ("where did we note six weeks of physical therapy?").
 */
import {
  DocumentPageModel,
  EvidenceDocumentModel,
  type DocumentPageRecord,
  type EvidenceDocumentRecord,
} from './evidence-document.model.js';
import { containsPassage, findPassages } from './passages.js';
import { findVisibleCaseRef } from '../cases/index.js';
import type { EvidenceDocument } from './evidence.types.js';
import { recordAudit } from '../audit/index.js';
import { invalid, notFound } from '../platform/errors.js';
import type { AuthenticatedUser } from '../auth/index.js';

/** Text per page (index 0 is page 1); `[]` for images, `''` for a scanned PDF page. */
export async function documentPagesText(documentId: string): Promise<string[]> {
  const pages = await DocumentPageModel.find({ documentId })
    .sort({ page: 1 })
    .select('page text')
    .lean<Pick<DocumentPageRecord, 'page' | 'text'>[]>();
  return pages.map((p) => p.text);
}

/**
 * The page on which `quote` appears, ignoring layout, typography and case: `page` itself when
 * given and the quote is there, else the first page holding it; `null` when it is nowhere.
 */
export async function locateQuote(documentId: string, quote: string, page?: number): Promise<number | null> {
  const pages = await documentPagesText(documentId);
  if (page !== undefined) return containsPassage(pages[page - 1] ?? '', quote) ? page : null;
  const index = pages.findIndex((text) => containsPassage(text, quote));
  return index === -1 ? null : index + 1;
}

export interface DocumentTextView {
  documentId: string;
  title: string;
  pageCount: number;
  /** The pages asked for: all, or one (none when the text was not extracted). */
  pages: { page: number; text: string }[];
  /** Why there is no text, when it was not extracted (see {@link EvidenceDocument.textFlag}). */
  textFlag?: string;
}

/** One document's text, page by page. */
export async function documentText(document: EvidenceDocument, options: { page?: number }): Promise<DocumentTextView> {
  if (options.page !== undefined && options.page > document.pageCount) {
    throw invalid('The document has fewer pages', [
      { field: 'query.page', message: `the document has ${document.pageCount} page(s)` },
    ]);
  }
  const texts = await documentPagesText(document.id);
  const pages = texts
    .map((text, i) => ({ page: i + 1, text }))
    .filter((p) => options.page === undefined || p.page === options.page);
  const { id: documentId, title, pageCount, textFlag } = document;
  return { documentId, title, pageCount, pages, ...(textFlag ? { textFlag } : {}) };
}

const SEARCH_LIMIT = 100;

/** What to look for: words, in every document of the case or in one. */
export interface DocumentSearch {
  q: string;
  documentId?: string;
}

/** Every passage of the case's documents (or of one) where the words occur, audited as one search of the case. */
export async function searchCaseDocuments(caseId: string, { q, documentId }: DocumentSearch, actor: AuthenticatedUser) {
  await findVisibleCaseRef(caseId, actor);
  const scope = documentId ? { caseId, _id: documentId } : { caseId };
  const [documents, pages] = await Promise.all([
    EvidenceDocumentModel.find(scope)
      .select('title date')
      .lean<Pick<EvidenceDocumentRecord, '_id' | 'title' | 'date'>[]>(),
    DocumentPageModel.find(documentId ? { caseId, documentId } : { caseId })
      .sort({ documentId: 1, page: 1 })
      .lean<DocumentPageRecord[]>(),
  ]);
  if (documentId && documents.length === 0) throw notFound('Document', 'DOCUMENT_NOT_FOUND');
  await recordAudit({ actor, action: 'document.search', entityType: 'case', entityId: caseId, caseId });
  // Page texts whose document record is missing belong to an upload that failed mid-way: skipped.
  const byId = new Map(documents.map((d) => [String(d._id), d]));
  const matches: { documentId: string; title: string; date: string; page: number; passage: string }[] = [];
  for (const p of pages) {
    const doc = byId.get(String(p.documentId));
    if (!doc) continue;
    for (const passage of findPassages(p.text, q))
      matches.push({ documentId: String(doc._id), title: doc.title, date: doc.date, page: p.page, passage });
  }
  return { q, matches: matches.slice(0, SEARCH_LIMIT), total: matches.length };
}
