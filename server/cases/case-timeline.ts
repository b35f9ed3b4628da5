/**
 * The timeline as read: the case's own entries, each written in the same write as the change it
 * records, and its notes, documents of their own (case-note.model.ts), merged by time. Internal
 * to cases/.
 */
import type { CaseDocument, CaseRecord } from './case.model.js';
import { CaseNoteModel } from './case-note.model.js';
import type { TimelineEntry } from './case.types.js';
import { toCaseView, type CaseView } from './case-view.js';

/** Adds a note to the timeline of case `caseId`: one insert, whoever else writes the case meanwhile. */
export async function appendNote(caseId: string, entry: TimelineEntry): Promise<void> {
  await CaseNoteModel.create({ ...entry, caseId });
}

/**
 * Entries by time; at the same instant (a fixed clock, or one millisecond) by id, which a process
 * makes in increasing order as the entries are made.
 */
const byTime = (a: TimelineEntry, b: TimelineEntry) =>
  a.at.getTime() - b.at.getTime() || String(a._id ?? '').localeCompare(String(b._id ?? ''));

/** The case's timeline, oldest first: its own entries and its notes. */
export async function timelineOf(record: Pick<CaseRecord, '_id' | 'timeline'>): Promise<TimelineEntry[]> {
  // Index { caseId: 1, at: 1, _id: 1 }: equality on caseId, then the sort.
  const notes = await CaseNoteModel.find({ caseId: record._id })
    .sort({ at: 1, _id: 1 })
    .select('-caseId')
    .lean<TimelineEntry[]>();
  return [...record.timeline, ...notes].sort(byTime);
}

/** The case file as its user sees it: the case and its whole timeline. */
export async function caseFile(doc: CaseDocument): Promise<CaseView> {
  const record = doc.toObject();
  return toCaseView({ ...record, timeline: await timelineOf(record) }, { timeline: true });
}
