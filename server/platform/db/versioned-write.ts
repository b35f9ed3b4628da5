/**
 * Version-checked writes: the one way a domain changes a record that a client read at a
 * version, and the one way a write that lost a race is tried again.
 *
 * A client sends the version it read; the write must make the next version, or be refused with
 * 409 STALE_VERSION when someone else got there first. How depends on the connection's guard
 * (`chooseWriteGuard`, at connect):
 *
 * - `conditional` (MongoDB): the filtered update (`updateOne({ _id, __v: 3 }, …)`, or mongoose's
 *   own version check on save) is atomic, and is all there is; `version_claims` is not touched.
 * - `claims` (FerretDB v1): it evaluates an update's filter and writes the document in two
 *   separate steps, so two concurrent conditional updates can both succeed (measured: 17 of 20
 *   races had two winners). Its unique indexes, however, are enforced by the storage engine. So
 *   the writer first claims the version it is about to create by inserting a document whose
 *   `_id` names it (`payer:<id>:4`): exactly one concurrent claimant succeeds. The claimant then
 *   reads the record's version by `_id` (a stale reader, whose version's claim was released
 *   long ago, stops there) and writes filtered by `_id` alone: FerretDB v1 pushes down to SQLite
 *   only a filter that is exactly `{ _id }`, and evaluates any other by reading every document
 *   of the collection. No other writer can write between the check and the write: it would need
 *   this claim (or to find it abandoned, a minute after it was taken). A target found by more than
 *   its `_id` keeps the version in its write's filter.
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

/**
 * How version-checked writes are kept safe on this connection (see above). Claims until the
 * connection says otherwise: they are correct on every server, only slower where not needed.
 */
export type WriteGuard = 'conditional' | 'claims';
let guard: WriteGuard = 'claims';

/**
 * Chooses the guard for the connection just opened. `atomicUpdates`: `true` or `false` states
 * whether the server's conditional update is atomic (DB_ATOMIC_UPDATES); `auto` asks the server,
 * and only FerretDB, which names itself in `buildInfo`, is taken to be not atomic.
 * @returns the guard now in use
 */
export async function chooseWriteGuard(atomicUpdates: 'auto' | 'true' | 'false'): Promise<WriteGuard> {
  let atomic = atomicUpdates === 'true';
  if (atomicUpdates === 'auto') {
    const db = mongoose.connection.db;
    if (!db) throw new Error('chooseWriteGuard needs an open connection');
    atomic = !('ferretdbVersion' in (await db.admin().command({ buildInfo: 1 })));
  }
  guard = atomic ? 'conditional' : 'claims';
  return guard;
}

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

/**
 * Claims the next version of several records of one entity with one unordered insert, where
 * `claimVersion` for each would write twice per record (the claim, and the release of the one
 * before): a group of rounds is then one write, not thirty-two. A claim the insert finds taken is
 * tried again alone through `claimVersion`, which takes it over when abandoned.
 * @returns for each target, in order, whether the caller now holds its claim
 */
export async function claimVersions(
  entity: string,
  targets: readonly { id: string; nextVersion: number }[],
): Promise<boolean[]> {
  const at = new Date();
  let taken = new Set<number>();
  try {
    await VersionClaimModel.insertMany(
      targets.map((t) => ({ _id: claimId(entity, t.id, t.nextVersion), at })),
      { ordered: false },
    );
  } catch (err) {
    const { writeErrors } = errorFields(err);
    if (!Array.isArray(writeErrors) || !writeErrors.every((e) => errorFields(e).code === 11000)) throw err;
    taken = new Set(writeErrors.map((e) => Number(errorFields(e).index)));
  }
  return Promise.all(
    targets.map(async (t, k) => {
      if (taken.has(k))
        return claimVersion(entity, t.id, t.nextVersion).then(
          () => true,
          (err: unknown) => {
            if (isStaleVersion(err)) return false;
            throw err;
          },
        );
      // Versions start at 1: there is no claim on version 0 to free.
      if (t.nextVersion > 1) await releaseClaim(entity, t.id, t.nextVersion - 1);
      return true;
    }),
  );
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

  /** A conditional write that matched nothing, or a save that met a newer version: 409 with where the record is. */
  async function lost(target: VersionedTarget<T>): Promise<AppError> {
    return stale(await versionNow(target), target.version);
  }

  /**
   * Makes `target.version + 1` by `write(filter)`, which resolves to null when its filter matched
   * nothing (then 409). Under `conditional`, the filter holds the version. Under `claims`, the
   * version is claimed first and checked by `findFilter`; the write's filter is `findFilter` alone
   * when that is the bare `{ _id }` (pushed down), else it keeps the version. A write that throws
   * or matches nothing releases the claim.
   */
  async function guarded<R>(target: VersionedTarget<T>, write: (filter: QueryFilter<T>) => Promise<R | null>) {
    if (guard === 'conditional') {
      let result: R | null;
      try {
        result = await write(atVersion(target));
      } catch (err) {
        if (err instanceof mongoose.Error.VersionError) throw await lost(target);
        throw err;
      }
      if (result === null) throw await lost(target);
      return result;
    }
    let release: () => Promise<void>;
    try {
      release = await claimVersion(kind.entity, target.id, target.version + 1);
    } catch (err) {
      if (!isStaleVersion(err)) throw err;
      // Someone holds the claim: the record has moved on, or the claimant's write is in flight.
      const current = await versionNow(target);
      throw current === target.version ? stale() : stale(current, target.version);
    }
    let result: R | null = null;
    try {
      if ((await versionNow(target)) === target.version)
        result = await write(target.filter ? atVersion(target) : findFilter(target));
    } catch (err) {
      await release();
      throw err;
    }
    if (result !== null) return result;
    await release();
    throw await lost(target);
  }

  /**
   * Writes a loaded document's changes as `save()` would (validated, stamped, its version
   * incremented), but filtered by `filter` rather than save()'s `{ _id, version }`, and then
   * forgets them as save() does.
   */
  async function writeChanges(doc: mongoose.Document, filter: QueryFilter<T>, version: number) {
    await doc.validate();
    if (doc.schema.path('updatedAt')) doc.set('updatedAt', new Date());
    const { matchedCount } = await model.updateOne(filter, doc.$getChanges(), { timestamps: false });
    if (!matchedCount) return null;
    doc.set(field, version + 1);
    // save()'s own reset of the modified paths and the arrays' pending pushes; not in mongoose's types.
    (doc as unknown as { $__reset(): void }).$__reset();
    return true;
  }

  return {
    stale,
    expect(current, sent) {
      if (current !== sent) throw stale(current, sent);
    },
    update<R>(target: VersionedTarget<T>, update: UpdateQuery<T>, options: { runValidators?: boolean } = {}) {
      const $inc = { ...update.$inc, [field]: 1 };
      return guarded<R>(target, (filter) =>
        model.findOneAndUpdate(filter, { ...update, $inc }, { ...options, returnDocument: 'after' }).lean<R>(),
      );
    },
    async create<R>(id: string, fields: Partial<T>) {
      const insert = async () => {
        try {
          const created = await model.create({ ...fields, [field]: 1 });
          // R is the caller's name for the created record's plain form (as `lean<R>()` is in update).
          return (created instanceof mongoose.Document ? created.toObject() : created) as R;
        } catch (err) {
          if (isDuplicateKey(err)) throw stale();
          throw err;
        }
      };
      // A record's unique key refuses a second insert on every server; a claim also covers records
      // found by a key that is not unique, where the server's writes are not atomic.
      if (guard === 'conditional') return insert();
      const release = await claimVersion(kind.entity, id, 1, () => stale());
      try {
        return await insert();
      } catch (err) {
        await release();
        throw err;
      }
    },
    async remove(target: VersionedTarget<T>) {
      await guarded(target, async (filter) => ((await model.deleteOne(filter)).deletedCount ? true : null));
      // The record is gone, so its claim goes too: a racer that claims the version afterwards
      // finds nothing to write, and a record created again under the same id (a letter
      // template) starts again at version 1 without meeting this claim later.
      if (guard === 'claims') await releaseClaim(kind.entity, target.id, target.version + 1);
    },
    async save(doc: mongoose.Document) {
      // A new record has no version to race for (its unique _id refuses a twin); an unchanged one writes nothing.
      if (doc.isNew) return void (await doc.save());
      if (!doc.isModified()) return;
      const version: number = doc.get(field);
      // A new version even when only scalars changed (without optimisticConcurrency, mongoose
      // checks and increments the version only for array changes).
      doc.increment();
      await guarded({ id: String(doc._id), version }, async (filter) =>
        guard === 'conditional' ? Boolean(await doc.save()) : writeChanges(doc, filter, version),
      );
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
 * writer may have changed (a peer-to-peer event recorded, deadlines counted again), never for a
 * client's edit of what it saw.
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
