import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { describeReasonCodes } from '../../server/reason-codes/index.js';
import { ReasonCodeTextModel } from '../../server/reason-codes/reason-code-text.model.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';

/**
 * The official wording is X12's, licensed by the clinic: an administrator loads it from a CSV and
 * every reader then sees it instead of ours. The files here are made up; no official text is used.
 */
describe('reason codes over HTTP, and the official list', () => {
  const { http } = testApp();
  let admin: TestUser;
  let clinician: TestUser;
  before(async () => ({ admin, clinician } = await makeUsers()));

  const csv = (...rows: string[]) => Buffer.from(['code,description,start date,stop date', ...rows].join('\r\n'));
  const load = (user: TestUser, kind: string, file: Buffer) =>
    http
      .post('/api/v1/reason-codes/official')
      .set(user.auth)
      .field('kind', kind)
      .attach('file', file, { filename: 'carc.csv', contentType: 'text/csv' });

  it('before any load, CO-50 reads in our words: medical necessity, usually appealed', async () => {
    const res = await http.get('/api/v1/reason-codes/CO-50').set(clinician.auth);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({
      code: '50',
      group: 'CO',
      kind: 'CARC',
      known: true,
      wording: 'ours',
      category: 'medical_necessity',
      route: 'appeal',
      appealable: true,
    });
  });

  it('a search by code or by words finds N115 and M127 for any signed-in role', async () => {
    const byCode = await http.get('/api/v1/reason-codes').query({ q: 'N115' }).set(clinician.auth);
    expect(byCode.status).to.equal(200);
    expect(byCode.body.codes.map((c: { code: string }) => c.code)).to.include('N115');
    const byWords = await http
      .get('/api/v1/reason-codes')
      .query({ kind: 'RARC', q: 'medical record' })
      .set(clinician.auth);
    expect(byWords.body.codes.map((c: { code: string }) => c.code)).to.include('M127');
    expect(byWords.body.codes.every((c: { kind: string }) => c.kind === 'RARC')).to.equal(true);
  });

  it('a code neither list knows is 404 by itself, but kept and shown as unknown among others', async () => {
    const res = await http.get('/api/v1/reason-codes/ZZ9').set(clinician.auth);
    expect(res.status).to.equal(404);
    expect(res.type).to.equal('application/problem+json');
    const described = await describeReasonCodes(['CO-197', 'ZZ9', 'n115']);
    expect(described.map((d) => [d.code, d.known, d.description === 'Unknown code'])).to.deep.equal([
      ['197', true, false],
      ['ZZ9', false, true],
      ['N115', true, false],
    ]);
  });

  it('a clinician may not load the official list: 403, and nothing is stored', async () => {
    const res = await load(clinician, 'CARC', csv('50,Official text for fifty,01/01/1995,'));
    expect(res.status).to.equal(403);
    expect(await ReasonCodeTextModel.countDocuments()).to.equal(0);
  });

  it('an admin loads the CARC list: 201, audited, and CO-50 then shows the official wording and dates', async () => {
    const res = await load(
      admin,
      'CARC',
      csv(
        '50,"Official text for fifty, quoted",01/01/1995,',
        '15,Official text for fifteen,01/01/1995,2008-07-01',
        '309,A code newer than our table,2027-03-01,',
      ),
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ kind: 'CARC', codes: 3, replaced: 0 });
    const audit = await AuditEventModel.find({ action: 'reason_codes.official_load' }).lean();
    expect(audit.map((a) => [a.actorId, a.entityId, a.outcome])).to.deep.equal([[admin.id, 'CARC', 'success']]);

    const fifty = await http.get('/api/v1/reason-codes/50').set(clinician.auth);
    expect(fifty.body).to.include({
      description: 'Official text for fifty, quoted',
      wording: 'official',
      startDate: '1995-01-01',
      category: 'medical_necessity',
      route: 'appeal',
    });
    const fifteen = await http.get('/api/v1/reason-codes/15').set(clinician.auth);
    expect(fifteen.body).to.include({ stopDate: '2008-07-01', status: 'deactivated' });
    const newer = await http.get('/api/v1/reason-codes/309').set(clinician.auth);
    expect(newer.body).to.include({ known: true, wording: 'official', category: null });
    // The RARCs were not loaded: still ours.
    const n115 = await http.get('/api/v1/reason-codes/N115').set(clinician.auth);
    expect(n115.body.wording).to.equal('ours');
  });

  it('a file with a bad row 3 is refused whole with 422 naming row 3, and the previous list stays in use', async () => {
    const before = await ReasonCodeTextModel.find().sort({ code: 1 }).lean();
    const res = await load(admin, 'CARC', csv('50,Replacement text,01/01/1995,', '16,Bad dates,13/45/2020,'));
    expect(res.status).to.equal(422);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('OFFICIAL_LIST_INVALID');
    expect(res.body.detail ?? res.body.title).to.match(/row 3/i);
    expect(JSON.stringify(res.body)).to.include('file.row 3');
    const after = await ReasonCodeTextModel.find().sort({ code: 1 }).lean();
    expect(after.map((t) => [t.code, t.description])).to.deep.equal(before.map((t) => [t.code, t.description]));
    const fifty = await http.get('/api/v1/reason-codes/50').set(clinician.auth);
    expect(fifty.body.description).to.equal('Official text for fifty, quoted');
  });

  it('a file without the named columns, a RARC code in a CARC file, or no file at all are refused', async () => {
    const noHeader = await load(admin, 'CARC', Buffer.from('50,Some text\r\n'));
    expect(noHeader.status).to.equal(422);
    expect(JSON.stringify(noHeader.body)).to.include('file.row 1');
    const wrongList = await load(admin, 'CARC', csv('N115,Not a CARC,,'));
    expect(wrongList.status).to.equal(422);
    expect(JSON.stringify(wrongList.body)).to.include('file.row 2');
    const noFile = await http.post('/api/v1/reason-codes/official').set(admin.auth).field('kind', 'CARC');
    expect(noFile.status).to.equal(400);
    const noKind = await load(admin, 'HCPCS', csv('50,Text,,'));
    expect(noKind.status).to.equal(400);
  });

  it('a second good load replaces the list whole: a code it no longer has reads in our words again', async () => {
    const res = await load(admin, 'CARC', csv('197,Official text for one ninety-seven,01/01/2008,'));
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ codes: 1, replaced: 3 });
    expect(await ReasonCodeTextModel.countDocuments()).to.equal(1);
    const [fifty, authAbsent] = await describeReasonCodes(['CO-50', 'CO-197']);
    expect(fifty.wording).to.equal('ours');
    expect(authAbsent).to.include({ wording: 'official', description: 'Official text for one ninety-seven' });
  });
});
