import mongoose, { Schema } from 'mongoose';
import type { AutomatedReview, NoticeFields, NoticePage } from './denial-notice.types.js';

/**
 * A denial notice as uploaded and read: the file (stored by its SHA-256 under
 * `<uploadDir>/denial-notices/`), its text by page, and the fields read from it. Everything in it
 * is PHI: it is read only through the audited verbs of denial-notice.service.ts.
 */
export interface DenialNoticeRecord {
  _id: mongoose.Types.ObjectId;
  sha256: string;
  size: number;
  mediaType: string;
  pageCount: number;
  pages: NoticePage[];
  /** Why some text is missing ("page 2 has no readable text"), as evidence says it. */
  textFlag?: string;
  fields: NoticeFields;
  automatedReview: AutomatedReview;
  /** Who uploaded it: a clinician reads only their own notices. */
  createdBy: { id: string; name: string; role: string };
  createdAt: Date;
  updatedAt: Date;
}

const spanSchema = new Schema({ start: Number, end: Number }, { _id: false });
const pageSchema = new Schema(
  {
    page: Number,
    text: String,
    source: String,
    confidence: Number,
    unsure: { type: [spanSchema], default: undefined },
  },
  { _id: false },
);

const noticeSchema = new Schema<DenialNoticeRecord>(
  {
    sha256: { type: String, required: true },
    size: { type: Number, required: true },
    mediaType: { type: String, required: true },
    pageCount: { type: Number, required: true },
    pages: { type: [pageSchema], default: [] },
    textFlag: String,
    // The reading is written once and shown as it was read: its shape is denial-notice.types.ts.
    fields: { type: Schema.Types.Mixed, required: true },
    automatedReview: { type: Schema.Types.Mixed, required: true },
    createdBy: { id: String, name: String, role: String },
  },
  { timestamps: true, minimize: false },
);

export const DenialNoticeModel = mongoose.model('DenialNotice', noticeSchema, 'denial_notices');
