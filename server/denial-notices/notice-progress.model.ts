import mongoose, { Schema } from 'mongoose';

/** Why a notice was not read, as its upload would have answered: status, code and the client-safe message. */
export interface NoticeRefusalRecord {
  status: number;
  code: string;
  message: string;
}

/**
 * A notice being read, for the page that waits on it: the page OCR is on, of how many, and once
 * the reading ends for a page that follows it, the notice's id or why it was not read. Keyed by the
 * uploader and a random key (never anything read from the notice).
 */
export interface NoticeProgressRecord {
  /** `<uploader's user id>:<the page's key>`. */
  _id: string;
  page?: number;
  pageCount?: number;
  noticeId?: string;
  refusal?: NoticeRefusalRecord;
  /** When the reading was last heard from (real time): as it starts, on each page, its heartbeat, its end. */
  at: Date;
}

const progressSchema = new Schema<NoticeProgressRecord>(
  {
    _id: { type: String, required: true },
    page: Number,
    pageCount: Number,
    noticeId: String,
    refusal: new Schema<NoticeRefusalRecord>({ status: Number, code: String, message: String }, { _id: false }),
    // Old records are removed by it when a reading starts (FerretDB v1.24 refuses TTL indexes).
    at: { type: Date, required: true, index: true },
  },
  { versionKey: false },
);

export const NoticeProgressModel = mongoose.model('DenialNoticeProgress', progressSchema, 'denial_notice_progress');
