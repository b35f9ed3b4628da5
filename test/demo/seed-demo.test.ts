import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { loadTestConfig } from '../../server/config.js';
import { PLAN_TYPES } from '../../server/deadlines/index.js';
import { CASE_STATUSES } from '../../server/cases/index.js';

const run = promisify(execFile);

/**
 * `npm run seed` as a user runs it, into a database of its own on this run's server, then what
 * the demo promises: every plan type and status, evidence and packets, peer-to-peer reviews.
 */
describe('the demo clinic (npm run seed)', function () {
  this.timeout(180_000);
  let demo: mongoose.Connection;

  before(async () => {
    // Its files go in this test file's upload folder, removed with it.
    const { uploadDir } = loadTestConfig();
    const uri = `mongodb://${mongoose.connection.host}:${mongoose.connection.port}/overturn_demo_${Date.now()}`;
    const { stdout } = await run('npx', ['tsx', 'scripts/seed.ts'], {
      env: { ...process.env, MONGODB_URI: uri, LOG_LEVEL: 'error', UPLOAD_DIR: path.join(uploadDir, 'demo') },
    });
    expect(stdout).to.contain('Demo data seeded.');
    demo = await mongoose.createConnection(uri).asPromise();
  });

  after(async () => {
    await demo?.dropDatabase();
    await demo?.close();
  });

  it('holds cases across every plan type and every status', async () => {
    const cases = await demo.collection('cases').find().project({ status: 1, 'payer.planType': 1 }).toArray();
    expect(new Set(cases.map((c) => c.payer.planType))).to.have.all.keys(...PLAN_TYPES);
    expect(new Set(cases.map((c) => c.status))).to.have.all.keys(...CASE_STATUSES);
  });

  it('holds at least two cases with uploaded notes, attached criteria and a generated packet', async () => {
    const documents = (await demo.collection('evidence_documents').distinct('caseId')) as unknown[];
    const withCriteria = (await demo.collection('case_criteria').distinct('caseId')) as unknown[];
    const withPackets = (await demo.collection('packets').distinct('caseId')) as unknown[];
    const all = (ids: unknown[]) => new Set(ids.map(String));
    const complete = [...all(documents)].filter((id) => all(withCriteria).has(id) && all(withPackets).has(id));
    expect(complete.length).to.be.at.least(2);
  });

  it('holds scheduled, completed and missed peer-to-peer reviews and the availability of two physicians', async () => {
    const statuses = await demo.collection('p2p_reviews').distinct('status');
    expect(statuses).to.include.members(['scheduled', 'completed', 'missed']);
    expect(await demo.collection('physician_availability').countDocuments()).to.be.at.least(2);
  });

  it('holds a P2P asked for before the payer decides a filed appeal, and calls after its determination', async () => {
    expect(await demo.collection('p2p_reviews').distinct('timing')).to.have.members(['pre_decision', 'post_decision']);
    const open = await demo
      .collection('cases')
      .find({ peerToPeer: { $exists: true } })
      .toArray();
    expect(open.map((c) => c.peerToPeer.status).sort()).to.deep.equal(['requested', 'scheduled']);
  });

  it('holds a QIO fast-track case whose deadline is an hour of the clinic’s day, noon after the notice', async () => {
    const [fast] = await demo.collection('cases').find({ 'deadlines.kind': 'fast_track' }).toArray();
    const deadline = fast.deadlines.find((d: { kind: string }) => d.kind === 'fast_track');
    expect(deadline).to.include({ dueTime: '12:00', citation: '42 CFR 405.1202(b)(1)' });
    const day = new Date(Date.parse(`${fast.fastTrack.noticeReceivedAt}T00:00:00Z`) + 86_400_000);
    expect(deadline.dueDate).to.equal(day.toISOString().slice(0, 10));
  });

  it('holds appeals filed by a representative and by a provider with the enrollee’s consent', async () => {
    expect(await demo.collection('cases').distinct('appellant')).to.have.members([
      'representative',
      'medicaid_provider_with_consent',
    ]);
  });

  it('holds a demo user for each role', async () => {
    expect(await demo.collection('users').distinct('role')).to.have.members([
      'billing',
      'clinician',
      'medical_director',
      'admin',
    ]);
  });
});
