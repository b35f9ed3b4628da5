import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { testApp, makeUsers, silentLogger, type TestUser } from '../support/app.js';
import { loadTestConfig } from '../../server/config.js';
import { startImportJobs } from '../../server/imports/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { fixtureText } from '../remittances/support.js';
import { importsThrough } from './support.js';

/** The same claim loop for a FHIR ClaimResponse and a CSV as for an 835, through the upload route. */
describe('importing a remittance in each format', () => {
  const { http, clock } = testApp(new Date('2026-12-03T15:00:00Z'));
  const config = loadTestConfig();
  let users: Record<'clinician' | 'billing' | 'admin', TestUser>;
  let stopJobs: () => Promise<unknown>;

  before(async () => {
    users = await makeUsers();
    stopJobs = await startImportJobs({ config, clock, logger: silentLogger }, { processEvery: 50 });
  });
  after(() => stopJobs());

  const { upload, imported } = importsThrough(http, () => users.billing);

  const caseOf = (payerClaimControlNumber: string) =>
    CaseModel.findOne({ 'claim.payerClaimControlNumber': payerClaimControlNumber }).lean();

  /** Temporary files of uploads, which nothing should leave behind. */
  const temps = () => fs.readdirSync(path.join(config.uploadDir, 'imports')).filter((n) => n.startsWith('.tmp-'));

  it('when a CSV of three payers is imported, then its denials are cases, its bad row skipped by number', async () => {
    const done = await imported(fixtureText('three-payers-denials.csv'));
    expect([done.status, done.format]).to.deep.equal(['done', 'csv']);
    expect(done.counts).to.deep.equal({
      claimsRead: 5,
      denialsFound: 3,
      casesCreated: 3,
      casesMatched: 0,
      paymentsMatched: 0,
      reversalsRecorded: 0,
    });
    expect(done.skipped).to.deep.equal([{ position: 7, element: 'charge', reason: 'charge is not an amount' }]);

    const partial = await caseOf('NWH2611040318');
    expect(partial!.claim).to.include({ patientControlNumber: 'OVT-24117', chargeCents: 59700, paidCents: 10592 });
    expect(partial!.lines!.map((l) => [l.procedure?.code, l.deniedCents, l.underAppeal])).to.deep.equal([
      ['99214', 0, false],
      ['97110', 41200, true],
    ]);
    expect([partial!.amountAtStake, partial!.denial.category, partial!.payer.name]).to.deep.equal([
      412,
      'medical_necessity',
      'Northwind Health Plan',
    ]);
    const denied = await caseOf('BSM-77-40211');
    expect([denied!.denial.category, denied!.amountAtStake, denied!.denial.noticeDate]).to.deep.equal([
      'prior_authorization',
      1840.5,
      '2026-11-05',
    ]);
    expect((await caseOf('CV-9104'))!.denial.category).to.equal('benefit_exclusion');
    // Contractual and patient-share adjustments alone make no case.
    expect(await caseOf('NWH2611040322')).to.equal(null);

    const listed = await http.get(`/api/v1/cases?importId=${done.id}`).set(users.billing.auth);
    expect(listed.status).to.equal(200);
    expect(listed.body.cases.map((c: { id: string }) => c.id).sort()).to.deep.equal(
      [partial, denied, await caseOf('CV-9104')].map((c) => String(c!._id)).sort(),
    );
  });

  it('when a later CSV pays the claim denied in the first, then the recovery is on its line', async () => {
    const before = await CaseModel.countDocuments();
    const done = await imported(fixtureText('bluestem-pays-after-appeal.csv'));
    expect([done.status, done.counts.paymentsMatched, done.counts.casesCreated]).to.deep.equal(['done', 1, 0]);
    const paid = await caseOf('BSM-77-40211');
    expect(paid!.lines![0].resolution).to.include({
      kind: 'overturned_paid',
      amountCents: 147240,
      remittance: 'CHK0049920',
    });
    expect(await CaseModel.countDocuments()).to.equal(before);
  });

  it('when the same CSV is uploaded again, then it answers the earlier import, no temporary file left', async () => {
    const before = await CaseModel.countDocuments();
    const res = await upload(fixtureText('three-payers-denials.csv'));
    expect([res.status, res.body.repeated, res.body.format]).to.deep.equal([202, true, 'csv']);
    expect(await CaseModel.countDocuments()).to.equal(before);
    expect(temps()).to.deep.equal([]);
  });

  it('when a FHIR Bundle of ClaimResponses is imported, then the denied and partly denied are cases', async () => {
    const done = await imported(fixtureText('claim-responses.bundle.json'));
    expect(done.progress).to.deep.equal({ claimsDone: 2, claimsTotal: 2 });
    expect([done.status, done.format, done.counts.claimsRead, done.counts.casesCreated]).to.deep.equal([
      'done',
      'fhir',
      2,
      2,
    ]);
    const denied = await caseOf('PA-2026-7781');
    expect([denied!.denial.category, denied!.amountAtStake, denied!.claim!.status]).to.deep.equal([
      'medical_necessity',
      1840.5,
      '4',
    ]);
    const partial = await caseOf('NW-CLM-9902');
    expect(partial!.lines!.map((l) => l.deniedCents)).to.deep.equal([0, 15000]);
    expect(partial!.denial.category).to.equal('benefit_exclusion');
  });

  it('when a FHIR ClaimResponse is invalid, then the import is refused with each path, no case made', async () => {
    const before = await CaseModel.countDocuments();
    const resource = JSON.parse(fixtureText('prior-auth-denied.claim-response.json'));
    resource.identifier[0].value = 'PA-2026-0001';
    delete resource.outcome;
    resource.created = 'last Tuesday';
    const done = await imported(JSON.stringify(resource));
    expect([done.status, done.problem!.code]).to.deep.equal(['refused', 'REMITTANCE_FHIR_INVALID']);
    expect(done.problem!.fields!.map((f) => f.field)).to.have.members(['created', 'outcome']);
    expect(JSON.stringify(done.problem)).not.to.contain('last Tuesday');
    expect(await CaseModel.countDocuments()).to.equal(before);
  });

  it('when a CSV header is not the layout, then the import is refused at row 1 naming the column', async () => {
    const done = await imported(fixtureText('three-payers-denials.csv').replace('claim_status,', 'status,'));
    expect([done.status, done.problem!.code, done.problem!.segment]).to.deep.equal([
      'refused',
      'REMITTANCE_CSV_INVALID',
      1,
    ]);
    expect(done.problem!.fields).to.deep.include({ field: 'claim_status', message: 'required column missing' });
  });

  it('when a file is none of the formats, then it is refused at once with 422, no file left', async () => {
    const res = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect([res.status, res.body.code]).to.deep.equal([422, 'REMITTANCE_FORMAT_UNKNOWN']);
    expect(temps()).to.deep.equal([]);
  });

  it('when an upload sends two files, then it is refused and neither is left on disk', async () => {
    const res = await http
      .post('/api/v1/imports')
      .set(users.billing.auth)
      .attach('file', Buffer.from(fixtureText('three-payers-denials.csv')), 'a.csv')
      .attach('file', Buffer.from(fixtureText('bluestem-pays-after-appeal.csv')), 'b.csv');
    expect(res.status).to.be.within(400, 499);
    expect(temps()).to.deep.equal([]);
  });

  it('when billing asks for the CSV template, then it is text/csv: the header and one example row', async () => {
    const res = await http.get('/api/v1/imports/csv-template').set(users.billing.auth);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    const rows = res.text.trim().split('\r\n');
    expect(rows).to.have.length(2);
    expect(rows[0]).to.match(/^payer_name,payer_id,payer_claim_number,patient_control_number,claim_status,/);
    expect((await http.get('/api/v1/imports/csv-template').set(users.clinician.auth)).status).to.equal(403);
  });
});
