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
import type { PageText, TextProgress } from './document-reading.js';
import { recordAudit } from '../audit/index.js';
import { invalid, notFound } from '../platform/errors.js';
import type { AuthenticatedUser } from '../auth/index.js';

/** The pages of a document that have text so far, in order, with how each was obtained. */
async function documentPages(documentId: string): Promise<PageText[]> {
  const pages = await DocumentPageModel.find({ documentId })
    .sort({ page: 1 })
    .select('page text source confidence')
    .lean<Pick<DocumentPageRecord, 'page' | 'text' | 'source' | 'confidence'>[]>();
  return pages.map(pageText);
}

const pageText = (p: Pick<DocumentPageRecord, 'page' | 'text' | 'source' | 'confidence'>): PageText => ({
  page: p.page,
  text: p.text,
  source: p.source,
  ...(p.confidence !== undefined && p.confidence !== null ? { confidence: p.confidence } : {}),
});

/**
 * Text per page (index 0 is page 1) as far as it is read: `[]` for an image not read yet, and for
 * a document whose text was not extracted.
 */
export async function documentPagesText(documentId: string): Promise<string[]> {
  return (await documentPages(documentId)).map((p) => p.text);
}

/**
 * The page on which `quote` appears, ignoring layout, typography and case (and on a page read
 * by OCR, its line-end hyphens): `page` itself when given and the quote is there, else the first
 * page holding it; `null` when it is nowhere.
 */
export async function locateQuote(documentId: string, quote: string, page?: number): Promise<number | null> {
  const pages = await documentPages(documentId);
  const holds = (p: PageText) => containsPassage(p.text, quote, { scanned: p.source === 'ocr' });
  const found = pages.find((p) => (page === undefined || p.page === page) && holds(p));
  return found ? found.page : null;
}

export interface DocumentTextView {
  documentId: string;
  title: string;
  pageCount: number;
  /** The pages asked for and read so far: all, or one (none when the text was not extracted). */
  pages: PageText[];
  /** Why text is missing (see {@link EvidenceDocument.textFlag}). */
  textFlag?: string;
  /** While OCR reads scanned pages (see {@link EvidenceDocument.textProgress}). */
  textProgress?: TextProgress;
}

/** One document's text, page by page. */
export async function documentText(document: EvidenceDocument, options: { page?: number }): Promise<DocumentTextView> {
  if (options.page !== undefined && options.page > document.pageCount) {
    throw invalid('The document has fewer pages', [
      { field: 'query.page', message: `the document has ${document.pageCount} page(s)` },
    ]);
  }
  const pages = (await documentPages(document.id)).filter((p) => options.page === undefined || p.page === options.page);
  const { id: documentId, title, pageCount, textFlag, textProgress } = document;
  return {
    documentId,
    title,
    pageCount,
    pages,
    ...(textFlag ? { textFlag } : {}),
    ...(textProgress ? { textProgress } : {}),
  };
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
    for (const passage of findPassages(p.text, q, { scanned: p.source === 'ocr' }))
      matches.push({ documentId: String(doc._id), title: doc.title, date: doc.date, page: p.page, passage });
  }
  return { q, matches: matches.slice(0, SEARCH_LIMIT), total: matches.length };
}
