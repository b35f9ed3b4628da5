import { expect } from 'chai';
import mongoose from 'mongoose';
import { makeUsers, silentLogger } from '../support/app.js';
import { evidenceApp, openCase, upload, fixture } from './support.js';
import { claimReading, resumeTextReading, textReadingSettled } from '../../server/evidence/text-reading.service.js';
import { DocumentPageModel, EvidenceDocumentModel } from '../../server/evidence/evidence-document.model.js';
import { TextLeaseModel } from '../../server/evidence/text-lease.model.js';
import { isFerretDb, planStages, type Plan } from '../support/plan-stages.js';

describe('evidence: reading scanned pages again at start', function () {
  // OCR of a page takes seconds on a busy machine; these tests wait for it, they do not time it.
  this.timeout(180_000);
  const { http, config, clock } = evidenceApp();
  const deps = { config, logger: silentLogger, clock };
  let users: Awaited<ReturnType<typeof makeUsers>>;

  before(async () => {
    users = await makeUsers();
  });
  // A start reads every document left unread: each test starts with none but its own.
  beforeEach(async () => {
    await textReadingSettled();
    await EvidenceDocumentModel.updateMany({}, { $unset: { textProgress: 1 } });
    await TextLeaseModel.deleteMany({});
  });

  /** A scanned two-page note whose OCR was cut off before its first page was stored. */
  async function cutOffReading(): Promise<string> {
    const caseId = await openCase(http, users.clinician);
    const res = await upload(http, caseId, users.clinician, {
      bytes: await fixture('scanned-note-and-blank.pdf'),
      filename: 'scan.pdf',
      title: 'Spine clinic note, both sides',
      kind: 'progress_note',
      date: '2026-10-02',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await textReadingSettled();
    const id: string = res.body.id;
    await DocumentPageModel.deleteMany({ documentId: id });
    await EvidenceDocumentModel.updateOne(
      { _id: id },
      { $set: { textProgress: { page: 1, pageCount: 2 } }, $unset: { textFlag: 1 } },
    );
    return id;
  }

  /** The pages stored for `act`'s readings, counted write by write. */
  async function pageWrites(act: () => Promise<unknown>): Promise<number> {
    let writes = 0;
    mongoose.set('debug', (collection: string, method: string) => {
      if (collection === 'document_texts' && method === 'updateOne') writes++;
    });
    try {
      await act();
    } finally {
      mongoose.set('debug', false);
    }
    return writes;
  }

  it('when two instances claim a document at the same moment, then one gets it; this one leaves it', async () => {
    const id = await cutOffReading();
    const claims = await Promise.all([
      claimReading(id, deps, 'instance A'),
      claimReading(id, deps, 'instance B'),
      claimReading(id, deps, 'instance C'),
    ]);
    expect(claims.filter(Boolean)).to.have.length(1);
    const winner = ['instance A', 'instance B', 'instance C'][claims.indexOf(true)];
    expect(await TextLeaseModel.findById(id).lean()).to.have.property('holder', winner);
    expect(await claimReading(id, deps)).to.equal(false);
    const writes = await pageWrites(async () => {
      expect(await resumeTextReading(deps)).to.equal(0);
      await textReadingSettled();
    });
    expect(writes).to.equal(0);
  });

  it('when a start finds a document whose reading was cut off and unheld, then it reads it and lets go', async () => {
    const id = await cutOffReading();
    const writes = await pageWrites(async () => {
      expect(await resumeTextReading(deps)).to.equal(1);
      await textReadingSettled();
    });
    expect(writes).to.equal(2);
    const doc = await EvidenceDocumentModel.findById(id).lean();
    expect(doc).to.not.have.property('textProgress');
    expect(await TextLeaseModel.findById(id).lean()).to.equal(null);
    expect(doc).to.have.property('textFlag', 'page 2 has no readable text');
    const pages = await DocumentPageModel.find({ documentId: id }).sort({ page: 1 }).lean();
    expect(pages.map((p) => [p.page, p.source])).to.deep.equal([
      [1, 'ocr'],
      [2, 'ocr'],
    ]);
    expect(pages[0].text).to.include('decompression at L4-L5');
  });

  it('when another instance’s lease on a document runs, a start leaves it; run out, a start reads it', async () => {
    const id = await cutOffReading();
    const until = new Date(clock.now().getTime() + 60_000);
    await TextLeaseModel.create({ _id: id, holder: 'another instance', until });

    const left = await pageWrites(async () => {
      expect(await resumeTextReading(deps)).to.equal(0);
      await textReadingSettled();
    });
    expect(left).to.equal(0);
    expect(await TextLeaseModel.findById(id).lean()).to.have.property('holder', 'another instance');

    clock.advance(60_000);
    const read = await pageWrites(async () => {
      expect(await resumeTextReading(deps)).to.equal(1);
      await textReadingSettled();
    });
    expect(read).to.equal(2);
    const doc = await EvidenceDocumentModel.findById(id).lean();
    expect(doc).to.not.have.property('textProgress');
    expect(await TextLeaseModel.findById(id).lean()).to.equal(null);
  });

  it('when a start looks for documents still being read, then it asks the sparse index on textProgress', async () => {
    const sent: Plan[] = [];
    mongoose.set('debug', (collection: string, method: string, filter: Plan) => {
      if (collection === 'evidence_documents' && method === 'find') sent.push(filter);
    });
    try {
      await resumeTextReading(deps);
    } finally {
      mongoose.set('debug', false);
    }
    expect(sent).to.deep.equal([{ textProgress: { $exists: true } }]);
    const declared = EvidenceDocumentModel.schema
      .indexes()
      .find(([keys]) => Object.keys(keys).join() === 'textProgress');
    expect(declared?.[1]).to.include({ sparse: true });
    const onServer = (await EvidenceDocumentModel.collection.indexes()).find((i) => i.name === 'textProgress_1');
    expect(onServer).to.not.equal(undefined);

    const plan = (await EvidenceDocumentModel.collection.find(sent[0]).explain('queryPlanner')) as Plan;
    const ferret = await isFerretDb();
    // FerretDB v1 takes the index but not its sparseness, and pushes only an `_id` equality down to
    // SQLite: there the index is kept for MongoDB, where it is sparse and the plan must walk it.
    if (ferret) expect(plan).to.have.property('filterPushdown');
    else {
      expect(onServer).to.include({ sparse: true });
      const winning = (plan.queryPlanner as Plan).winningPlan as Plan;
      const all = planStages((winning.queryPlan as Plan | undefined) ?? winning);
      expect(all.map((s) => s.stage)).to.not.include('COLLSCAN');
      expect(all.filter((s) => s.stage === 'IXSCAN').map((s) => Object.keys(s.keyPattern as object))).to.deep.include([
        'textProgress',
      ]);
    }
  });
});
