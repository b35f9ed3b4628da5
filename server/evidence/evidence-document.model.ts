import mongoose, { Schema, type Types } from 'mongoose';
import {
  DOCUMENT_KINDS,
  EVIDENCE_MEDIA_TYPES,
  PAGE_TEXT_SOURCES,
  type EvidenceDocument,
  type PageTextSource,
  type TextSpan,
} from './evidence.types.js';

/**
 * One uploaded record of a case, as stored: the fields of {@link EvidenceDocument}, its ids as
 * ObjectIds. The bytes live in the file store under their SHA-256; this record is written last,
 * so its existence means the file and its own text are complete; only OCR of its scanned pages
 * may follow (`textProgress` while it runs, `textFlag` for a page it found empty). Records are
 * never removed: evidence is kept, and letters already sent cite it.
 */
export type EvidenceDocumentRecord = Omit<EvidenceDocument, 'id' | 'caseId'> & {
  _id: Types.ObjectId;
  caseId: Types.ObjectId;
};

const evidenceDocumentSchema = new Schema<EvidenceDocumentRecord>(
  {
    caseId: { type: Schema.Types.ObjectId, required: true, index: true },
    title: { type: String, required: true, maxlength: 200 },
    kind: { type: String, required: true, enum: DOCUMENT_KINDS },
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    mediaType: { type: String, required: true, enum: EVIDENCE_MEDIA_TYPES },
    sha256: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
    size: { type: Number, required: true, min: 1 },
    pageCount: { type: Number, required: true, min: 1 },
    width: Number,
    height: Number,
    textFlag: { type: String, maxlength: 300 },
    textProgress: { type: new Schema({ page: Number, pageCount: Number }, { _id: false }), default: undefined },
    uploadedById: { type: String, required: true },
    uploadedByName: { type: String, required: true },
    uploadedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The same bytes twice on one case is a mistake; the index settles two uploads racing.
evidenceDocumentSchema.index({ caseId: 1, sha256: 1 }, { unique: true });
// The documents still being read, which every start looks for: sparse, so on MongoDB it holds only
// those few and answers `textProgress: { $exists: true }` from it. FerretDB v1 has neither sparse
// nor partial indexes (FerretDB/FerretDB#2448, done in v2): it takes `sparse` and builds a plain
// index, which its listIndexes shows without the option.
evidenceDocumentSchema.index({ textProgress: 1 }, { sparse: true });

export const EvidenceDocumentModel = mongoose.model('EvidenceDocument', evidenceDocumentSchema, 'evidence_documents');

/**
 * The extracted text of one page of a document, one record per page so that a long text file
 * never meets the database's document size limit. Written before the document record.
 */
export interface DocumentPageRecord {
  documentId: Types.ObjectId;
  caseId: Types.ObjectId;
  /** 1-based, as printed in letters ("p. 3"). */
  page: number;
  text: string;
  /** How the text was obtained: the file's own text, or OCR of the page's image. */
  source: PageTextSource;
  /** OCR only: Tesseract's mean word confidence, 0–100. */
  confidence?: number;
  /**
   * OCR only: where in `text` the words Tesseract was unsure of are (`UNSURE_BELOW`). Kept for
   * whoever rates what is read from the page; not shown with the text. Absent on pages read
   * before it was kept: nothing known, not "all sure".
   */
  unsure?: TextSpan[];
}

const textSpanSchema = new Schema<TextSpan>(
  { start: { type: Number, required: true, min: 0 }, end: { type: Number, required: true, min: 0 } },
  { _id: false },
);

const documentPageSchema = new Schema<DocumentPageRecord>(
  {
    documentId: { type: Schema.Types.ObjectId, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    page: { type: Number, required: true, min: 1 },
    text: { type: String, default: '' },
    // Pages stored before OCR existed were all read from the file's own text.
    source: { type: String, enum: PAGE_TEXT_SOURCES, default: 'text_layer' },
    confidence: { type: Number, min: 0, max: 100 },
    unsure: { type: [textSpanSchema], default: undefined },
  },
  { versionKey: false },
);
documentPageSchema.index({ documentId: 1, page: 1 }, { unique: true });

export const DocumentPageModel = mongoose.model('DocumentPage', documentPageSchema, 'document_texts');
