import { expect } from 'chai';
import mongoose from 'mongoose';
import { isFerretDb, planStages, type Plan } from '../support/plan-stages.js';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { loadTestConfig } from '../../server/config.js';
import { ImportModel, type ImportRecord } from '../../server/imports/import.model.js';
import { importFilePath } from '../../server/imports/import-file-store.js';
import { readIntoCases } from '../../server/imports/import-reading.js';
import { fixtureText } from '../remittances/support.js';
import { importsThrough } from './support.js';

/**
 * The import's read of which claims already have a case, as the server plans it. FerretDB v1
 * (the local default) pushes no filter but a lone `_id` equality down to SQLite, and even that
 * one scans, so the import reads each payer's keys once rather than once per batch of claims;
 * on MongoDB the read is an anchored prefix of `_id`, a walk of its index. The job reads a file in
 * a worker thread, whose queries this process cannot watch: here the same reading
 * (`readIntoCases`) runs in the test's process.
 */
describe('the claim-key read’s query plan', () => {
  const { http, clock } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'clinician' | 'billing' | 'admin', TestUser>;
  const { upload, finished } = importsThrough(http, () => users.billing);

  /** Uploaded through the API (its job left queued), then read into cases here. */
  async function imported(text: string) {
    const res = await upload(text);
    expect(res.status).to.equal(202);
    const record = (await ImportModel.findById(res.body.id).lean<ImportRecord>())!;
    await readIntoCases(res.body.id, record, importFilePath(loadTestConfig().uploadDir, record.sha256), clock);
    return finished(res.body.id);
  }

  before(async () => {
    users = await makeUsers();
  });
  after(() => mongoose.set('debug', false));

  it('when an 835 of two payers is imported, then its claim keys are read once per payer, by _id prefix', async () => {
    const reads: Record<string, unknown>[] = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'case_claim_keys' && method === 'find') reads.push(filter as Record<string, unknown>);
    });
    const done = await imported(fixtureText('two-payers-partial-denials.835'));
    mongoose.set('debug', false);
    expect(done.status).to.equal('done');
    expect(done.counts.casesCreated).to.equal(3);
    // Seven claims of two payers: two reads, each only `_id` anchored at the payer's part of the key.
    expect(reads).to.have.length(2);
    for (const filter of reads) {
      expect(Object.keys(filter)).to.deep.equal(['_id']);
      expect(String((filter._id as { $regex: unknown }).$regex)).to.match(/^\^[^|]+\\\|$/);
    }

    const ferret = await isFerretDb();
    const plan = (await mongoose.connection
      .db!.collection('case_claim_keys')
      .find(reads[0] as never)
      .explain('queryPlanner')) as Plan;
    if (ferret) {
      // Not pushed down: the server reads the collection once, which is why it is read once per payer.
      expect(plan).to.include({ filterPushdown: false });
    } else {
      const winning = (plan.queryPlanner as Plan).winningPlan as Plan;
      const names = planStages(winning).map((s) => s.stage);
      expect(names, JSON.stringify(names)).to.include('IXSCAN').and.not.include('COLLSCAN');
    }
  });

  it('when a later file of the same payer pays a denied claim, then one read of its keys finds the case', async () => {
    const denial = fixtureText('pipe-caret-newline.835');
    expect((await imported(denial)).counts.casesCreated).to.equal(1);
    // The same claim, reprocessed after the appeal and paid (as import-api.test.ts pays it).
    const paying = denial
      .replaceAll('000000818', '000000819')
      .replace('CLP|OVT-3001|4|1250|0|0|', 'CLP|OVT-3001|1|1250|900|0|')
      .replace('CAS|CO|50|1250\n', '')
      .replace(
        'SVC|HC^70553|1250|0||1\nDTM|472|20261003\n',
        'SVC|HC^70553|1250|900||1\nDTM|472|20261003\nCAS|CO|45|350\n',
      );
    const reads: Record<string, unknown>[] = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'case_claim_keys' && method === 'find') reads.push(filter as Record<string, unknown>);
    });
    const done = await imported(paying);
    mongoose.set('debug', false);
    expect(done.status, JSON.stringify(done.problem)).to.equal('done');
    expect([done.counts.paymentsMatched, done.counts.casesCreated]).to.deep.equal([1, 0]);
    expect(reads).to.have.length(1);
  });
});
