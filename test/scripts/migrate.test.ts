import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { loadTestConfig } from '../../server/config.js';
import { computeFilingDeadline } from '../../server/deadlines/index.js';
import { LEGACY_NEXT_LEVEL_NOTE } from '../../server/cases/p2p-correction.js';

const run = promisify(execFile);

/**
 * `npm run migrate` as an operator runs it, on a copy of the demo clinic put back into the shape
 * the old code stored: a case left in p2p_requested, an employer or individual plan's case whose internal appeal
 * an upheld call closed and sent to external review, and reviews without their timing.
 */
describe('npm run migrate on a copy of the demo database in the old shape', function () {
  this.timeout(240_000);
  let demo: mongoose.Connection;
  let env: NodeJS.ProcessEnv;
  const cases = () => demo.collection('cases');
  const reviews = () => demo.collection('p2p_reviews');
  let waiting: { _id: mongoose.Types.ObjectId; status: string };
  let advanced: {
    _id: mongoose.Types.ObjectId;
    status: string;
    payer: { planType: 'erisa_group' | 'aca_individual' };
    denial: { noticeDate: string; receivedDate?: string };
  };
  const migrate = async () => (await run('npx', ['tsx', 'scripts/migrate.ts'], { env })).stdout;

  before(async () => {
    const { uploadDir } = loadTestConfig();
    const uri = `mongodb://${mongoose.connection.host}:${mongoose.connection.port}/overturn_migrate_${Date.now()}`;
    env = { ...process.env, MONGODB_URI: uri, LOG_LEVEL: 'error', UPLOAD_DIR: path.join(uploadDir, 'migrate') };
    expect((await run('npx', ['tsx', 'scripts/seed.ts'], { env })).stdout).to.contain('Demo data seeded.');
    demo = await mongoose.createConnection(uri).asPromise();

    // The requested review's case, as the old code kept it: in p2p_requested, the review without timing.
    const open = (await reviews().findOne({ status: 'requested' }))!;
    waiting = (await cases().findOne({ _id: new mongoose.Types.ObjectId(String(open.caseId)) })) as never;
    const level = (waiting as unknown as { appealLevel: string }).appealLevel;
    await cases().updateOne(
      { _id: waiting._id },
      {
        $set: { status: 'p2p_requested' },
        $unset: { peerToPeer: '' },
        $push: {
          timeline: {
            at: new Date(),
            actorId: 'u1',
            actorName: 'Dana Billing',
            type: 'status_changed',
            fromStatus: waiting.status,
            toStatus: 'p2p_requested',
            level,
          },
        } as never,
      },
    );
    await reviews().updateOne(
      { _id: open._id },
      { $set: { caseStatusBefore: waiting.status }, $unset: { timing: '', 'outcome.timing': '' } },
    );

    // A case preparing its internal appeal (employer or individual plan), sent to external review by an upheld call.
    advanced = (await cases().findOne({
      'payer.planType': { $in: ['erisa_group', 'aca_individual'] },
      appealLevel: 'internal_appeal',
      status: { $in: ['new', 'gathering_evidence', 'appeal_drafted'] },
      _id: { $ne: waiting._id },
    })) as never;
    const now = new Date();
    const decidedOn = new Date().toISOString().slice(0, 10);
    const step = (fromStatus: string, toStatus: string, extra = {}) => ({
      at: now,
      actorId: 'u1',
      actorName: 'Dr. Director',
      type: 'status_changed',
      fromStatus,
      toStatus,
      level: 'internal_appeal',
      ...extra,
    });
    await cases().updateOne(
      { _id: advanced._id },
      {
        $set: {
          status: 'gathering_evidence',
          appealLevel: 'external_review',
          levelNotice: { noticeDate: decidedOn },
          levelHistory: [{ level: 'internal_appeal', outcome: 'upheld', decidedOn, recordedAt: now }],
        },
        $push: {
          timeline: {
            $each: [
              step(advanced.status, 'p2p_requested'),
              step('p2p_requested', 'p2p_scheduled'),
              step('p2p_scheduled', 'upheld'),
              step('upheld', 'gathering_evidence', {
                type: 'level_advanced',
                level: 'external_review',
                note: LEGACY_NEXT_LEVEL_NOTE,
              }),
            ],
          },
        } as never,
      },
    );
  });

  let bareKey: { _id: mongoose.Types.ObjectId; nextDueDate: string };
  before(async () => {
    // A sort key stored before deadlines had hours: the bare date.
    bareKey = (await cases().findOne({
      nextDueDate: { $exists: true },
      _id: { $nin: [waiting._id, advanced._id] },
    })) as never;
    await cases().updateOne({ _id: bareKey._id }, { $set: { dueOrder: bareKey.nextDueDate } });
  });

  after(async () => {
    await demo?.dropDatabase();
    await demo?.close();
  });

  it('when run, then it says what it applied, and a second run finds nothing to do', async () => {
    expect(await migrate()).to.match(
      /Applied: 2026-11-p2p-own-track, 2026-11-due-order-by-the-hour, 2026-11-notes-own-documents[,.]/,
    );
    expect(await migrate()).to.contain('Nothing to migrate');
    const ledger = (await demo.collection('migrations').findOne({ _id: '2026-11-p2p-own-track' as never }))!;
    expect(ledger.changed).to.be.at.least(3);
  });

  it('when a case was left in p2p_requested, then it is back in its status, the open call beside it', async () => {
    const c = (await cases().findOne({ _id: waiting._id }))!;
    expect(c.status).to.equal(waiting.status);
    expect(c.peerToPeer).to.include({ status: 'requested' });
    expect(c.timeline.at(-1)).to.include({ type: 'correction' });
    expect(await cases().countDocuments({ status: { $in: ['p2p_requested', 'p2p_scheduled'] } })).to.equal(0);
    expect(await cases().countDocuments({ 'timeline.toStatus': { $in: ['p2p_requested', 'p2p_scheduled'] } })).to.equal(
      0,
    );
  });

  it(
    'when an upheld call had sent an internal appeal to external review, then the case is back at the internal ' +
      'appeal in the status it had, filed by the deadline counted from the denial',
    async () => {
      const c = (await cases().findOne({ _id: advanced._id }))!;
      expect({ status: c.status, level: c.appealLevel, history: c.levelHistory }).to.deep.equal({
        status: advanced.status,
        level: 'internal_appeal',
        history: [],
      });
      const fromDenial = computeFilingDeadline({
        plan: advanced.payer.planType,
        level: 'internal_appeal',
        noticeDate: advanced.denial.noticeDate,
        receivedDate: advanced.denial.receivedDate,
      });
      expect(
        c.deadlines.map((d: { kind: string; level: string; dueDate: string }) => [d.kind, d.level, d.dueDate]),
      ).to.deep.equal([['filing', 'internal_appeal', fromDenial.dueDate]]);
      expect(c.timeline.at(-1).note).to.contain('A call is not the decision of an appeal level');
    },
  );

  it('when a case’s sort key was a bare date, then it carries the hour of its soonest deadline', async () => {
    const c = (await cases().findOne({ _id: bareKey._id }))!;
    expect(c.dueOrder).to.match(new RegExp(`^${c.nextDueDate}T(\\d{2}:\\d{2}|24:00)$`));
  });

  it('when reviews had no timing, then each has one, from the case status it began in', async () => {
    expect(await reviews().countDocuments({ timing: { $exists: false } })).to.equal(0);
    expect(await reviews().countDocuments({ caseStatusBefore: { $exists: true } })).to.equal(0);
  });

  it('when the ledger is lost and it runs again, then it finds nothing left in the old shape', async () => {
    // Removing the ledger runs the migration again: it finds nothing left in the old shape.
    await demo.collection('migrations').deleteMany({});
    expect(await migrate()).to.contain('Applied: 2026-11-p2p-own-track');
    const ledger = (await demo.collection('migrations').findOne({ _id: '2026-11-p2p-own-track' as never }))!;
    expect(ledger.changed).to.equal(0);
  });
});
