/**
 * The cases domain's data migrations (run by server/migrations.ts). Each finds only cases still
 * in the old shape, so running one twice changes nothing the second time.
 */
import { CaseModel, type CaseRecord } from './case.model.js';
import { CaseNoteModel } from './case-note.model.js';
import { commitChange, refreshDeadlines, saveNextVersion, timelineEntry } from './case-store.js';
import { correctLegacyPeerToPeer, LEGACY_P2P_STATUSES } from './p2p-correction.js';
import { dueOrder } from './case-deadlines.js';
import { citesAdherence } from './adherence-words.js';
import { searchTermsFor } from './case-view.js';
import type { PeerToPeerTrack } from './case.types.js';
import type { Clock } from '../platform/clock.js';
import { isDuplicateKey, isStaleVersion, retryLostRace } from '../platform/db/versioned-write.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

/** Who the timeline and the audit trail name for a correction no user made. */
const DATA_CORRECTION: AuthenticatedUser = { id: 'system', name: 'Overturn data correction', role: 'admin' };

/**
 * Cases touched by the old peer-to-peer statuses: each returns to the appeal status it came
 * from, a level opened by an upheld call is put back (see p2p-correction.ts), and the old
 * timeline entries say what they recorded then. Deadlines are counted again.
 * @returns how many cases changed
 */
export async function correctLegacyPeerToPeerCases(clock: Clock): Promise<number> {
  // The old statuses are no longer in the model's types: the filter names them as stored strings.
  const legacy = { $in: [...LEGACY_P2P_STATUSES] };
  const found = await CaseModel.collection
    .find(
      { $or: [{ status: legacy }, { 'timeline.toStatus': legacy }, { 'timeline.fromStatus': legacy }] },
      { projection: { _id: 1 } },
    )
    .toArray();
  let changed = 0;
  for (const { _id } of found) {
    const corrected = await retryLostRace(async () => {
      const doc = await CaseModel.findById(_id);
      const fix = doc ? correctLegacyPeerToPeer(doc.toObject()) : null;
      if (!doc || !fix) return false;
      const now = clock.now();
      doc.set({
        status: fix.status,
        appealLevel: fix.appealLevel,
        levelHistory: fix.levelHistory,
        levelNotice: fix.levelNotice,
        submittedAt: fix.submittedAt,
        timeline: fix.timeline,
      });
      if (fix.explanation)
        doc.timeline.push(
          timelineEntry(DATA_CORRECTION, now, 'correction', { note: fix.explanation, level: fix.appealLevel }),
        );
      await refreshDeadlines(doc, clock);
      await commitChange(doc, { actor: DATA_CORRECTION, action: 'case.correct', fields: ['status'], at: now });
      return true;
    }, isStaleVersion);
    if (corrected) changed++;
  }
  return changed;
}

/**
 * Gives a case the summary of its open P2P call when it has none (cases whose call was asked
 * for before the case held one). No timeline entry: the call's own entries are already there.
 * @returns whether the case changed
 */
export async function restorePeerToPeerTrack(caseId: string, track: PeerToPeerTrack): Promise<boolean> {
  return retryLostRace(async () => {
    const doc = await CaseModel.findById(caseId);
    if (!doc || doc.peerToPeer) return false;
    doc.set('peerToPeer', track);
    await saveNextVersion(doc);
    return true;
  }, isStaleVersion);
}

/**
 * The sort key of the soonest deadline gained its hour ("2026-12-01T12:00"; "T24:00" for a whole
 * day): keys stored as a bare date are written again from the case's own deadlines.
 * @returns how many cases changed
 */
export async function addHourToDueOrder(): Promise<number> {
  const stale = await CaseModel.collection
    .find({ dueOrder: { $regex: /^\d{4}-\d{2}-\d{2}$/, $ne: '9999-12-31' } }, { projection: { deadlines: 1 } })
    .toArray();
  for (const c of stale)
    await CaseModel.collection.updateOne({ _id: c._id }, { $set: { dueOrder: dueOrder(c.deadlines ?? []) } });
  return stale.length;
}

/**
 * Cases written before the denial kept whether its reason cites adherence (`denial.adherenceCited`)
 * get it from their own reason, so the board counts every case by the flag.
 * @returns how many cases changed; a second run finds none
 */
export async function markAdherenceCited(): Promise<number> {
  const stale = await CaseModel.collection
    .find({ 'denial.adherenceCited': { $exists: false } }, { projection: { 'denial.payerReason': 1 } })
    .toArray();
  for (const c of stale)
    // By `_id` alone: the one filter FerretDB v1 pushes down.
    await CaseModel.collection.updateOne(
      { _id: c._id },
      { $set: { 'denial.adherenceCited': citesAdherence(c.denial?.payerReason) } },
    );
  return stale.length;
}

/**
 * An imported case's search terms gain its reference, as a typed case's have: they were counted
 * before the import gave the reference, so a search by reference did not find an imported case.
 * @returns how many cases changed
 */
export async function addReferenceToImportedSearchTerms(): Promise<number> {
  // A cursor, not an array: a clinic may hold tens of thousands of imported cases. A one-off scan.
  const imported = CaseModel.collection.find(
    { claim: { $exists: true } },
    { projection: { reference: 1, patient: 1, service: 1, searchTerms: 1 } },
  );
  let changed = 0;
  for await (const c of imported) {
    const held = new Set((c.searchTerms as string[] | undefined) ?? []);
    const missing = searchTermsFor(c as Parameters<typeof searchTermsFor>[0]).filter((t) => !held.has(t));
    if (!missing.length) continue;
    // By `_id` alone: the one filter FerretDB v1 pushes down.
    await CaseModel.collection.updateOne({ _id: c._id }, { $addToSet: { searchTerms: { $each: missing } } });
    changed++;
  }
  return changed;
}

/**
 * Notes stored inside their case (before notes were documents of their own) move to `case_notes`
 * under their own ids, so a run cut short and run again neither loses nor doubles one; the case
 * then drops them in a version-checked write.
 * @returns how many cases changed
 */
export async function moveEmbeddedNotes(): Promise<number> {
  const cases = await CaseModel.find({ 'timeline.type': 'note' }).select('_id').lean<Pick<CaseRecord, '_id'>[]>();
  let changed = 0;
  for (const { _id } of cases) {
    const moved = await retryLostRace(async () => {
      const doc = await CaseModel.findById(_id);
      if (!doc) return false;
      const { timeline } = doc.toObject();
      const notes = timeline.filter((e) => e.type === 'note');
      if (!notes.length) return false;
      try {
        await CaseNoteModel.insertMany(
          notes.map((n) => ({ ...n, caseId: doc._id })),
          { ordered: false },
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      doc.set(
        'timeline',
        timeline.filter((e) => e.type !== 'note'),
      );
      await saveNextVersion(doc);
      return true;
    }, isStaleVersion);
    if (moved) changed++;
  }
  return changed;
}
