/**
 * Compare-and-set for version-checked writes that holds on FerretDB v1 as well as MongoDB.
 *
 * FerretDB v1 evaluates an update's filter and writes the document in two separate steps, so
 * two concurrent `updateOne({ _id, __v: 3 }, …)` calls can both succeed (measured: 17 of 20
 * races had two winners). Its unique indexes, however, are enforced by the storage engine.
 * So a writer first claims the version it is about to create by inserting a document whose
 * `_id` names it; exactly one concurrent claimant can succeed. The `__v` filter stays on the
 * update as a second guard on MongoDB.
 */
import mongoose, { Schema } from 'mongoose';
import { conflict } from '../errors.js';
import { isDuplicateKey } from './retry.js';

const claimSchema = new Schema({ _id: String, at: { type: Date, required: true } }, { versionKey: false });
const VersionClaimModel = mongoose.model('VersionClaim', claimSchema, 'version_claims');

/** A claim whose write never happened (the process died in between) stops blocking after this. */
const ABANDONED_AFTER_MS = 60_000;

const claimId = (entity: string, id: string, version: number) => `${entity}:${id}:${version}`;

/**
 * Claims `nextVersion` of an entity, or throws 409 STALE_VERSION when someone else already has.
 * @returns release - call it when the write failed, so the version can be claimed again
 */
export async function claimVersion(entity: string, id: string, nextVersion: number): Promise<() => Promise<void>> {
  const _id = claimId(entity, id, nextVersion);
  try {
    await VersionClaimModel.create({ _id, at: new Date() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await VersionClaimModel.findById(_id).lean();
    if (!existing || Date.now() - existing.at.getTime() < ABANDONED_AFTER_MS) {
      throw conflict(
        'STALE_VERSION',
        'Someone else changed this record at the same moment; reload it and apply your change again.',
      );
    }
    // Abandoned: take it over. Racing takers are still serialised by the insert below.
    await VersionClaimModel.deleteOne({ _id, at: existing.at });
    return claimVersion(entity, id, nextVersion);
  }
  // The previous version's claim can no longer decide anything.
  await VersionClaimModel.deleteOne({ _id: claimId(entity, id, nextVersion - 1) });
  return async () => void (await VersionClaimModel.deleteOne({ _id }));
}

/**
 * Runs a version-checked write: claims `currentVersion + 1`, runs `write`, and releases the
 * claim if the write fails.
 */
export async function withVersionClaim<T>(
  entity: string,
  id: string,
  currentVersion: number,
  write: () => Promise<T>,
): Promise<T> {
  const release = await claimVersion(entity, id, currentVersion + 1);
  try {
    return await write();
  } catch (err) {
    await release();
    throw err;
  }
}
