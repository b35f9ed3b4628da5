/**
 * The migration that gave stored cases the keys their lists read (`listKeys`): cases written
 * before `statusGroup` and `worklistDue` existed get them from their own status and deadlines.
 */
import { CaseModel } from './case.model.js';
import { listKeys } from './case-deadlines.js';

/** @returns how many cases changed; a second run finds none. */
export async function addListKeys(): Promise<number> {
  const stale = await CaseModel.collection
    .find(
      { $or: [{ statusGroup: { $exists: false } }, { worklistDue: { $exists: false } }] },
      { projection: { status: 1, deadlines: 1 } },
    )
    .toArray();
  for (const c of stale) {
    const { statusGroup, worklistDue } = listKeys(c.status, c.deadlines ?? []);
    // By `_id` alone: the one filter FerretDB v1 pushes down.
    await CaseModel.collection.updateOne({ _id: c._id }, { $set: { statusGroup, worklistDue } });
  }
  return stale.length;
}
