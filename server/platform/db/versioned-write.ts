/**
 * Version-checked writes: the one way a domain changes a record that a client read at a
 * version, and the one way a write that lost a race is tried again.
 *
 * A client sends the version it read; the write must make the next version, or be refused with
 * 409 STALE_VERSION when someone else got there first. On MongoDB a filtered update
 * (`{ _id, version: 3 }`) is enough. FerretDB v1 is not: it evaluates an update's filter and
 * writes the document in two separate steps, so two concurrent `updateOne({ _id, __v: 3 }, …)`
 * calls can both succeed (measured: 17 of 20 races had two winners). Its unique indexes,
 * however, are enforced by the storage engine. So every write here has two guards:
 *
 * 1. the claim: the writer first inserts a document whose `_id` names the version it is about
 *    to create (`payer:<id>:4`); exactly one concurrent claimant can succeed;
 * 2. the write itself keeps the version in its filter (or, for a loaded document, mongoose's
 *    own version check on save): enough on MongoDB, and it also refuses a writer whose read
 *    predates a claim that has long settled.
 *
 * A claim whose write fails, or finds the record moved on, is released so the version can be
 * claimed again. Either way of losing is the same 409 STALE_VERSION (`isStaleVersion`), which
 * `retryLostRace` retries where the caller can read the record again and re-apply its change.
 *
 * Domains describe each kind of record once (`versionedWrites(model, kind)`) and write through
 * it; `claimVersion` is the bare claim, for a round or a one-off step that must run once only.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { Schema, type Model, type QueryFilter, type UpdateQuery } from 'mongoose';
import { AppError, conflict, errorFields } from '../errors.js';

const claimSchema = new Schema({ _id: String, at: { type: Date, required: true } }, { versionKey: false });
const VersionClaimModel = mongoose.model('VersionClaim', claimSchema, 'version_claims');

/** A claim whose write never happened (the process died in between) stops blocking after this. */
const ABANDONED_AFTER_MS = 60_000;

const claimId = (entity: string, id: string, version: number) => `${entity}:${id}:${version}`;
const releaseClaim = async (entity: string, id: string, version: number) =>
  void (await VersionClaimModel.deleteOne({ _id: claimId(entity, id, version) }));

const claimTaken = () =>
  conflict(
    'STALE_VERSION',
    'Someone else changed this record at the same moment; reload it and apply your change again.',
  );

/** A unique index refused the write: someone else took the same key first (also one of a bulk insert's writes). */
export function isDuplicateKey(err: unknown): boolean {
  const { code, writeErrors } = errorFields(err);
  return code === 11000 || (Array.isArray(writeErrors) && writeErrors.some((e) => errorFields(e).code === 11000));
}

/**
 * Someone else got there first: they claimed the version this write was about to create, or,
 * when this writer read the record before a claim it then took was long settled, the write's
 * own version filter found the record moved on (`stale`, or mongoose's VersionError from a
 * save made outside `versionedWrites`).
 */
export const isStaleVersion = (err: unknown): boolean =>
  (err instanceof AppError && err.code === 'STALE_VERSION') || err instanceof mongoose.Error.VersionError;

/**
 * Claims `nextVersion` of an entity, or throws 409 STALE_VERSION (`taken()`) when someone else
 * already has. Claiming a version frees the claim on the one before, which can no longer
 * decide anything.
 * @returns release - call it when the write failed, so the version can be claimed again
 */
export async function claimVersion(
  entity: string,
  id: string,
  nextVersion: number,
  taken: () => AppError = claimTaken,
): Promise<() => Promise<void>> {
  const _id = claimId(entity, id, nextVersion);
  try {
    await VersionClaimModel.create({ _id, at: new Date() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await VersionClaimModel.findById(_id).lean();
    if (!existing || Date.now() - existing.at.getTime() < ABANDONED_AFTER_MS) throw taken();
    // Abandoned: take it over. Racing takers are still serialised by the insert below.
    await VersionClaimModel.deleteOne({ _id, at: existing.at });
    return claimVersion(entity, id, nextVersion, taken);
  }
  await releaseClaim(entity, id, nextVersion - 1);
  return () => releaseClaim(entity, id, nextVersion);
}

/** A kind of record written under a version check, described once by its domain. */
export interface VersionedKind {
  /** Names the kind in claims (`payer:<id>:<version>`). Never rename one: running instances must agree. */
  entity: string;
  /** What a 409 calls the record: 'payer profile'. */
  label: string;
  /** The field holding the version: mongoose's `__v`, or the record's own `version`. */
  versionField: string;
  /**
   * What the API calls the version when not "version" (guidelines say "revision"): the 409 says
   * so, and carries `current<Name>` beside `currentVersion`.
   */
  versionName?: string;
}

/** The record a write is for, at the version the writer read (the write makes `version + 1`). */
export interface VersionedTarget<T> {
  /** The record's id as its claims name it (its `_id`, or the key it is found by). */
  id: string;
  version: number;
  /** How to find the record, when not `{ _id: id }`; the version condition is added to it. */
  filter?: QueryFilter<T>;
}

/** The version-checked writes of one kind of record; see `versionedWrites`. */
export interface VersionedWrites<T> {
  /** The one 409 STALE_VERSION: with `currentVersion` when the version the record is at is known. */
  stale(current?: number, sent?: number): AppError;
  /** Throws 409 STALE_VERSION unless the record read (at `current`) is at the version the client sent. */
  expect(current: number, sent: number): void;
  /**
   * `findOneAndUpdate` of the target at its version, with `$inc` of the version added to
   * `update`; resolves to the record after the write (lean).
   */
  update<R = T>(target: VersionedTarget<T>, update: UpdateQuery<T>, options?: { runValidators?: boolean }): Promise<R>;
  /**
   * Inserts version 1 of a record (the client sent version 0, "create it"). A duplicate key is
   * a 409 STALE_VERSION: someone else created it first.
   */
  create<R = T>(id: string, fields: Partial<T>): Promise<R>;
  /** `deleteOne` of the target at its version. */
  remove(target: VersionedTarget<T>): Promise<void>;
  /**
   * Saves a loaded document as its next version: mongoose's own check filters on the version
   * read and increments it (a VersionError is turned into the 409 above).
   */
  save(doc: mongoose.Document): Promise<void>;
}

/**
 * The version-checked writes of records of `model`. Each claims the version it will create
 * (`claimVersion`), writes with the version in its filter, releases the claim if the write
 * fails or finds the record moved on, and then throws `stale(current, sent)`, the current
 * version read again so the client is told where the record is.
 */
export function versionedWrites<T, Q, M, V, H, S, L>(
  model: Model<T, Q, M, V, H, S, L>,
  kind: VersionedKind,
): VersionedWrites<T> {
  const name = kind.versionName ?? 'version';
  const field = kind.versionField;

  function stale(current?: number, sent?: number): AppError {
    const where = current === undefined ? undefined : `The ${kind.label} is at ${name} ${current}`;
    const message =
      where === undefined
        ? `Someone else changed the ${kind.label} at the same moment; reload it and apply your change again.`
        : sent === undefined
          ? `${where}; reload it and apply your change again.`
          : `${where}; you sent ${sent}. Reload it and apply your change again.`;
    const detail: Record<string, unknown> = {};
    if (current !== undefined) {
      detail.currentVersion = current;
      if (kind.versionName) detail[`current${name[0].toUpperCase()}${name.slice(1)}`] = current;
    }
    return conflict('STALE_VERSION', message, detail);
  }

  // Mongoose cannot relate a literal filter to the filter type of a generic record T; `_id` and the
  // version field are paths of every record this is used for.
  const findFilter = (target: VersionedTarget<T>) => target.filter ?? ({ _id: target.id } as QueryFilter<T>);
  const atVersion = (target: VersionedTarget<T>) =>
    // As above: `field` is the version path of T.
    ({ ...findFilter(target), [field]: target.version }) as QueryFilter<T>;

  /** The version the record is at now, after a write found it moved on (undefined when it is gone). */
  async function versionNow(target: VersionedTarget<T>): Promise<number | undefined> {
    const now: unknown = await model.findOne(findFilter(target)).select(field).lean();
    const version = errorFields(now)[field];
    return typeof version === 'number' ? version : undefined;
  }

  /**
   * Claims `target.version + 1` and runs `write`. A write that throws releases the claim; one
   * that resolves to null (its filter matched nothing) does too, and is then a 409.
   */
  async function claimed<R>(target: VersionedTarget<T>, write: () => Promise<R | null>): Promise<R> {
    let release: () => Promise<void>;
    try {
      release = await claimVersion(kind.entity, target.id, target.version + 1);
    } catch (err) {
      if (!isStaleVersion(err)) throw err;
      // Someone holds the claim: the record has moved on, or the claimant's write is in flight.
      const current = await versionNow(target);
      throw current === target.version ? stale() : stale(current, target.version);
    }
    let result: R | null;
    try {
      result = await write();
    } catch (err) {
      await release();
      if (err instanceof mongoose.Error.VersionError) throw stale(await versionNow(target), target.version);
      throw err;
    }
    if (result !== null) return result;
    await release();
    throw stale(await versionNow(target), target.version);
  }

  return {
    stale,
    expect(current, sent) {
      if (current !== sent) throw stale(current, sent);
    },
    update<R>(target: VersionedTarget<T>, update: UpdateQuery<T>, options: { runValidators?: boolean } = {}) {
      const $inc = { ...update.$inc, [field]: 1 };
      return claimed<R>(target, () =>
        model
          .findOneAndUpdate(
            atVersion(target),
            { ...update, $inc },
            {
              ...options,
              returnDocument: 'after',
            },
          )
          .lean<R>(),
      );
    },
    create<R>(id: string, fields: Partial<T>) {
      return claimed({ id, version: 0 }, async () => {
        try {
          const created = await model.create({ ...fields, [field]: 1 });
          // R is the caller's name for the created record's plain form (as `lean<R>()` is in update).
          return (created instanceof mongoose.Document ? created.toObject() : created) as R;
        } catch (err) {
          if (isDuplicateKey(err)) throw stale();
          throw err;
        }
      });
    },
    async remove(target: VersionedTarget<T>) {
      await claimed(target, async () => ((await model.deleteOne(atVersion(target))).deletedCount ? true : null));
      // The record is gone, so its claim goes too: a racer that claims the version afterwards
      // finds nothing to write, and a record created again under the same id (a letter
      // template) starts again at version 1 without meeting this claim later.
      await releaseClaim(kind.entity, target.id, target.version + 1);
    },
    async save(doc: mongoose.Document) {
      const version: number = doc.get(field);
      // A new version even when only scalars changed (without optimisticConcurrency, mongoose
      // checks and increments the version only for array changes).
      doc.increment();
      await claimed({ id: String(doc._id), version }, async () => Boolean(await doc.save()));
      // Nothing was modified, so nothing was written: the version claimed was not made.
      if (doc.get(field) === version) await releaseClaim(kind.entity, String(doc._id), version + 1);
    },
  };
}

/** Delay before retry `attempt` (1-based): 15 ms doubling up to 400 ms, times 0.5–1.5 so racers spread out. */
export function retryDelayMs(attempt: number): number {
  return Math.min(15 * 2 ** (attempt - 1), 400) * (0.5 + Math.random());
}

/**
 * Runs `write`, and again after a delay while it fails with an error `lostRace` accepts
 * (`isStaleVersion`, or `isDuplicateKey` for an insert racing for a unique number), up to
 * `attempts` times in all; any other error, or the last one, is thrown. `write` must read the
 * record again and re-apply its change: it is for changes that depend on no field another
 * writer may have changed (a note appended), never for a client's edit of what it saw.
 *
 * Racers that retry at once tend to collide again while the winner's write is still in flight
 * (on FerretDB v1 a save takes a few milliseconds), so each retry waits a jittered, doubling
 * delay first. Twelve tries wait about four seconds in all: room for ten people writing to one
 * case at the same moment on a busy server.
 */
export async function retryLostRace<T>(
  write: () => Promise<T>,
  lostRace: (err: unknown) => boolean,
  attempts = 12,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= attempts || !lostRace(err)) throw err;
      await sleep(retryDelayMs(attempt));
    }
  }
}
