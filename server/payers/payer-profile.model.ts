import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { DAY_UNITS, WINDOW_STARTS } from '../deadlines/index.js';

/**
 * What a clinic knows about one payer beyond the federal rules: its own appeal window (for
 * commercial plans and plan type `other`), its peer-to-peer window, and the state settings
 * that the regulations leave to the state (fair hearing days, external review months).
 */
const windowSchema = new Schema(
  {
    days: { type: Number, required: true },
    unit: { type: String, enum: DAY_UNITS, required: true },
    countFrom: { type: String, enum: WINDOW_STARTS, required: true },
    label: String,
  },
  { _id: false },
);

const payerProfileSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    /** The id the payer's remittances carry for it (835 N1*PR, a FHIR insurer): how an import finds the profile. */
    electronicPayerId: { type: String, trim: true },
    appealWindow: windowSchema,
    p2pWindow: windowSchema,
    p2pRules: {
      /** Some payers allow one P2P per service and none once an appeal is filed. */
      onePerService: Boolean,
      noneAfterAppealFiled: Boolean,
      /** A call after the determination is educational only: it cannot change the decision (eviCore's policy). */
      postDecisionEducationalOnly: Boolean,
      notes: String,
    },
    stateFairHearingDays: { type: Number, min: 120, max: 120 },
    externalReviewMonths: { type: Number, min: 4, max: 12 },
    appealsAddress: { line1: String, line2: String, city: String, state: String, postalCode: String },
    fax: String,
    phone: String,
    portalUrl: String,
    notes: String,
  },
  { timestamps: true, optimisticConcurrency: true },
);
payerProfileSchema.index({ name: 1 }, { unique: true });

export type PayerProfileRecord = InferSchemaType<typeof payerProfileSchema> & {
  _id: mongoose.Types.ObjectId;
  __v: number;
};
export const PayerProfileModel = mongoose.model('PayerProfile', payerProfileSchema);
