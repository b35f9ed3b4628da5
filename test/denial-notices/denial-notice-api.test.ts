import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { makeUsers, testApp, type TestUser } from '../support/app.js';
import { loadTestConfig } from '../../server/config.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';
import { DenialNoticeModel } from '../../server/denial-notices/denial-notice.model.js';
import { corpusNotice } from './support.js';

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('denial notices through the API', () => {
  const { http } = testApp();
  const noticeDir = path.join(loadTestConfig().uploadDir, 'denial-notices');
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  const upload = (bytes: Buffer, user: TestUser, name = 'scan.pdf') =>
    http.post('/api/v1/denial-notices').set(user.auth).attach('file', bytes, name);

  /** Every file under the notices' folder, temporary ones included. */
  async function storedFiles(): Promise<string[]> {
    const entries = await fs.readdir(noticeDir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  it('when billing uploads a notice, then 201 gives text and fields, keeps the file by hash, audits', async () => {
    const { pdf, expected } = corpusNotice('medicaid-mco-adverse-determination');
    const res = await upload(pdf, users.billing, 'Keisha Thibodeaux denial.pdf');
    expect(res.status).to.equal(201);
    expect(res.body.id).to.match(/^[0-9a-f]{24}$/);
    expect(res.body).to.include({ mediaType: 'application/pdf', pageCount: 1, sha256: sha256(pdf), size: pdf.length });
    expect(res.body.pages).to.have.length(1);
    expect(res.body.pages[0]).to.include({ page: 1, source: 'text_layer' });
    expect(res.body.pages[0].text).to.contain('NOTICE OF ADVERSE BENEFIT DETERMINATION');
    const { fields } = res.body;
    expect(fields.memberId).to.deep.include({ value: expected.memberId, confidence: 'high' });
    expect(fields.patientName.value).to.equal(expected.patientName);
    expect(fields.authorizationNumber.value).to.equal(expected.authorizationNumber);
    expect(fields.noticeDate.value).to.equal('2026-10-27');
    expect(fields.noticeDate.where).to.deep.equal({
      page: 1,
      text: '10/27/2026',
      context:
        'Organization 8200 Jefferson Hwy, Baton Rouge, LA 70809 Notice date: 10/27/2026 ' +
        'NOTICE OF ADVERSE BENEFIT DETERMINATION Member name: Keisha',
    });
    expect(fields.criteria.map((c: { value: unknown }) => c.value)).to.deep.equal([
      { kind: 'mcg', reference: 'A-0310' },
    ]);
    expect(res.body.automatedReview.flagged).to.equal(true);
    expect(res.body.automatedReview.words.map((w: { word: string }) => w.word)).to.deep.equal(['MCG']);

    const stored = path.join(noticeDir, sha256(pdf).slice(0, 2), sha256(pdf));
    expect(await fs.readFile(stored)).to.deep.equal(pdf);
    expect(await storedFiles()).to.not.satisfy((files: string[]) => files.some((f) => /Keisha|\.tmp-/.test(f)));
    const record = await DenialNoticeModel.findById(res.body.id).lean();
    expect(record!.createdBy.id).to.equal(users.billing.id);
    const audit = await AuditEventModel.find({ entityId: res.body.id }).lean();
    expect(audit.map((a) => [a.action, a.actorId, a.entityType])).to.deep.equal([
      ['denial_notice.upload', users.billing.id, 'denial_notice'],
    ]);
  });

  it('when the uploader reads the notice back, then GET gives the same fields and the read is audited', async () => {
    const { pdf } = corpusNotice('timely-filing-tpa');
    const created = await upload(pdf, users.clinician);
    expect(created.status).to.equal(201);
    const res = await http.get(`/api/v1/denial-notices/${created.body.id}`).set(users.clinician.auth);
    expect(res.status).to.equal(200);
    expect(res.body.fields).to.deep.equal(created.body.fields);
    expect(res.body.fields.carcs.map((c: { value: string }) => c.value)).to.deep.equal(['29']);
    const reads = await AuditEventModel.find({ entityId: created.body.id, action: 'denial_notice.read' }).lean();
    expect(reads.map((a) => a.actorId)).to.deep.equal([users.clinician.id]);
  });

  it("when a clinician asks for another clinician's notice, then 404; billing and administrators read it", async () => {
    const other = (await makeUsers()).clinician;
    const created = await upload(corpusNotice('coding-denial-commercial').pdf, other);
    const url = `/api/v1/denial-notices/${created.body.id}`;
    const refused = await http.get(url).set(users.clinician.auth);
    expect(refused.status).to.equal(404);
    expect(refused.body.code).to.equal('DENIAL_NOTICE_NOT_FOUND');
    expect((await http.get(url).set(users.billing.auth)).status).to.equal(200);
    expect((await http.get(url).set(users.admin.auth)).status).to.equal(200);
  });

  it('when a medical director uploads a notice, then 403; without a token, 401', async () => {
    const { pdf } = corpusNotice('bcbs-home-infusion-denial');
    expect((await upload(pdf, users.director)).status).to.equal(403);
    expect((await http.post('/api/v1/denial-notices').attach('file', pdf, 'n.pdf')).status).to.equal(401);
  });

  it('when the upload has no file, then 400 names the field; a file under another name is refused too', async () => {
    const empty = await http
      .post('/api/v1/denial-notices')
      .set(users.billing.auth)
      .set('Content-Type', 'multipart/form-data; boundary=X')
      .send('--X--\r\n');
    expect(empty.status).to.equal(400);
    expect(empty.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['body.file']);
    const { pdf } = corpusNotice('bcbs-home-infusion-denial');
    const misnamed = await http.post('/api/v1/denial-notices').set(users.billing.auth).attach('notice', pdf, 'n.pdf');
    expect(misnamed.status).to.equal(400);
  });

  it('when the file is a ZIP or a PDF cut off, then 415 and 422, and nothing is kept', async () => {
    const before = { files: await storedFiles(), records: await DenialNoticeModel.countDocuments() };
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), crypto.randomBytes(200)]);
    const notZip = await upload(zip, users.billing, 'notice.pdf');
    expect(notZip.status).to.equal(415);
    const { pdf } = corpusNotice('snf-navihealth-ma');
    const cut = await upload(pdf.subarray(0, pdf.length - 200), users.billing);
    expect(cut.status).to.equal(422);
    expect(cut.body.code).to.equal('INCOMPLETE_PDF');
    expect(await storedFiles()).to.deep.equal(before.files);
    expect(await DenialNoticeModel.countDocuments()).to.equal(before.records);
  });

  it('when a notice id is malformed or unknown, then 400 or 404', async () => {
    expect((await http.get('/api/v1/denial-notices/not-an-id').set(users.billing.auth)).status).to.equal(400);
    const unknown = await http.get('/api/v1/denial-notices/0123456789abcdef01234567').set(users.billing.auth);
    expect(unknown.status).to.equal(404);
  });
});
