import mongoose, { Schema, type Types } from 'mongoose';
import { CRITERION_STATUSES, type CriterionEvidence, type CriterionStatus } from './guideline.types.js';
import { guidelineFields, type StoredReference } from './guideline.model.js';

/**
 * A guideline attached to a case as a criterion. Its own collection (not embedded in the case)
 * so that judging criteria never conflicts with edits to the case; each change is one
 * version-checked write of this document.
 */
export interface CaseCriterionRecord {
  _id: Types.ObjectId;
  __v: number;
  caseId: Types.ObjectId;
  guideline: StoredReference & { id: Types.ObjectId; revision: number };
  status: CriterionStatus;
  evidence: (Omit<CriterionEvidence, 'documentId'> & { documentId?: Types.ObjectId })[];
  addedById: string;
  addedByName: string;
  addedAt: Date;
  updatedById?: string;
  updatedByName?: string;
  updatedAt?: Date;
}

const evidenceItem = new Schema(
  {
    documentId: Schema.Types.ObjectId,
    documentTitle: String,
    page: { type: Number, min: 1 },
    quote: { type: String, maxlength: 2000 },
    statement: { type: String, maxlength: 4000 },
  },
  { _id: false },
);

const caseCriterionSchema = new Schema<CaseCriterionRecord>({
  caseId: { type: Schema.Types.ObjectId, required: true },
  guideline: new Schema(
    {
      id: { type: Schema.Types.ObjectId, required: true },
      revision: { type: Number, required: true },
      ...guidelineFields,
    },
    { _id: false },
  ),
  status: { type: String, required: true, enum: CRITERION_STATUSES },
  evidence: { type: [evidenceItem], default: [] },
  addedById: { type: String, required: true },
  addedByName: { type: String, required: true },
  addedAt: { type: Date, required: true },
  updatedById: String,
  updatedByName: String,
  updatedAt: Date,
});
// A guideline is judged once per case; the index settles two people attaching it at once.
caseCriterionSchema.index({ caseId: 1, 'guideline.id': 1 }, { unique: true });

export const CaseCriterionModel = mongoose.model('CaseCriterion', caseCriterionSchema, 'case_criteria');
