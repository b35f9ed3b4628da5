/**
 * OCR of an uploaded document's scanned pages, after the upload has answered: the job of this
 * process, one document at a time (Tesseract reads one page at a time anyway). The document
 * says where it is (`textProgress`, "reading text… page 3 of 12") and each page's text is stored
 * as it is read, so a document whose reading was cut off (a restart) is resumed where it stopped
 * by `resumeTextReading` at start. Several instances may share the database: each document is
 * read under a lease (`text-lease.model.ts`, taken atomically, renewed at every page), so two instances
 * starting together do not both read it; one that finds it leased leaves it. A lease whose holder
 * stopped runs out and the document is read by the next instance to start. Running the same
 * document twice would write the same pages.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DocumentPageModel, EvidenceDocumentModel, type EvidenceDocumentRecord } from './evidence-document.model.js';
import { readScannedPages, unreadablePagesFlag, type PageText } from './document-reading.js';
import { storedPath } from './file-store.js';
import { TextLeaseModel, type TextLeaseRecord } from './text-lease.model.js';
import { faultForLog } from '../platform/logging.js';
import { isDuplicateKey } from '../platform/db/versioned-write.js';
import type { DomainDeps } from '../platform/domain-deps.js';

type Deps = Pick<DomainDeps, 'config' | 'logger' | 'clock'>;

/** This process, as the holder of its leases. */
const HOLDER: string = crypto.randomUUID();
/**
 * How long a lease lasts without renewal: longer than one page may take (its drawing and its
 * reading are each cut off at `TEXT_MAX_SECONDS`), so a live holder renews it in time.
 */
const leaseMs = (deps: Deps) => 3 * deps.config.textExtraction.timeoutSeconds * 1000;

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
      // Another instance took the document over; it reads the rest.
      if (err instanceof LeaseLost) return;
      deps.logger.error('reading scanned pages failed', { documentId, error: faultForLog(err) });
    } finally {
      queued.delete(documentId);
    }
  });
}

/**
 * Queues every document whose scanned pages were still being read when the process stopped
 * (found by the sparse index on `textProgress`), unless another instance's lease on it is still
 * running; each is claimed when its turn comes.
 */
export async function resumeTextReading(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const waiting = await EvidenceDocumentModel.find({ textProgress: { $exists: true } })
    .select('_id')
    .lean<{ _id: unknown }[]>();
  const ids = waiting.map((doc) => String(doc._id));
  const held = await TextLeaseModel.find({ _id: { $in: ids }, until: { $gt: now } })
    .select('_id')
    .lean<{ _id: string }[]>();
  const leased = new Set(held.map((lease) => lease._id));
  const free = ids.filter((id) => !leased.has(id));
  for (const id of free) readTextLater(id, deps);
  return free.length;
}

/**
 * Takes or renews `holder`'s lease on a document: of instances claiming it at once, exactly one
 * gets it (the insert of its lease record settles it). False while another holder's lease runs.
 * A lease run out is removed and claimed afresh, racing takers again settled by the insert.
 * @param holder - the instance taking it: this process unless said
 */
export async function claimReading(documentId: string, deps: Deps, holder = HOLDER): Promise<boolean> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + leaseMs(deps));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await TextLeaseModel.create({ _id: documentId, holder, until });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const lease = await TextLeaseModel.findById(documentId).lean<TextLeaseRecord>();
    if (lease?.holder === holder) {
      await TextLeaseModel.updateOne({ _id: documentId }, { $set: { until } });
      return true;
    }
    if (lease && lease.until > now) return false;
    // Run out (or just let go): removed only as it was, so a lease a racing taker has just made stays.
    if (lease) await TextLeaseModel.deleteOne({ _id: documentId, holder: lease.holder, until: lease.until });
  }
  return false;
}

/** Lets go of this process's lease on a document. */
async function releaseReading(documentId: string): Promise<void> {
  await TextLeaseModel.deleteOne({ _id: documentId, holder: HOLDER });
}

/** Settles every reading queued so far (tests and the benchmark wait on it; shutdown need not). */
export function textReadingSettled(): Promise<void> {
  return line;
}

/** Thrown when this instance's lease was taken over (it stalled past it): the other holder reads on. */
class LeaseLost extends Error {}

async function readScans(documentId: string, deps: Deps): Promise<void> {
  if (!(await claimReading(documentId, deps))) return;
  try {
    await readClaimed(documentId, deps);
  } finally {
    await releaseReading(documentId);
  }
}

async function readClaimed(documentId: string, deps: Deps): Promise<void> {
  const record = await EvidenceDocumentModel.findById(documentId).lean<EvidenceDocumentRecord>();
  if (!record?.textProgress) return;
  const read = new Set<number>(await DocumentPageModel.find({ documentId }).distinct('page'));
  const pages = Array.from({ length: record.pageCount }, (_, i) => i + 1).filter((n) => !read.has(n));
  const bytes = await fs.readFile(storedPath(path.resolve(deps.config.uploadDir), record.sha256));
  const caseId = record.caseId;
  await readScannedPages(bytes, record.mediaType, pages, deps.config, {
    starting: async (page) => {
      if (!(await claimReading(documentId, deps))) throw new LeaseLost();
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
