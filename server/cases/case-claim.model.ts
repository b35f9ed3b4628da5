import mongoose, { Schema } from 'mongoose';
import { LINE_RESOLUTIONS } from './case.types.js';
import { RESOLUTION_ROUTES } from '../reason-codes/index.js';

/**
 * The stored shape of a case's claim and lines (case.types.ts: `CaseClaim`, `ClaimLineRecord`),
 * embedded in the case so that recording a payment on a line is one version-checked write of it.
 * Money is integer cents.
 */
const cents = { type: Number, validate: Number.isInteger };

const adjustment = new Schema(
  {
    group: { type: String, enum: ['CO', 'PR', 'OA', 'PI', 'CR'], required: true },
    reason: { type: String, required: true },
    amountCents: { ...cents, required: true },
  },
  { _id: false },
);

const resolution = new Schema(
  {
    kind: { type: String, enum: LINE_RESOLUTIONS, required: true, default: 'open' },
    amountCents: cents,
    remittance: String,
    reason: String,
    approvedBy: String,
    at: Date,
  },
  { _id: false },
);

/** One service line with its adjustments, remark codes and resolution. */
export const claimLineSchema = new Schema(
  {
    procedure: { type: new Schema({ code: String, modifiers: [String] }, { _id: false }), default: undefined },
    units: { type: Number, default: 1 },
    serviceDate: String,
    chargeCents: { ...cents, required: true },
    allowedCents: cents,
    paidCents: { ...cents, required: true },
    deniedCents: { ...cents, required: true, default: 0 },
    adjustments: [adjustment],
    remarkCodes: [String],
    underAppeal: { type: Boolean, default: false },
    resolution: { type: resolution, default: () => ({ kind: 'open' }) },
  },
  { _id: false },
);

/** The claim an imported case came from. */
export const caseClaimSchema = new Schema(
  {
    patientControlNumber: { type: String, required: true },
    payerClaimControlNumber: { type: String, required: true },
    status: { type: String, required: true },
    payerId: String,
    chargeCents: { ...cents, required: true },
    paidCents: { ...cents, required: true },
    patientResponsibilityCents: cents,
    serviceStart: String,
    serviceEnd: String,
    renderingProvider: { type: new Schema({ name: String, npi: String }, { _id: false }), default: undefined },
    facilityType: String,
    remittance: String,
    importId: String,
    recommendation: {
      type: new Schema(
        { route: { type: String, enum: RESOLUTION_ROUTES, required: true }, reason: { type: String, required: true } },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { _id: false },
);

/**
 * The claim keys of imported cases, one document each with the key as its `_id`: on FerretDB v1
 * only an `_id` equality is pushed down to SQLite, so a per-claim lookup of the case's own
 * `claimKey` field would scan every case (a 1,200-claim import did not finish in three minutes).
 * The key is inserted before its case, so the `_id` decides which of two racing imports makes it.
 */
const claimKeySchema = new Schema(
  { _id: { type: String, required: true }, caseId: { type: Schema.Types.ObjectId, required: true }, at: Date },
  { versionKey: false },
);
export const CaseClaimKeyModel = mongoose.model('CaseClaimKey', claimKeySchema, 'case_claim_keys');
