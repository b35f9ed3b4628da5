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
    expect(deadline.dueTime).to.equal('12:00');
    expect(deadline.citation).to.match(/^42 CFR 422\.626\(a\)/);
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

  describe('what a billing manager would check', () => {
    type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    let cases: Row[];
    before(async () => {
      cases = await demo.collection('cases').find().toArray();
    });
    const ageOn = (dob: string, day: string) =>
      Number(day.slice(0, 4)) - Number(dob.slice(0, 4)) - (day.slice(5) < dob.slice(5) ? 1 : 0);

    it('a drug plan denies only drugs; Medicare patients are 65 or over, individual-market members under 65', () => {
      for (const c of cases) {
        const age = ageOn(c.patient.dateOfBirth, c.denial.noticeDate);
        if (c.payer.planType === 'medicare_part_d')
          expect(c.service.cptCodes.every((code: string) => /^J/.test(code))).to.equal(true);
        if (c.payer.planType.startsWith('medicare')) expect(age, c.reference).to.be.at.least(65);
        if (c.payer.planType === 'aca_individual') expect(age, c.reference).to.be.below(65);
      }
    });

    it('an expedited appeal is for care not yet given, and a claim denied after care has its date of service', () => {
      for (const c of cases) {
        if (c.priority === 'expedited') expect(c.service.requestType, c.reference).not.to.equal('post_service');
        if (c.service.requestType === 'post_service') expect(c.service.dateOfService, c.reference).to.be.a('string');
      }
    });

    it('peer-to-peer calls are held only on clinical denials', async () => {
      const withCalls = new Set((await demo.collection('p2p_reviews').distinct('caseId')).map(String));
      const categories = cases.filter((c) => withCalls.has(String(c._id))).map((c) => c.denial.category);
      expect(categories).to.have.length.at.least(4);
      for (const category of categories)
        expect(['medical_necessity', 'prior_authorization', 'experimental_investigational']).to.include(category);
    });

    it('a drafted appeal has its packet and a new case has none', async () => {
      const withPackets = new Set((await demo.collection('packets').distinct('caseId')).map(String));
      const drafted = cases.filter((c) => c.status === 'appeal_drafted');
      expect(drafted).to.have.length.at.least(1);
      for (const c of drafted) expect(withPackets.has(String(c._id)), c.reference).to.equal(true);
      for (const c of cases.filter((c) => c.status === 'new')) expect(withPackets.has(String(c._id))).to.equal(false);
    });

    it('the practice’s two specialties treat every case, and a case with notes has a narrative', async () => {
      const specialties = new Set(cases.map((c) => c.treatingClinician.specialty));
      expect([...specialties].sort()).to.deep.equal([
        'Pain Medicine (interventional spine)',
        'Physical Medicine & Rehabilitation',
      ]);
      const withNotes = new Set((await demo.collection('evidence_documents').distinct('caseId')).map(String));
      for (const c of cases.filter((c) => withNotes.has(String(c._id)))) {
        expect(c.narrative?.medicalNecessity, c.reference).to.be.a('string').and.not.equal('');
        expect(c.narrative?.keyFacts, c.reference).to.have.length.at.least(2);
      }
    });
  });
});
