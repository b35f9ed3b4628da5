/**
 * Clinical evidence of a case: adding an uploaded file (checked, text extracted, stored by
 * content hash) and finding documents again. A document record is written last, after its
 * file and its page texts, so a record always means a complete, readable document; on any
 * failure before that, what this request wrote is taken back.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import { EvidenceDocumentModel, DocumentPageModel, type EvidenceDocumentRecord } from './evidence-document.model.js';
import { promote, removeTemp, discardStored, storedPath, writeTemp, linkTemp, type TempFile } from './file-store.js';
import { identifyContent, type DeclaredType } from './content-check.js';
import { readDocumentContent, type DocumentContent } from './document-content.js';
import { ownTextPages, pagesToScan, unreadablePagesFlag, type PageText } from './document-reading.js';
import { readTextLater } from './text-reading.service.js';
import { findVisibleCaseRef, type CaseRef } from '../cases/index.js';
import type { DocumentKind, EvidenceDocument, EvidenceMediaType } from './evidence.types.js';
import { recordAudit } from '../audit/index.js';
import { AppError, conflict, invalid, notFound } from '../platform/errors.js';
import { isDuplicateKey } from '../platform/db/versioned-write.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { AuthenticatedUser } from '../auth/index.js';

/** What the user says about a record: its title, kind and date. */
export interface DocumentFields {
  title: string;
  kind: DocumentKind;
  date: string;
}

/** A file received into the temporary area, with what the client claimed it to be. */
export interface ReceivedFile {
  file: TempFile;
  declared: DeclaredType;
}

type Deps = Pick<DomainDeps, 'config' | 'clock' | 'logger'>;

/** A stored document as the API shows it: `id` instead of `_id`, no storage internals. */
export function toEvidenceDocument(r: EvidenceDocumentRecord): EvidenceDocument {
  return {
    id: String(r._id),
    caseId: String(r.caseId),
    title: r.title,
    kind: r.kind,
    date: r.date,
    mediaType: r.mediaType,
    sha256: r.sha256,
    size: r.size,
    pageCount: r.pageCount,
    ...(r.width ? { width: r.width, height: r.height } : {}),
    ...(r.textFlag ? { textFlag: r.textFlag } : {}),
    ...(r.textProgress ? { textProgress: { page: r.textProgress.page, pageCount: r.textProgress.pageCount } } : {}),
    uploadedById: r.uploadedById,
    uploadedByName: r.uploadedByName,
    uploadedAt: r.uploadedAt,
  };
}

const alreadyOnCase = (documentId?: string) =>
  conflict('DOCUMENT_ALREADY_ON_CASE', 'This exact file is already on the case', documentId ? { documentId } : {});

/**
 * Adds a received file to a case: checks what it is by its bytes, extracts its own text, moves it
 * into the store and records it; its scanned pages are then read by OCR in the background
 * (`textProgress` says how far). The temporary file is gone when this returns or throws.
 * @param scope - the case, already checked to be visible to `actor`
 */
export async function addCaseDocument(
  scope: CaseRef,
  received: ReceivedFile,
  fields: DocumentFields,
  actor: AuthenticatedUser,
  deps: Deps,
  pagesRead?: PageText[],
): Promise<EvidenceDocument> {
  const root = path.resolve(deps.config.uploadDir);
  const { file } = received;
  try {
    const existing = await EvidenceDocumentModel.findOne({ caseId: scope.id, sha256: file.sha256 })
      .select('_id')
      .lean();
    if (existing) throw alreadyOnCase(String(existing._id));
    const bytes = await fs.readFile(file.path);
    const mediaType = await identifyContent(bytes, received.declared);
    const content = await readDocumentContent(bytes, mediaType, deps.config);
    const { created } = await promote(root, file);
    const document = await recordDocument(
      scope,
      { file, mediaType, content, created, root, pagesRead },
      fields,
      actor,
      deps,
    );
    await recordAudit({
      actor,
      action: 'document.upload',
      entityType: 'document',
      entityId: document.id,
      caseId: scope.id,
      at: document.uploadedAt,
    });
    if (document.textProgress) readTextLater(document.id, deps);
    return document;
  } catch (err) {
    // A refused file is worth a line for security review: what it was, never what it was called.
    if (err instanceof AppError && err.status === 415)
      deps.logger.warn('evidence refused', { code: err.code, detectedType: err.extra.detectedType, caseId: scope.id });
    throw err;
  } finally {
    await removeTemp(file.path);
  }
}

async function recordDocument(
  scope: CaseRef,
  stored: {
    file: TempFile;
    mediaType: EvidenceMediaType;
    content: DocumentContent;
    created: boolean;
    root: string;
    pagesRead?: PageText[];
  },
  fields: DocumentFields,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<EvidenceDocument> {
  const { file, content, mediaType, pagesRead } = stored;
  const _id = new Types.ObjectId();
  // Pages another domain has read already (OCR included) are stored as read, and not read again.
  const ownText = pagesRead && !content.textFlag ? pagesRead : ownTextPages(content, mediaType);
  const scans = pagesRead ? [] : pagesToScan(content, mediaType);
  const textFlag = content.textFlag ?? (pagesRead ? unreadablePagesFlag(pagesRead) : undefined);
  try {
    if (ownText.length)
      await DocumentPageModel.insertMany(ownText.map((page) => ({ ...page, documentId: _id, caseId: scope.id })));
    const record = await EvidenceDocumentModel.create({
      _id,
      caseId: scope.id,
      ...fields,
      mediaType: stored.mediaType,
      sha256: file.sha256,
      size: file.size,
      pageCount: content.pageCount,
      width: content.width,
      height: content.height,
      textFlag,
      textProgress: scans.length ? { page: scans[0], pageCount: content.pageCount } : undefined,
      uploadedById: actor.id,
      uploadedByName: actor.name,
      uploadedAt: deps.clock.now(),
    });
    return toEvidenceDocument(record.toObject());
  } catch (err) {
    await DocumentPageModel.deleteMany({ documentId: _id });
    // Take the file back only if this request put it there and no other record came to use it.
    if (stored.created && !(await EvidenceDocumentModel.exists({ sha256: file.sha256 })))
      await discardStored(stored.root, file.sha256);
    if (isDuplicateKey(err)) throw alreadyOnCase();
    throw err;
  }
}

/**
 * Adds a document whose bytes are already in memory (seeded demo notes, generated letters) to a
 * case the actor may see, through the same checks as an upload.
 */
export async function addDocumentBytes(
  caseId: string,
  bytes: Uint8Array,
  fields: DocumentFields,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<EvidenceDocument> {
  const scope = await findVisibleCaseRef(caseId, actor);
  const file = await writeTemp(path.resolve(deps.config.uploadDir), bytes);
  return addCaseDocument(scope, { file, declared: {} }, fields, actor, deps);
}

/**
 * Adds a file another domain keeps and has already read (a denial notice, attached as payer
 * correspondence) to a case the actor may see: the same checks as an upload, the bytes linked into
 * the store rather than copied (the same file on disk), and its pages stored as they were read, so
 * a scan is not read by OCR a second time.
 * @param source.path - where the other domain keeps the file, under the same `uploadDir`
 * @param source.pages - its text by page, as `readDocumentText` gave it
 */
export async function addReadDocument(
  caseId: string,
  source: { path: string; pages: PageText[] },
  fields: DocumentFields,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<EvidenceDocument> {
  const scope = await findVisibleCaseRef(caseId, actor);
  const file = await linkTemp(path.resolve(deps.config.uploadDir), source.path);
  return addCaseDocument(scope, { file, declared: {} }, fields, actor, deps, source.pages);
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * Documents of a case, for other domains (letters, packets) that have already checked the
 * user may see the case; no audit entry is written here.
 * @param ids - when given, exactly these documents in this order; any id that is not a
 *   document of the case is a 400 naming `${field}.${index}`
 * @param options.field - the request field the ids came from, for error messages (default `body.documentIds`)
 * @returns all documents of the case by record date, then upload time, when `ids` is absent
 */
export async function listCaseDocuments(
  caseId: string,
  ids?: string[],
  options: { field?: string } = {},
): Promise<EvidenceDocument[]> {
  if (!ids) {
    const records = await EvidenceDocumentModel.find({ caseId })
      .sort({ date: 1, uploadedAt: 1, _id: 1 })
      .lean<EvidenceDocumentRecord[]>();
    return records.map(toEvidenceDocument);
  }
  const field = options.field ?? 'body.documentIds';
  const valid = ids.filter((id) => OBJECT_ID.test(id));
  const records = valid.length
    ? await EvidenceDocumentModel.find({ caseId, _id: { $in: valid } }).lean<EvidenceDocumentRecord[]>()
    : [];
  const byId = new Map(records.map((r) => [String(r._id), r]));
  const problems = ids.flatMap((id, i) => {
    if (!byId.has(id)) return [{ field: `${field}.${i}`, message: 'is not a document of this case' }];
    if (ids.indexOf(id) !== i) return [{ field: `${field}.${i}`, message: 'is listed twice' }];
    return [];
  });
  if (problems.length) throw invalid(`${problems.length} document id(s) cannot be used`, problems);
  return ids.map((id) => toEvidenceDocument(byId.get(id)!));
}

/** Of `ids`, those that are not documents of the case: the cases domain's check of a key fact's document. */
export async function foreignDocuments(caseId: string, ids: string[]): Promise<string[]> {
  const valid = ids.filter((id) => OBJECT_ID.test(id));
  const own = valid.length
    ? await EvidenceDocumentModel.find({ caseId, _id: { $in: valid } })
        .select('_id')
        .lean<{ _id: unknown }[]>()
    : [];
  const ownIds = new Set(own.map((d) => String(d._id)));
  return ids.filter((id) => !ownIds.has(id));
}

/** Where the bytes of a document are stored, exactly as uploaded (for streaming, or reading in a worker). */
export function documentFilePath(doc: Pick<EvidenceDocument, 'sha256'>, deps: Pick<DomainDeps, 'config'>): string {
  return storedPath(path.resolve(deps.config.uploadDir), doc.sha256);
}

/** The documents of a case the user may see, recorded in the audit trail as one read. */
export async function listDocumentsFor(caseId: string, actor: AuthenticatedUser): Promise<EvidenceDocument[]> {
  await findVisibleCaseRef(caseId, actor);
  const documents = await listCaseDocuments(caseId);
  await recordAudit({ actor, action: 'document.list', entityType: 'case', entityId: caseId, caseId });
  return documents;
}

/**
 * One document of a case the user may see, with the case reference, audited as `action`
 * (`document.read`, `document.download`, `document.text`).
 */
export async function openDocumentFor(
  caseId: string,
  documentId: string,
  actor: AuthenticatedUser,
  action: string,
): Promise<{ scope: CaseRef; document: EvidenceDocument }> {
  const scope = await findVisibleCaseRef(caseId, actor);
  const record = await EvidenceDocumentModel.findOne({ _id: documentId, caseId }).lean<EvidenceDocumentRecord>();
  if (!record) throw notFound('Document', 'DOCUMENT_NOT_FOUND');
  await recordAudit({ actor, action, entityType: 'document', entityId: documentId, caseId });
  return { scope, document: toEvidenceDocument(record) };
}

const EXTENSION: Record<EvidenceMediaType, string> = {
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
};

/** A download name made of the case reference and the document id: nothing a patient could be known by. */
export function downloadName(reference: string, doc: Pick<EvidenceDocument, 'id' | 'mediaType'>): string {
  return `${reference}-${doc.id}.${EXTENSION[doc.mediaType]}`;
}
