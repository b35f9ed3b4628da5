import { expect } from 'chai';
import { testApp, makeUsers, silentLogger, type TestUser } from '../support/app.js';
import { loadTestConfig } from '../../server/config.js';
import { startImportJobs } from '../../server/imports/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import fs from 'node:fs';
import path from 'node:path';
import { fixtureText } from '../remittances/support.js';
import { importsThrough, type Import } from './support.js';
import { writeRemittanceFile } from '../../scripts/bench/remittance-file.js';
import { claimDisposition, readX12Remittance } from '../../server/remittances/index.js';

describe('importing a remittance into cases', () => {
  const { http, clock } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'clinician' | 'billing' | 'admin', TestUser>;
  let stopJobs: () => Promise<unknown>;

  before(async () => {
    users = await makeUsers();
    stopJobs = await startImportJobs({ config: loadTestConfig(), clock, logger: silentLogger }, { processEvery: 50 });
  });
  after(() => stopJobs());

  const { upload, imported } = importsThrough(http, () => users.billing);

  const caseOf = (payerClaimControlNumber: string) =>
    CaseModel.findOne({ 'claim.payerClaimControlNumber': payerClaimControlNumber }).lean();

  it('when an 835 of two payers is imported, then each (partly) denied claim is a case with its lines', async () => {
    const done = await imported(fixtureText('two-payers-partial-denials.835'));
    expect(done.status).to.equal('done');
    expect(done.counts).to.deep.equal({
      claimsRead: 7,
      denialsFound: 3,
      casesCreated: 3,
      casesMatched: 0,
      paymentsMatched: 0,
      reversalsRecorded: 0,
    });
    expect(done.progress).to.deep.equal({ claimsDone: 7, claimsTotal: 7 });

    const partial = await caseOf('2611500000101');
    expect(partial!.claim).to.include({
      patientControlNumber: 'OVT-1001',
      status: '1',
      chargeCents: 204050,
      paidCents: 10832,
    });
    expect(
      partial!.lines!.map((l) => [l.procedure?.code, l.procedure?.modifiers, l.deniedCents, l.underAppeal]),
    ).to.deep.equal([
      ['99214', ['25'], 0, false],
      ['72148', [], 184050, true],
    ]);
    expect(partial!.lines![1].remarkCodes).to.deep.equal(['N115']);
    expect(partial!.amountAtStake).to.equal(1840.5);
    expect(partial!.denial.category).to.equal('medical_necessity');
    expect(partial!.claim!.recommendation!.route).to.equal('appeal');
    expect(partial!.denial.reasonCodes.map((c) => `${c.group ?? ''}-${c.code}`)).to.include.members(['CO-50', '-N115']);

    const denied = await caseOf('2611500000102');
    expect([denied!.denial.category, denied!.amountAtStake, denied!.payer.name]).to.deep.equal([
      'prior_authorization',
      950,
      'ACME HEALTH PLAN',
    ]);
    const nonCovered = await caseOf('BH-55-0001');
    expect([nonCovered!.denial.category, nonCovered!.amountAtStake]).to.deep.equal(['benefit_exclusion', 150]);
    // Contractual and patient-share adjustments alone make no case.
    expect(await caseOf('2611500000103')).to.equal(null);

    const view = await http.get(`/api/v1/cases/${String(partial!._id)}`).set(users.billing.auth);
    expect(view.status).to.equal(200);
    expect(view.body.lines[1].resolution).to.deep.equal({ kind: 'open' });
  });

  it('when the same file is imported again, then it answers the earlier import and nothing new is made', async () => {
    const before = await CaseModel.countDocuments();
    const res = await upload(fixtureText('two-payers-partial-denials.835'));
    expect(res.status).to.equal(202);
    expect(res.body.repeated).to.equal(true);
    expect((await http.get('/api/v1/imports').set(users.admin.auth)).body.imports.map((i: Import) => i.id)).to.include(
      res.body.id,
    );
    expect(await CaseModel.countDocuments()).to.equal(before);
  });

  it('when a later remittance pays a denied claim, then the recovery is on its line; a reversal is noted', async () => {
    const denial = fixtureText('pipe-caret-newline.835');
    const first = await imported(denial);
    expect(first.counts.casesCreated).to.equal(1);
    // The same claim, reprocessed after the appeal: paid $900, the rest contractual.
    const paying = denial
      .replaceAll('000000818', '000000819')
      .replace('CLP|OVT-3001|4|1250|0|0|', 'CLP|OVT-3001|1|1250|900|0|')
      .replace('CAS|CO|50|1250\n', '')
      .replace(
        'SVC|HC^70553|1250|0||1\nDTM|472|20261003\n',
        'SVC|HC^70553|1250|900||1\nDTM|472|20261003\nCAS|CO|45|350\n',
      );
    const second = await imported(paying);
    expect(second.status, JSON.stringify(second.problem)).to.equal('done');
    expect([second.counts.paymentsMatched, second.counts.casesCreated]).to.deep.equal([1, 0]);
    const recovered = await caseOf('CV-9001');
    expect(recovered!.lines![0].resolution).to.include({
      kind: 'overturned_paid',
      amountCents: 90000,
      remittance: 'NOPAY88001',
    });
    expect(recovered!.timeline.filter((e) => e.type === 'remittance')).to.have.length(1);

    // The payer then takes the payment back (status 22): noted on the case, the line as it was.
    const reversal = paying
      .replaceAll('000000819', '000000820')
      .replace('CLP|OVT-3001|1|1250|900|0|', 'CLP|OVT-3001|22|-1250|-900|0|')
      .replace('SVC|HC^70553|1250|900||1', 'SVC|HC^70553|-1250|-900||-1')
      .replace('CAS|CO|45|350', 'CAS|CO|45|-350');
    const third = await imported(reversal);
    expect([third.status, third.counts.reversalsRecorded, third.counts.casesCreated]).to.deep.equal(['done', 1, 0]);
    const reversed = await caseOf('CV-9001');
    expect(reversed!.timeline.filter((e) => e.type === 'remittance')).to.have.length(2);
    expect(reversed!.lines![0].resolution.kind).to.equal('overturned_paid');
  });

  it('when a file repeats a denied claim beside a new one, then ?importId= lists only the case it opened', async () => {
    // Claim numbers of their own, so the earlier tests' cases are not in the way.
    const first = fixtureText('pipe-caret-newline.835')
      .replaceAll('000000818', '000000831')
      .replaceAll('CV-900', 'CV-930');
    const opening = await imported(first);
    // Again the denial of CV-9301, now beside CV-9302 denied too.
    const second = first
      .replaceAll('000000831', '000000832')
      .replace('CLP|OVT-3002|1|110|88|22|', 'CLP|OVT-3002|4|110|0|0|')
      .replace('SVC|HC^99212^95|110|88||1', 'SVC|HC^99212^95|110|0||1')
      .replace('CAS|PR|3|22', 'CAS|CO|50|110');
    const repeating = await imported(second);
    expect([repeating.status, repeating.counts.casesCreated, repeating.counts.casesMatched]).to.deep.equal([
      'done',
      1,
      1,
    ]);
    const listed = async (importId: string) => {
      const res = await http.get(`/api/v1/cases?importId=${importId}`).set(users.billing.auth);
      expect(res.status).to.equal(200);
      return res.body.cases.map((c: { id: string }) => c.id);
    };
    expect(await listed(repeating.id)).to.deep.equal([String((await caseOf('CV-9302'))!._id)]);
    expect(await listed(opening.id)).to.deep.equal([String((await caseOf('CV-9301'))!._id)]);
  });

  it('when the file is truncated, then the import is refused whole with the segment and no case is made', async () => {
    // New claim numbers: read before the truncation is found, its denials would open new cases if anything were kept.
    const before = await CaseModel.countDocuments();
    const done = await imported(fixtureText('truncated.835').replaceAll('26115000001', '26115999991'));
    expect(done.status).to.equal('refused');
    expect(done.problem!.code).to.equal('REMITTANCE_ENVELOPE_INVALID');
    expect(done.problem!.segment).to.be.a('number').above(1);
    expect(await CaseModel.countDocuments()).to.equal(before);
  });

  it('when a clinician uploads or reads imports, then it is 403', async () => {
    expect((await upload(fixtureText('two-payers-partial-denials.835'), users.clinician)).status).to.equal(403);
    expect((await http.get('/api/v1/imports').set(users.clinician.auth)).status).to.equal(403);
  });

  it('when a generated 1,200-claim 835 is imported, then each of its denials has one case', async function () {
    // A bounded wait for a job that writes some 300 cases on a shared two-core machine, not a speed check.
    this.timeout(240_000);
    const config = loadTestConfig();
    fs.mkdirSync(config.uploadDir, { recursive: true });
    const file = path.join(config.uploadDir, 'generated.835');
    await writeRemittanceFile(file, 1200, { element: '^', component: '>', repetition: '{', segment: '~' });
    let denials = 0;
    for await (const item of readX12Remittance(file)) {
      if (item.kind !== 'claim') continue;
      const kind = claimDisposition(item.claim).kind;
      if (kind === 'denied' || kind === 'partly_denied') denials++;
    }
    const before = await CaseModel.countDocuments();
    const started = process.hrtime.bigint();
    const done = await imported(fs.readFileSync(file, 'utf8'));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`      1,200 claims, ${denials} denials imported in ${seconds.toFixed(1)} s (upload to done)`);
    expect(done.status).to.equal('done');
    expect(denials).to.be.above(0);
    expect([done.counts.claimsRead, done.counts.denialsFound, done.counts.casesCreated]).to.deep.equal([
      1200,
      denials,
      denials,
    ]);
    expect(await CaseModel.countDocuments()).to.equal(before + denials);
  });
});
