/**
 * OCR of an uploaded document's scanned pages, after the upload has answered: the job of this
 * process, one document at a time (Tesseract reads one page at a time anyway). The document
 * says where it is (`textProgress`, "reading text… page 3 of 12") and each page's text is stored
 * as it is read, so a document whose reading was cut off (a restart) is resumed where it stopped
 * by `resumeTextReading` at start. Running the same document twice writes the same pages.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DocumentPageModel, EvidenceDocumentModel, type EvidenceDocumentRecord } from './evidence-document.model.js';
import { readScannedPages, unreadablePagesFlag, type PageText } from './document-reading.js';
import { storedPath } from './file-store.js';
import { faultForLog } from '../platform/logging.js';
import type { DomainDeps } from '../platform/domain-deps.js';

type Deps = Pick<DomainDeps, 'config' | 'logger'>;

let line: Promise<void> = Promise.resolve();
const queued = new Set<string>();

/**
 * Queues OCR of the document's pages that have no text yet; answers at once. A failure is
 * logged (the document keeps its progress and is read again at the next start).
 */
export function readTextLater(documentId: string, deps: Deps): void {
  if (queued.has(documentId)) return;
  queued.add(documentId);
  line = line.then(async () => {
    try {
      await readScans(documentId, deps);
    } catch (err) {
      deps.logger.error('reading scanned pages failed', { documentId, error: faultForLog(err) });
    } finally {
      queued.delete(documentId);
    }
  });
}

/** Queues every document whose scanned pages were still being read when the process stopped. */
export async function resumeTextReading(deps: Deps): Promise<number> {
  const waiting = await EvidenceDocumentModel.find({ textProgress: { $exists: true } })
    .select('_id')
    .lean<{ _id: unknown }[]>();
  for (const doc of waiting) readTextLater(String(doc._id), deps);
  return waiting.length;
}

/** Settles every reading queued so far (tests and the benchmark wait on it; shutdown need not). */
export function textReadingSettled(): Promise<void> {
  return line;
}

async function readScans(documentId: string, deps: Deps): Promise<void> {
  const record = await EvidenceDocumentModel.findById(documentId).lean<EvidenceDocumentRecord>();
  if (!record?.textProgress) return;
  const read = new Set<number>(await DocumentPageModel.find({ documentId }).distinct('page'));
  const pages = Array.from({ length: record.pageCount }, (_, i) => i + 1).filter((n) => !read.has(n));
  const bytes = await fs.readFile(storedPath(path.resolve(deps.config.uploadDir), record.sha256));
  const caseId = record.caseId;
  await readScannedPages(bytes, record.mediaType, pages, deps.config, {
    starting: async (page) => {
      await EvidenceDocumentModel.updateOne(
        { _id: documentId },
        { $set: { textProgress: { page, pageCount: record.pageCount } } },
      );
    },
    read: async (page: PageText) => {
      await DocumentPageModel.updateOne(
        { documentId, page: page.page },
        { $set: { ...page, caseId } },
        { upsert: true },
      );
    },
  });
  const all = await DocumentPageModel.find({ documentId }).select('page text source').lean<PageText[]>();
  const textFlag = unreadablePagesFlag(all);
  await EvidenceDocumentModel.updateOne(
    { _id: documentId },
    textFlag ? { $set: { textFlag }, $unset: { textProgress: 1 } } : { $unset: { textProgress: 1 } },
  );
}
