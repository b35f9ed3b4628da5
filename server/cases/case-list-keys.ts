/**
 * The migrations that gave stored cases the keys their lists read (`listKeys`, and whether a
 * filing deadline is unknown): cases written before a key existed get it from their own status
 * and deadlines.
 */
import { CaseModel } from './case.model.js';
import { filingDeadlineMissing, listKeys } from './case-deadlines.js';

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

/**
 * Open cases made before the case said when its filing deadline is unknown: each gets the level
 * that must be filed with no deadline known (plan type `other` with no payer window), from its own
 * status and deadlines. Cases that have the key, or a filing deadline, are left alone.
 * @returns how many cases were marked
 */
export async function markMissingFilingDeadlines(): Promise<number> {
  const candidates = await CaseModel.collection
    .find(
      { statusGroup: 'open', filingDeadlineMissing: { $exists: false }, 'deadlines.kind': { $ne: 'filing' } },
      { projection: { status: 1, appealLevel: 1, 'payer.planType': 1, deadlines: 1 } },
    )
    .toArray();
  let marked = 0;
  for (const c of candidates) {
    const level = filingDeadlineMissing(
      { status: c.status, planType: c.payer.planType, appealLevel: c.appealLevel },
      c.deadlines ?? [],
    );
    if (!level) continue;
    await CaseModel.collection.updateOne({ _id: c._id }, { $set: { filingDeadlineMissing: level } });
    marked++;
  }
  return marked;
}
