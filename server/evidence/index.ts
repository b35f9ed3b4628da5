/**
 * Clinical evidence: the records uploaded to a case (notes, imaging and lab reports, letters),
 * checked by content, stored by SHA-256, with their text extracted for quoting and search.
 * The only import surface for other domains; see CONTEXT.md.
 */
export {
  DOCUMENT_KINDS,
  EVIDENCE_MEDIA_TYPES,
  type DocumentKind,
  type EvidenceMediaType,
  type EvidenceDocument,
  type PageTextSource,
} from './evidence.types.js';
export { registerEvidenceRoutes } from './evidence.routes.js';
export {
  listCaseDocuments,
  foreignDocuments,
  documentFilePath,
  addDocumentBytes,
  addReadDocument,
  type DocumentFields,
} from './evidence.service.js';
export { documentPagesText, locateQuote, searchCaseDocuments, type DocumentSearch } from './document-text.service.js';
export { readDocumentText, type DocumentText, type PageText, type TextProgress } from './document-reading.js';
export { resumeTextReading } from './text-reading.service.js';
export { pageUpload } from './upload-receiver.js';
export { removeStaleTemps as removeStaleUploadTemps } from './file-store.js';
export { caseParams as uploadParams, documentFields, documentSearchBody } from './evidence.schemas.js';
export { TEXT_PAGE_LINES, TEXT_PAGE_COLUMNS } from './document-content.js';
export { pageText as pageTextSchema } from './evidence.responses.js';
