import mongoose, { Schema } from 'mongoose';
import { REASON_CODE_KINDS, type ReasonCodeKind } from './reason-code.types.js';

/**
 * The official wording of one code, from the list an administrator loaded (X12's text, licensed
 * by the clinic). Each load writes a new set under its own `loadId`; the list record below names
 * the set in use, so a reader never sees half of one load and half of another.
 */
export interface ReasonCodeTextRecord {
  loadId: string;
  kind: ReasonCodeKind;
  code: string;
  description: string;
  /** ISO dates (YYYY-MM-DD) as the list gives them. */
  startDate?: string;
  stopDate?: string;
}

const reasonCodeTextSchema = new Schema<ReasonCodeTextRecord>(
  {
    loadId: { type: String, required: true },
    kind: { type: String, enum: REASON_CODE_KINDS, required: true },
    code: { type: String, required: true },
    description: { type: String, required: true },
    startDate: String,
    stopDate: String,
  },
  { collection: 'reason_code_texts' },
);
// One code once per load; the lookups are by load and code.
reasonCodeTextSchema.index({ loadId: 1, code: 1 }, { unique: true });

export const ReasonCodeTextModel = mongoose.model('ReasonCodeText', reasonCodeTextSchema);

/** Which loaded set of official texts is in use for one list (CARC or RARC). */
export interface OfficialListRecord {
  _id: ReasonCodeKind;
  loadId: string;
  codes: number;
  loadedAt: Date;
  loadedById: string;
}

const officialListSchema = new Schema<OfficialListRecord>(
  {
    _id: { type: String, enum: REASON_CODE_KINDS },
    loadId: { type: String, required: true },
    codes: { type: Number, required: true },
    loadedAt: { type: Date, required: true },
    loadedById: { type: String, required: true },
  },
  { collection: 'reason_code_lists' },
);

export const OfficialListModel = mongoose.model('ReasonCodeList', officialListSchema);
