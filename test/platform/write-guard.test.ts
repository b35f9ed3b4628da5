/**
 * The guard of version-checked writes is a property of the connection: the plain conditional
 * write where the server's is atomic (MongoDB), a version claim first where it is not (FerretDB
 * v1), and under claims a write filtered by `_id` alone, which FerretDB pushes down.
 */
import mongoose, { Schema } from 'mongoose';
import { expect } from 'chai';
import { chooseWriteGuard, versionedWrites } from '../../server/platform/db/versioned-write.js';
import type { AppError } from '../../server/platform/errors.js';

const probeSchema = new Schema({ title: String, tags: [String] }, { optimisticConcurrency: true, timestamps: true });
const Probe = mongoose.model('WriteGuardProbe', probeSchema, 'write_guard_probe');
const probes = versionedWrites(Probe, { entity: 'guard-probe', label: 'probe', versionField: '__v' });
const claimsTaken = () =>
  mongoose.connection.collection<{ _id: string }>('version_claims').countDocuments({ _id: /^guard-probe:/ });

const db = () => mongoose.connection.db!;
const isFerretDb = async () => 'ferretdbVersion' in (await db().admin().command({ buildInfo: 1 }));

/** The filters of the writes sent to the probes' collection while `run` runs (mongoose's debug hook sees each). */
async function writeFilters(run: () => Promise<unknown>): Promise<unknown[]> {
  const seen: unknown[] = [];
  mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
    if (collection === 'write_guard_probe' && ['updateOne', 'findOneAndUpdate', 'deleteOne'].includes(method))
      seen.push(filter);
  });
  try {
    await run();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}

const refusal = (write: Promise<unknown>) =>
  write.then(
    () => null,
    (err: AppError) => err,
  );

describe('the guard of version-checked writes, chosen by connection', () => {
  after(() => chooseWriteGuard('auto'));

  it('when set to auto, then the server is asked: claims on FerretDB, the conditional write elsewhere', async () => {
    expect(await chooseWriteGuard('auto')).to.equal((await isFerretDb()) ? 'claims' : 'conditional');
  });

  describe('where the conditional update is atomic (DB_ATOMIC_UPDATES=true, as on MongoDB)', () => {
    before(() => chooseWriteGuard('true'));

    it('then saves, updates and removals filter by the version, take no claim, and refuse a stale one', async () => {
      const { _id } = await Probe.create({ title: 'first', tags: [] });
      const doc = (await Probe.findById(_id))!;
      const stale = (await Probe.findById(_id))!;
      doc.set('title', 'second');
      expect(await writeFilters(() => probes.save(doc))).to.deep.equal([{ _id, __v: 0 }]);
      stale.set('title', 'late');
      expect(await refusal(probes.save(stale))).to.deep.include({
        code: 'STALE_VERSION',
        extra: { currentVersion: 1 },
      });
      const id = String(_id);
      expect(await probes.update({ id, version: 1 }, { $set: { title: 'third' } })).to.include({ __v: 2 });
      expect(await refusal(probes.update({ id, version: 1 }, { $set: { title: 'x' } }))).to.include({
        code: 'STALE_VERSION',
      });
      expect(await refusal(probes.remove({ id, version: 1 }))).to.include({ code: 'STALE_VERSION' });
      await probes.remove({ id, version: 2 });
      expect(await Probe.exists({ _id })).to.equal(null);
      expect(await claimsTaken()).to.equal(0);
    });
  });

  describe('where it is not (DB_ATOMIC_UPDATES=false, as on FerretDB v1)', () => {
    before(() => chooseWriteGuard('false'));

    it('then a save writes by _id alone, a filter FerretDB answers without reading every document', async () => {
      const { _id } = await Probe.create({ title: 'first', tags: [] });
      const doc = (await Probe.findById(_id))!;
      doc.set('title', 'second');
      const filters = await writeFilters(() => probes.save(doc));
      expect(filters).to.deep.equal([{ _id }]);
      expect(await claimsTaken()).to.be.greaterThan(0);
      if (!(await isFerretDb())) return;
      const plan = (filter: object) =>
        db().command({ explain: { find: 'write_guard_probe', filter }, verbosity: 'queryPlanner' });
      expect(await plan({ _id })).to.include({ filterPushdown: true });
      expect(await plan({ _id, __v: 1 })).to.include({ filterPushdown: false });
    });

    it('then a writer who read two saves ago is refused, though that version’s claim is free again', async () => {
      const { _id } = await Probe.create({ title: 'first', tags: [] });
      const stale = (await Probe.findById(_id))!;
      for (const title of ['second', 'third']) {
        const doc = (await Probe.findById(_id))!;
        doc.set('title', title);
        await probes.save(doc);
      }
      stale.set('title', 'late');
      expect(await refusal(probes.save(stale))).to.deep.include({
        code: 'STALE_VERSION',
        extra: { currentVersion: 2 },
      });
      expect(await Probe.findById(_id).lean()).to.include({ title: 'third', __v: 2 });
    });

    it('then a saved document is as stored, and a later push adds only the new item', async () => {
      const { _id } = await Probe.create({ title: 'first', tags: [] });
      const doc = (await Probe.findById(_id))!;
      doc.tags.push('a');
      await probes.save(doc);
      doc.tags.push('b');
      await probes.save(doc);
      const stored = (await Probe.findById(_id).lean())!;
      expect(stored).to.deep.include({ tags: ['a', 'b'], __v: 2 });
      expect(doc.toObject()).to.deep.include({ tags: ['a', 'b'], __v: 2, updatedAt: stored.updatedAt });
    });
  });
});
