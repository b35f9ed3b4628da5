import mongoose, { Schema } from 'mongoose';
import { timelineEntry } from './case.model.js';
import type { TimelineEntry } from './case.types.js';

/**
 * A note on a case's timeline, one document each (`case_notes`). A note changes nothing anyone
 * read, so adding one is an insert, atomic on every server, instead of a version-checked write of
 * the case: concurrent writers neither wait, nor fail, nor lose a note (FerretDB v1 loses
 * concurrent `$push`es into one document).
 */
export interface CaseNoteRecord extends TimelineEntry {
  caseId: mongoose.Types.ObjectId;
}

const caseNoteSchema = timelineEntry.clone();
caseNoteSchema.add({ caseId: { type: Schema.Types.ObjectId, required: true } });
caseNoteSchema.set('versionKey', false);
// The case view reads one case's notes in time order: equality on caseId, then the sort.
caseNoteSchema.index({ caseId: 1, at: 1, _id: 1 });

export const CaseNoteModel = mongoose.model<CaseNoteRecord>('CaseNote', caseNoteSchema, 'case_notes');
