import mongoose, { Schema, type Types } from 'mongoose';
import { GUIDELINE_SOURCES, type GuidelineReference } from './guideline.types.js';

/** A reference as stored: in the library, and copied onto each criterion that cites it. */
export type StoredReference = Omit<GuidelineReference, 'id'>;

/**
 * The shared library of guideline references. Holds no PHI. `__v` is the edit counter that
 * PATCH checks (shown as `revision`, since `version` is the guideline's own edition).
 */
export interface GuidelineRecord extends StoredReference {
  _id: Types.ObjectId;
  __v: number;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
}

export const guidelineFields = {
  source: { type: String, required: true, enum: [...GUIDELINE_SOURCES] },
  title: { type: String, required: true, maxlength: 300 },
  issuingBody: { type: String, required: true, maxlength: 300 },
  version: { type: String, maxlength: 100 },
  publishedDate: String,
  section: { type: String, maxlength: 200 },
  url: String,
  criterionText: { type: String, required: true, maxlength: 5000 },
  procedureCodes: { type: [String], default: [] },
  diagnosisCodes: { type: [String], default: [] },
};

const guidelineSchema = new Schema<GuidelineRecord>({
  ...guidelineFields,
  createdById: { type: String, required: true },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
});
guidelineSchema.index({ procedureCodes: 1 });
guidelineSchema.index({ diagnosisCodes: 1 });

export const GuidelineModel = mongoose.model('Guideline', guidelineSchema, 'guidelines');
