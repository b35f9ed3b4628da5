import mongoose, { Schema } from 'mongoose';

/**
 * Which service instance is reading a document's scanned pages, and until when unless it renews:
 * one record per document being read, its `_id` the document's id. Taken by inserting it, since
 * a unique key is the one thing both MongoDB and FerretDB v1 settle atomically (FerretDB v1
 * checks a conditional update's filter and writes in two steps, so two instances could both
 * win one; see platform/db/versioned-write.ts). Removed when the reading ends.
 */
export interface TextLeaseRecord {
  _id: string;
  holder: string;
  until: Date;
}

const textLeaseSchema = new Schema<TextLeaseRecord>(
  { _id: String, holder: { type: String, required: true }, until: { type: Date, required: true } },
  { versionKey: false },
);

export const TextLeaseModel = mongoose.model('TextLease', textLeaseSchema, 'text_reading_leases');
