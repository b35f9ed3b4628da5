import mongoose, { Schema } from 'mongoose';
import type { RemittanceFormat } from '../remittances/index.js';

/** The formats an import takes, each read by its content. */
export const REMITTANCE_FORMATS: readonly RemittanceFormat[] = ['835', 'fhir', 'csv'];

/** Where an import stands: waiting for the job, being read, finished, failed (a fault), or refused (a bad envelope). */
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'refused'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** What an import did, claim by claim. */
export interface ImportCounts {
  claimsRead: number;
  /** Claims denied (status 4) or partly denied (denial adjustments on some lines). */
  denialsFound: number;
  casesCreated: number;
  /** Denied claims whose case already existed (same claim key): nothing new made. */
  casesMatched: number;
  /** Paid claims that recovered money on an open case's lines. */
  paymentsMatched: number;
  /** Reversals (status 22) recorded on the case they reverse. */
  reversalsRecorded: number;
}

/** A claim the import could not take, where it is in the file and why (never a value from the file). */
export interface SkippedClaim {
  position: number;
  element?: string;
  reason: string;
}

export interface ImportRecord {
  _id: mongoose.Types.ObjectId;
  /** SHA-256 of the file: the same file twice is one import. The file is stored under this name. */
  sha256: string;
  size: number;
  format: RemittanceFormat;
  status: ImportStatus;
  progress: { claimsDone: number; claimsTotal?: number };
  counts: ImportCounts;
  skipped: SkippedClaim[];
  /**
   * Why it was refused or failed: a code, the position where the file went wrong (segment of an
   * 835, row of a CSV) and, for an invalid FHIR resource or CSV header, each path or column at fault.
   */
  problem?: { code: string; message: string; segment?: number; fields?: { field: string; message: string }[] };
  /** Who uploaded it: the import's writes to cases are made in their name. */
  createdBy: { id: string; name: string; role: string };
  startedAt?: Date;
  finishedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const fieldProblem = new Schema({ field: String, message: String }, { _id: false });

const counts = {
  claimsRead: { type: Number, default: 0 },
  denialsFound: { type: Number, default: 0 },
  casesCreated: { type: Number, default: 0 },
  casesMatched: { type: Number, default: 0 },
  paymentsMatched: { type: Number, default: 0 },
  reversalsRecorded: { type: Number, default: 0 },
};

const importSchema = new Schema<ImportRecord>(
  {
    sha256: { type: String, required: true, unique: true },
    size: { type: Number, required: true },
    format: { type: String, enum: REMITTANCE_FORMATS, required: true },
    status: { type: String, enum: IMPORT_STATUSES, default: 'queued' },
    progress: { claimsDone: { type: Number, default: 0 }, claimsTotal: Number },
    counts,
    skipped: [{ _id: false, position: Number, element: String, reason: String }],
    problem: {
      type: new Schema(
        { code: String, message: String, segment: Number, fields: { type: [fieldProblem], default: undefined } },
        { _id: false },
      ),
      default: undefined,
    },
    createdBy: { id: String, name: String, role: String },
    startedAt: Date,
    finishedAt: Date,
  },
  { timestamps: true },
);
// The list of past imports, newest first.
importSchema.index({ createdAt: -1, _id: -1 });

export const ImportModel = mongoose.model('Import', importSchema, 'imports');
