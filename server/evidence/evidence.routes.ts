import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { errorFields } from '../platform/errors.js';
import {
  caseParams,
  documentParams,
  documentFields,
  textQuery,
  documentSearchBody,
  contentQuery,
} from './evidence.schemas.js';
import { receiveUpload, receivedFile, uploadCase } from './upload-receiver.js';
import {
  addCaseDocument,
  listDocumentsFor,
  openDocumentFor,
  documentFilePath,
  downloadName,
  type DocumentFields,
} from './evidence.service.js';
import { documentText, searchCaseDocuments, type DocumentSearch } from './document-text.service.js';
import { documentList, documentSearchAnswer, documentTextAnswer, evidenceDocument } from './evidence.responses.js';

type CaseParams = { caseId: string };
type DocumentParams = CaseParams & { documentId: string };
/** Everyone who works a case may add to its evidence: the medical director writes letters of medical necessity too. */
const everyone = ['clinician', 'billing', 'medical_director', 'admin'] as const;
const tag = 'evidence';

/** Registers the evidence routes; their files are stored under `deps.config.uploadDir`. */
export function registerEvidenceRoutes(api: ApiRegistry, deps: DomainDeps): void {
  const upload = { params: caseParams, body: documentFields(deps.clock) };
  api.add({
    method: 'post',
    path: '/cases/:caseId/documents',
    roles: everyone,
    tag,
    summary:
      'Add a clinical record to a case: multipart with `file` (PDF, PNG, JPEG, TIFF or ' +
      'plain text, checked by content), `title`, `kind` and `date`',
    before: [receiveUpload(deps, upload)],
    schemas: upload,
    response: evidenceDocument,
    handler: handle<CaseParams, unknown, DocumentFields>(({ body, user, req, res }) =>
      addCaseDocument(uploadCase(res), receivedFile(req), body, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/documents',
    roles: everyone,
    tag,
    summary: 'The documents of a case, by record date',
    schemas: { params: caseParams },
    response: documentList,
    handler: handle<CaseParams>(async ({ params, user }) => ({
      documents: await listDocumentsFor(params.caseId, user),
    })),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/documents/search',
    roles: everyone,
    tag,
    summary:
      'Passages of the case’s documents (or of one) where the words occur, with ' +
      'their page; the words travel in the body, never the URL',
    schemas: { params: caseParams, body: documentSearchBody },
    status: 200,
    response: documentSearchAnswer,
    handler: handle<CaseParams, unknown, DocumentSearch>(({ params, body, user }) =>
      searchCaseDocuments(params.caseId, body, user),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/documents/:documentId',
    roles: everyone,
    tag,
    summary: 'One document’s details',
    schemas: { params: documentParams },
    response: evidenceDocument,
    handler: handle<DocumentParams>(
      async ({ params, user }) =>
        (await openDocumentFor(params.caseId, params.documentId, user, 'document.read')).document,
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/documents/:documentId/text',
    roles: everyone,
    tag,
    summary: 'The extracted text, page by page (all pages, or `page`)',
    schemas: { params: documentParams, query: textQuery },
    response: documentTextAnswer,
    handler: handle<DocumentParams, { page?: number }>(async ({ params, query, user }) =>
      documentText((await openDocumentFor(params.caseId, params.documentId, user, 'document.text')).document, query),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/documents/:documentId/content',
    roles: everyone,
    tag,
    summary: 'The original file, byte for byte (audited as a download)',
    produces: 'application/octet-stream',
    schemas: { params: documentParams, query: contentQuery },
    handler: handle<DocumentParams, { inline: boolean }>(async ({ params, query, user, res }) => {
      const { scope, document } = await openDocumentFor(params.caseId, params.documentId, user, 'document.download');
      const stream = fs.createReadStream(documentFilePath(document, deps));
      // Open before answering, so a missing file is a 500 with a problem body, not a cut-off 200.
      await new Promise((resolve, reject) => stream.once('open', resolve).once('error', reject));
      const disposition = query.inline ? 'inline' : 'attachment';
      res.set({
        'Content-Type': document.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : document.mediaType,
        'Content-Length': String(document.size),
        'Content-Disposition': `${disposition}; filename="${downloadName(scope.reference, document)}"`,
        'Cache-Control': 'private, no-store',
        ETag: `"${document.sha256}"`,
      });
      // A client that stops reading mid-download is not an error of ours.
      await pipeline(stream, res).catch((err: unknown) => {
        if (errorFields(err).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
      });
    }),
  });
}
