import mongoose, { Schema } from 'mongoose';

/**
 * A notice being read by OCR, for the page that waits on its upload: the page OCR is on, of how
 * many. Keyed by the uploader and a random key the page chose (never anything read from the
 * notice); removed when the reading ends.
 */
export interface NoticeProgressRecord {
  /** `<uploader's user id>:<the page's key>`. */
  _id: string;
  page: number;
  pageCount: number;
  at: Date;
}

const progressSchema = new Schema<NoticeProgressRecord>(
  { _id: { type: String, required: true }, page: Number, pageCount: Number, at: Date },
  { versionKey: false },
);

export const NoticeProgressModel = mongoose.model('DenialNoticeProgress', progressSchema, 'denial_notice_progress');
