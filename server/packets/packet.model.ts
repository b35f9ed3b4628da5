import mongoose, { Schema, type Types } from 'mongoose';
import type { AppealLevel } from '../deadlines/index.js';
import type { EvidenceDocument } from '../evidence/index.js';

/**
 * One generated packet: an immutable version of a case's appeal, in its own collection
 * (packets are many per case and never change, so they stay out of the case document).
 * The only later write is recording the one submission, guarded so it can happen once.
 */
export const SUBMISSION_METHODS = ['fax', 'portal', 'mail', 'email'] as const;
export type SubmissionMethod = (typeof SUBMISSION_METHODS)[number];

export interface PacketSubmission {
  method: SubmissionMethod;
  submittedAt: Date;
  confirmationNumber?: string;
  note?: string;
  recordedById: string;
  recordedByName: string;
  recordedAt: Date;
  /** Sent with required elements missing: the user's reason, and which (required-elements.ts). */
  readinessOverride?: { reason: string; missing: string[] };
}

/** An evidence document as the packet encloses it, from its first page in the packet on. */
export type PacketExhibit = Pick<EvidenceDocument, 'title' | 'kind' | 'date' | 'mediaType' | 'sha256' | 'pageCount'> & {
  documentId: string;
  startPage: number;
};

export interface PacketRecord {
  _id: Types.ObjectId;
  caseId: Types.ObjectId;
  reference: string;
  version: number;
  template: string;
  caseVersion: number;
  appealLevel: AppealLevel;
  documentIds: string[];
  exhibits: PacketExhibit[];
  /** Generated with required sections empty, at the user's request: watermarked DRAFT, never submitted. */
  draft?: boolean;
  /** How the clinic means to send it: `fax` puts a cover sheet first. */
  sendBy?: SubmissionMethod;
  /** Pages before the letter (fax cover sheet, Medicare request page); 0 for packets made before them. */
  frontPages?: number;
  letterPages: number;
  indexPages: number;
  pageCount: number;
  sha256: string;
  size: number;
  /** The letter as rendered (document markup), so the stored packet's preview never changes. */
  letterMarkup: string;
  generatedById: string;
  generatedByName: string;
  generatedAt: Date;
  submission?: PacketSubmission;
}

const exhibit = new Schema<PacketExhibit>(
  {
    documentId: String,
    title: String,
    kind: String,
    date: String,
    mediaType: String,
    sha256: String,
    startPage: Number,
    pageCount: Number,
  },
  { _id: false },
);

const packetSchema = new Schema<PacketRecord>(
  {
    caseId: { type: Schema.Types.ObjectId, required: true },
    reference: { type: String, required: true },
    /** 1, 2, 3… per case; the unique index below makes two racing generations retry, not collide. */
    version: { type: Number, required: true, min: 1 },
    template: { type: String, required: true },
    caseVersion: { type: Number, required: true },
    appealLevel: { type: String, required: true },
    documentIds: [String],
    exhibits: [exhibit],
    draft: Boolean,
    sendBy: { type: String, enum: SUBMISSION_METHODS },
    frontPages: { type: Number, min: 0 },
    letterPages: { type: Number, required: true },
    indexPages: { type: Number, required: true },
    pageCount: { type: Number, required: true },
    /** The stored file is uploads/packets/<sha256>.pdf: a name that carries no PHI. */
    sha256: { type: String, required: true },
    size: { type: Number, required: true },
    letterMarkup: { type: String, required: true, select: false },
    generatedById: { type: String, required: true },
    generatedByName: { type: String, required: true },
    generatedAt: { type: Date, required: true },
    submission: {
      type: new Schema<PacketSubmission>(
        {
          method: { type: String, enum: SUBMISSION_METHODS, required: true },
          submittedAt: { type: Date, required: true },
          confirmationNumber: String,
          note: String,
          recordedById: String,
          recordedByName: String,
          recordedAt: Date,
          readinessOverride: {
            type: new Schema({ reason: String, missing: [String] }, { _id: false }),
            default: undefined,
          },
        },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { versionKey: false },
);

packetSchema.index({ caseId: 1, version: 1 }, { unique: true });
packetSchema.index({ sha256: 1 });

export const PacketModel = mongoose.model('Packet', packetSchema, 'packets');
