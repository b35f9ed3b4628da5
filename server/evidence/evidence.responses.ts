/** What the evidence routes answer, as joi schemas (documented in OpenAPI, checked in tests). */
import Joi from 'joi';
import { isoDate, objectId, timestamp } from '../platform/http/common-schemas.js';
import { DOCUMENT_KINDS, EVIDENCE_MEDIA_TYPES, PAGE_TEXT_SOURCES } from './evidence.types.js';

/** Present while OCR reads a document's scanned pages: "reading text… page 3 of 12". */
const textProgress = Joi.object({
  page: Joi.number().integer().min(1).required(),
  pageCount: Joi.number().integer().min(1).required(),
}).description('While scanned pages are read by OCR: the page being read, of the document’s pages');

/** One stored record of a case (never its text, which has a route of its own). */
export const evidenceDocument = Joi.object({
  id: objectId.required(),
  caseId: objectId.required(),
  title: Joi.string().required(),
  kind: Joi.string()
    .valid(...DOCUMENT_KINDS)
    .required(),
  date: isoDate.required(),
  mediaType: Joi.string()
    .valid(...EVIDENCE_MEDIA_TYPES)
    .required(),
  sha256: Joi.string()
    .pattern(/^[0-9a-f]{64}$/)
    .required(),
  size: Joi.number().integer().min(0).required(),
  pageCount: Joi.number().integer().min(0).required(),
  width: Joi.number().integer().min(1),
  height: Joi.number().integer().min(1),
  textFlag: Joi.string().description(
    'Why text is missing: over a limit ("text not extracted: …"), or a page OCR found empty ' +
      '("page 2 has no readable text")',
  ),
  textProgress: textProgress,
  uploadedById: objectId.required(),
  uploadedByName: Joi.string().required(),
  uploadedAt: timestamp.required(),
});

export const documentList = Joi.object({ documents: Joi.array().items(evidenceDocument).required() });

/** One page's text as read, and how it was read (also the pages of a denial notice). */
export const pageText = Joi.object({
  page: Joi.number().integer().min(1).required(),
  text: Joi.string().allow('').required(),
  source: Joi.string()
    .valid(...PAGE_TEXT_SOURCES)
    .required()
    .description('text_layer: the file’s own text; ocr: read from the page’s image'),
  confidence: Joi.number().min(0).max(100).description('OCR only: Tesseract’s mean word confidence'),
});

export const documentTextAnswer = Joi.object({
  documentId: objectId.required(),
  title: Joi.string().required(),
  pageCount: Joi.number().integer().min(0).required(),
  pages: Joi.array().items(pageText).required(),
  textFlag: Joi.string(),
  textProgress,
});

export const documentSearchAnswer = Joi.object({
  q: Joi.string().required(),
  matches: Joi.array()
    .items(
      Joi.object({
        documentId: objectId.required(),
        title: Joi.string().required(),
        date: isoDate.required(),
        page: Joi.number().integer().min(1).required(),
        passage: Joi.string().required(),
      }),
    )
    .required(),
  total: Joi.number().integer().min(0).required(),
});
