/**
 * What the reminder pass reads of cases beyond the due ones (case-reads.ts `casesDueBetween`): the
 * assignee of each case a peer-to-peer review belongs to. No patient data.
 */
import { CaseModel, type CaseRecord } from './case.model.js';

/** Each case's assignee, by case id (a case without one, or not found, maps to undefined). */
export async function assigneesOfCases(caseIds: string[]): Promise<Map<string, string | undefined>> {
  // Index _id_, one case at a time: FerretDB v1 pushes down a bare `_id` equality only, and reads
  // the whole collection for an `$in`; the reviews coming due are a few, the cases many.
  const ids = [...new Set(caseIds)];
  const found = await Promise.all(
    ids.map((_id) => CaseModel.findOne({ _id }).select('assigneeId').lean<Pick<CaseRecord, '_id' | 'assigneeId'>>()),
  );
  return new Map(ids.map((id, k) => [id, found[k]?.assigneeId ?? undefined]));
}
