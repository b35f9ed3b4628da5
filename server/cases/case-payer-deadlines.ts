/**
 * A payer profile's open cases counted again when the profile is made or changed, including the
 * imported cases that name this payer but were linked to no profile when they came in (their
 * filing deadline was unknown until a profile gave the window).
 */
import { CaseModel, type CaseDocument } from './case.model.js';
import { commitChange, refreshDeadlines, timelineEntry } from './case-store.js';
import { FINISHED_STATUSES } from './case-status.js';
import { findPayerProfile, type PayerProfileRecord } from '../payers/index.js';
import { escapeRegex } from '../platform/escape-regex.js';
import type { Clock } from '../platform/clock.js';
import { isStaleVersion, retryLostRace } from '../platform/db/versioned-write.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

/**
 * Open imported cases with no profile whose remittance named this payer, by its payer id or its
 * name (case aside), as an import would have matched them. A scan, on a profile's change only.
 */
function unlinkedImportedCases(payer: PayerProfileRecord) {
  const named = [
    { 'payer.name': { $regex: `^${escapeRegex(payer.name)}$`, $options: 'i' } },
    ...(payer.electronicPayerId ? [{ 'claim.payerId': payer.electronicPayerId }] : []),
  ];
  return CaseModel.find({
    statusGroup: 'open',
    claim: { $exists: true },
    'payer.profileId': { $exists: false },
    $or: named,
  })
    .select('_id')
    .lean<{ _id: unknown }[]>();
}

/**
 * After a payer profile is made or changed, its open cases count their deadlines again from its
 * windows; imported cases that name the payer are linked to it first. A case whose dates move gets
 * a timeline line saying so; one whose dates stay is not written. A case someone is changing at
 * the same moment is read again and retried.
 * @returns how many cases' deadlines moved
 */
export async function recomputePayerDeadlines(
  payerId: string,
  actor: AuthenticatedUser,
  { clock }: { clock: Clock },
): Promise<number> {
  const payer = await findPayerProfile(payerId);
  if (!payer) return 0;
  const [linked, unlinked] = await Promise.all([
    // Index payer.profileId_1_status_1.
    CaseModel.find({ 'payer.profileId': payerId, status: { $nin: FINISHED_STATUSES } })
      .select('_id')
      .lean<{ _id: unknown }[]>(),
    unlinkedImportedCases(payer),
  ]);
  const dates = (doc: CaseDocument) => doc.deadlines.map((d) => `${d.kind} ${d.level} ${d.dueDate}`).join(', ');
  let moved = 0;
  for (const { _id } of [...linked, ...unlinked]) {
    await retryLostRace(async () => {
      const doc = await CaseModel.findById(_id);
      if (!doc) return;
      const linking = !doc.payer.profileId;
      if (linking) doc.set('payer.profileId', payer._id);
      const before = dates(doc);
      await refreshDeadlines(doc, clock, payer);
      if (dates(doc) === before) return;
      const now = clock.now();
      const why = linking ? `the payer profile ${payer.name} was linked` : 'the payer profile changed';
      doc.timeline.push(
        timelineEntry(actor, now, 'updated', {
          fields: linking ? ['payer.profileId', 'deadlines'] : ['deadlines'],
          note: `Deadlines computed again after ${why}: ${dates(doc) || 'none open'} (were: ${before || 'none'}).`,
        }),
      );
      await commitChange(doc, { actor, action: 'case.deadlines_recomputed', fields: ['deadlines'], at: now });
      moved += 1;
    }, isStaleVersion);
  }
  return moved;
}
