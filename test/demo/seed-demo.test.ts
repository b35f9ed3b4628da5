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
  const seed = async () => {
    // Its files go in this test file's upload folder, removed with it.
    const { uploadDir } = loadTestConfig();
    const { stdout } = await run('npx', ['tsx', 'scripts/seed.ts'], {
      env: { ...process.env, MONGODB_URI: uri, LOG_LEVEL: 'error', UPLOAD_DIR: path.join(uploadDir, 'demo') },
    });
    return stdout;
  };
  let uri: string;

  before(async () => {
    // The server is known once the root hooks have connected.
    uri = `mongodb://${mongoose.connection.host}:${mongoose.connection.port}/overturn_demo_${Date.now()}`;
    expect(await seed()).to.contain('Demo data seeded.');
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
      // A remittance names no date of birth: the imported cases have none to check.
      for (const c of cases.filter((c) => c.patient.dateOfBirth)) {
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
      const typedIn = cases.filter((c) => !c.claim?.importId);
      const specialties = new Set(typedIn.map((c) => c.treatingClinician.specialty));
      // An imported case names its rendering provider as the remittance does: by name and NPI, one of the two.
      const npis = new Set(typedIn.map((c) => c.treatingClinician.npi));
      for (const c of cases.filter((c) => c.claim?.importId))
        expect(npis.has(c.treatingClinician.npi), c.reference).to.equal(true);
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

  describe('the remittances it imported, as a billing manager would check them', () => {
    type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    let imported: Map<string, Row>;
    before(async () => {
      const rows = await demo
        .collection('cases')
        .find({ 'claim.importId': { $exists: true } })
        .toArray();
      imported = new Map(rows.map((c) => [c.claim.payerClaimControlNumber, c]));
    });
    const lineFigures = (c: Row) =>
      c.lines.map((l: Row) => [
        [l.procedure.code, ...l.procedure.modifiers].join('-'),
        l.chargeCents,
        l.paidCents,
        l.deniedCents,
        l.underAppeal,
      ]);
    const codes = (c: Row) => c.denial.reasonCodes.map((r: Row) => `${r.group ?? r.kind}-${r.code}`);

    it('two Regional Community Plan remittances were imported, the first making 3 cases of 5 claims', async () => {
      const imports = await demo.collection('imports').find().sort({ createdAt: 1 }).toArray();
      expect(
        imports.map((i) => [i.status, i.counts.claimsRead, i.counts.casesCreated, i.counts.paymentsMatched]),
      ).to.deep.equal([
        ['done', 5, 3, 0],
        ['done', 2, 0, 1],
      ]);
      expect([...imported.keys()].sort()).to.deep.equal(['RCP2609417726', 'RCP2609417730', 'RCP2609417741']);
      for (const c of imported.values()) {
        expect(c.payer.profileId, c.reference).to.exist;
        expect(c.payer.name.toLowerCase()).to.equal('regional community plan');
      }
    });

    it('the epidural given without authorization is denied whole: both levels at stake, to appeal', () => {
      const c = imported.get('RCP2609417726')!;
      expect([c.claim.status, c.denial.category, c.amountAtStake, c.status]).to.deep.equal([
        '4',
        'prior_authorization',
        2070,
        'new',
      ]);
      expect(lineFigures(c)).to.deep.equal([
        ['64483-LT', 145000, 0, 145000, true],
        ['64484-LT', 62000, 0, 62000, true],
      ]);
      expect(codes(c)).to.deep.equal(['CO-197', 'RARC-M62']);
      expect(c.claim.recommendation.route).to.equal('appeal');
      // The payer's 90-day window from the remittance's date, as its profile says.
      expect(c.deadlines.map((d: Row) => d.kind)).to.include('filing');
    });

    it('the therapy visit is partly denied: only its bundled manual therapy is at stake, to correct and rebill', () => {
      const c = imported.get('RCP2609417741')!;
      expect([c.claim.status, c.denial.category, c.amountAtStake]).to.deep.equal(['1', 'coding', 85]);
      expect(lineFigures(c)).to.deep.equal([
        ['97110-GP', 18000, 10080, 0, false],
        ['97530-GP', 9500, 5320, 0, false],
        ['97140-GP', 8500, 0, 8500, true],
      ]);
      expect(c.claim.patientResponsibilityCents).to.equal(3850);
      expect(codes(c)).to.deep.equal(['CO-97', 'RARC-M80']);
      expect(c.claim.recommendation.route).to.equal('correct_and_rebill');
    });

    it('the visit adjusted by contract alone and the one left to the deductible (PR-1) open no case', async () => {
      const numbers = await demo.collection('cases').distinct('claim.payerClaimControlNumber');
      expect(numbers).not.to.include.members(['RCP2609417744']);
      expect(numbers).not.to.include.members(['RCP2609417752']);
    });

    it('the appealed medical-necessity denial, paid by the later remittance: recovered on its lines', () => {
      const c = imported.get('RCP2609417730')!;
      expect([c.denial.category, codes(c), c.amountAtStake]).to.deep.equal([
        'medical_necessity',
        ['CO-50', 'RARC-N661'],
        1050,
      ]);
      expect(c.lines.map((l: Row) => [l.procedure.code, l.resolution.kind, l.resolution.amountCents])).to.deep.equal([
        ['95911', 'overturned_paid', 44800],
        ['95886', 'overturned_paid', 28700],
      ]);
      expect(new Set(c.lines.map((l: Row) => l.resolution.remittance))).to.deep.equal(new Set(['0028814563']));
      expect(c.status).to.equal('overturned');
      const steps = c.timeline.map((e: Row) => (e.type === 'remittance' ? 'remittance' : e.toStatus));
      expect(steps.indexOf('submitted')).to.be.below(steps.indexOf('remittance'));
      const submitted = c.timeline.find((e: Row) => e.toStatus === 'submitted');
      const paid = c.timeline.find((e: Row) => e.type === 'remittance');
      expect(paid.at.getTime()).to.be.above(submitted.at.getTime());
      expect(c.denial.noticeDate < submitted.at.toISOString().slice(0, 10)).to.equal(true);
    });

    it('seeding again changes nothing: no case, import or claim key is added', async () => {
      const counts = () =>
        Promise.all(
          ['cases', 'imports', 'case_claim_keys', 'auditevents'].map((n) => demo.collection(n).countDocuments()),
        );
      const before = await counts();
      expect(await seed()).to.contain('nothing seeded');
      expect(await counts()).to.deep.equal(before);
    });
  });
});
