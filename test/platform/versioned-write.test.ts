import mongoose, { Schema } from 'mongoose';
import { expect } from 'chai';
import {
  claimVersions,
  isDuplicateKey,
  isStaleVersion,
  versionedWrites,
} from '../../server/platform/db/versioned-write.js';
import type { AppError } from '../../server/platform/errors.js';

// Two kinds of probe record: one versioned by its own `version` field, one by mongoose's `__v`.
const ownSchema = new Schema(
  { _id: String, title: { type: String, required: true, maxlength: 20 }, version: { type: Number, required: true } },
  { versionKey: false },
);
const OwnModel = mongoose.model('VersionedProbe', ownSchema, 'versioned_probe');
const own = versionedWrites(OwnModel, { entity: 'probe', label: 'probe', versionField: 'version' });

const keyedSchema = new Schema({ title: String, tags: [String] }, { optimisticConcurrency: true });
const KeyedModel = mongoose.model('VersionedKeyedProbe', keyedSchema, 'versioned_keyed_probe');
const keyed = versionedWrites(KeyedModel, {
  entity: 'keyed-probe',
  label: 'keyed probe',
  versionField: '__v',
  versionName: 'revision',
});

let n = 0;
const newId = () => `probe-${Date.now()}-${++n}`;

/** Every outcome of racing writes: 'won', or the 409's code. */
async function race(writes: (() => Promise<unknown>)[]): Promise<string[]> {
  return Promise.all(
    writes.map((write) =>
      write().then(
        () => 'won',
        (err: AppError) => (isStaleVersion(err) ? 'STALE_VERSION' : Promise.reject(err)),
      ),
    ),
  );
}

describe('version-checked writes', () => {
  it('when eight writers update one version at once, then one wins and the version goes up by one', async () => {
    const id = newId();
    await own.create(id, { _id: id, title: 'first' });
    for (let version = 1; version <= 3; version++) {
      const outcomes = await race(
        Array.from({ length: 8 }, (_, k) => () => own.update({ id, version }, { $set: { title: `writer ${k}` } })),
      );
      expect(outcomes.filter((o) => o === 'won')).to.have.length(1);
      expect(outcomes.filter((o) => o === 'STALE_VERSION')).to.have.length(7);
      expect((await OwnModel.findById(id).lean())?.version).to.equal(version + 1);
    }
  });

  it('when the version sent is behind, then 409 STALE_VERSION says which version the record is at', async () => {
    const id = newId();
    await own.create(id, { _id: id, title: 'first' });
    const updated = await own.update<{ version: number; title: string }>(
      { id, version: 1 },
      { $set: { title: 'second' } },
    );
    expect(updated).to.include({ version: 2, title: 'second' });
    const err = await own.update({ id, version: 1 }, { $set: { title: 'late' } }).catch((e: AppError) => e);
    expect(err).to.include({ status: 409, code: 'STALE_VERSION' });
    expect((err as AppError).extra).to.deep.equal({ currentVersion: 2 });
    expect(() => own.expect(2, 1))
      .to.throw()
      .with.property('code', 'STALE_VERSION');
  });

  it('when a write fails, then its claim is released and the same version can be written at once', async () => {
    const id = newId();
    await own.create(id, { _id: id, title: 'first' });
    const refused = await own
      .update({ id, version: 1 }, { $set: { title: 'x'.repeat(30) } }, { runValidators: true })
      .catch((e: Error) => e);
    expect(refused).to.be.instanceOf(mongoose.Error.ValidationError);
    expect(await own.update({ id, version: 1 }, { $set: { title: 'fits' } })).to.include({ version: 2 });
  });

  it('when two writers create the same record at once, then one creates version 1 and the other gets 409', async () => {
    const id = newId();
    const outcomes = await race([
      () => own.create(id, { _id: id, title: 'a' }),
      () => own.create(id, { _id: id, title: 'b' }),
    ]);
    expect(outcomes.sort()).to.deep.equal(['STALE_VERSION', 'won']);
    // Created long ago: the claim of version 1 is gone, the unique _id still refuses it.
    const again = await own.create(id, { _id: id, title: 'c' }).catch((e: AppError) => e);
    expect(again).to.include({ code: 'STALE_VERSION' });
  });

  it('when a record is removed and made again, then its new versions are not blocked by the old claims', async () => {
    const id = newId();
    await own.create(id, { _id: id, title: 'first' });
    await own.update({ id, version: 1 }, { $set: { title: 'second' } });
    const stale = await own.remove({ id, version: 1 }).catch((e: AppError) => e);
    expect(stale).to.include({ code: 'STALE_VERSION' });
    await own.remove({ id, version: 2 });
    expect(await OwnModel.exists({ _id: id })).to.equal(null);
    await own.create(id, { _id: id, title: 'again' });
    expect(await own.update({ id, version: 1 }, { $set: { title: 'and on' } })).to.include({ version: 2 });
    expect(await own.update({ id, version: 2 }, { $set: { title: 'and on' } })).to.include({ version: 3 });
  });

  it('when three loaded copies are saved at once, then exactly one becomes the next version', async () => {
    const { _id } = await KeyedModel.create({ title: 'first', tags: [] });
    for (let round = 0; round < 3; round++) {
      const docs = await Promise.all([KeyedModel.findById(_id), KeyedModel.findById(_id), KeyedModel.findById(_id)]);
      const outcomes = await race(
        docs.map((doc, k) => () => {
          doc!.set('title', `round ${round} writer ${k}`);
          return keyed.save(doc!);
        }),
      );
      expect(outcomes.filter((o) => o === 'won')).to.have.length(1);
      expect((await KeyedModel.findById(_id).lean())?.__v).to.equal(round + 1);
    }
    const late = (await KeyedModel.findById(_id))!;
    await KeyedModel.updateOne({ _id }, { $inc: { __v: 1 } });
    late.set('title', 'late');
    const err = await keyed.save(late).catch((e: AppError) => e);
    expect((err as AppError).extra).to.deep.equal({ currentVersion: 4, currentRevision: 4 });
    expect((err as AppError).message).to.contain('at revision 4; you sent 3');
  });

  it('when a loaded document is saved unchanged, then nothing is written and its next change still saves', async () => {
    const { _id } = await KeyedModel.create({ title: 'first', tags: [] });
    const doc = (await KeyedModel.findById(_id))!;
    await keyed.save(doc);
    expect(doc.__v).to.equal(0);
    doc.set('title', 'changed');
    await keyed.save(doc);
    expect((await KeyedModel.findById(_id).lean())?.__v).to.equal(1);
  });

  it(
    'when three claimants claim one group of versions at once, then each version goes to exactly one of them, ' +
      'a claim abandoned two minutes ago included, and a later claim of the same versions is refused',
    async () => {
      const ids = [newId(), newId(), newId(), newId()];
      // The fourth's version 1 was claimed by a writer that died before writing.
      await mongoose.connection
        .collection<{ _id: string; at: Date }>('version_claims')
        .insertOne({ _id: `group-probe:${ids[3]}:1`, at: new Date(Date.now() - 120_000) });
      const targets = ids.map((id) => ({ id, nextVersion: 1 }));
      const held = await Promise.all([1, 2, 3].map(() => claimVersions('group-probe', targets)));
      expect(ids.map((_, k) => held.filter((h) => h[k]).length)).to.deep.equal([1, 1, 1, 1]);
      expect(await claimVersions('group-probe', targets)).to.deep.equal([false, false, false, false]);
      const next = ids.map((id) => ({ id, nextVersion: 2 }));
      expect(await claimVersions('group-probe', next)).to.deep.equal([true, true, true, true]);
    },
  );

  it('a duplicate key is recognised in a single write and among a bulk insert’s write errors', () => {
    expect(isDuplicateKey(Object.assign(new Error('E11000'), { code: 11000 }))).to.equal(true);
    expect(isDuplicateKey({ writeErrors: [{ code: 121 }, { code: 11000 }] })).to.equal(true);
    expect(isDuplicateKey({ writeErrors: [{ code: 121 }] })).to.equal(false);
    expect(isDuplicateKey(new Error('other'))).to.equal(false);
    expect(isDuplicateKey(undefined)).to.equal(false);
  });
});
