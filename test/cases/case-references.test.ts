import { expect } from 'chai';
import { testApp, makeUser, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { notePdf, PROGRESS_NOTE, upload as uploadNote } from '../evidence/support.js';

/**
 * The ids a case names must be real and its own (issue 14, defect 8): a key fact citing another
 * case's document would put that patient's record into this patient's letter.
 */
describe('ids a case names', () => {
  const { http } = testApp();
  let billing: TestUser;
  let mine: string;
  let theirs: string;
  let theirDocument: string;
  let myDocument: string;

  const upload = async (caseId: string) => {
    const res = await uploadNote(http, caseId, billing, {
      bytes: await notePdf(PROGRESS_NOTE),
      title: 'Progress note',
      kind: 'progress_note',
      date: '2026-10-01',
    });
    expect(res.status, res.text).to.equal(201);
    return res.body.id as string;
  };
  const versionOf = async (caseId: string) =>
    (await http.get(`/api/v1/cases/${caseId}`).set(billing.auth)).body.version as number;

  before(async () => {
    billing = await makeUser('billing');
    mine = (await http.post('/api/v1/cases').set(billing.auth).send(caseBody())).body.id;
    theirs = (await http.post('/api/v1/cases').set(billing.auth).send(caseBody())).body.id;
    myDocument = await upload(mine);
    theirDocument = await upload(theirs);
  });

  it('when a key fact cites another case’s document, then the edit is refused and nothing changes', async () => {
    const version = await versionOf(mine);
    const res = await http
      .patch(`/api/v1/cases/${mine}`)
      .set(billing.auth)
      .send({ version, narrative: { keyFacts: [{ fact: 'Straight-leg raise positive', documentId: theirDocument }] } });
    expect(res.status).to.equal(400);
    expect(res.body.errors).to.deep.include({
      field: 'body.narrative.keyFacts.0.documentId',
      message: 'No document of this case has this id',
    });
    const after = (await http.get(`/api/v1/cases/${mine}`).set(billing.auth)).body;
    expect(after.version).to.equal(version);
    expect(after.narrative?.keyFacts ?? []).to.deep.equal([]);
  });

  it('when a key fact cites the case’s own document, then it is saved', async () => {
    const res = await http
      .patch(`/api/v1/cases/${mine}`)
      .set(billing.auth)
      .send({
        version: await versionOf(mine),
        narrative: { keyFacts: [{ fact: 'Straight-leg raise positive', documentId: myDocument }] },
      });
    expect(res.status, res.text).to.equal(200);
    expect(res.body.narrative.keyFacts[0].documentId).to.equal(myDocument);
  });

  it('when a new case cites a document, an unknown assignee or payer profile, then each is named', async () => {
    const base = caseBody();
    const res = await http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send(
        caseBody({
          payer: { ...base.payer, profileId: '0123456789abcdef01234567' },
          assigneeId: '0123456789abcdef01234568',
          narrative: { keyFacts: [{ fact: 'From the other chart', documentId: theirDocument }] },
        }),
      );
    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).to.have.members([
      'body.payer.profileId',
      'body.assigneeId',
      'body.narrative.keyFacts.0.documentId',
    ]);
  });

  it('when a case is reassigned to a deactivated user, then it is refused', async () => {
    const admin = await makeUser('admin');
    const clinician = await makeUser('clinician');
    const off = await http.patch(`/api/v1/users/${clinician.id}`).set(admin.auth).send({ active: false, version: 0 });
    expect(off.status, off.text).to.equal(200);
    const res = await http
      .patch(`/api/v1/cases/${theirs}`)
      .set(billing.auth)
      .send({ version: await versionOf(theirs), assigneeId: clinician.id });
    expect(res.status).to.equal(400);
    expect(res.body.errors[0]).to.include({ field: 'body.assigneeId' });
  });
});
