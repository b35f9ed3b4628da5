import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';

/** Cases of a payer count their deadlines from its profile's windows, so a change to the profile moves them. */
describe('payer profiles', () => {
  const { http } = testApp(new Date('2026-11-23T14:00:00Z'));
  let billing: TestUser;
  let clinician: TestUser;
  before(async () => ({ billing, clinician } = await makeUsers()));

  async function payerWithCase() {
    const payer = await http
      .post('/api/v1/payers')
      .set(billing.auth)
      .send({
        name: `Regional Health ${Date.now()}`,
        appealWindow: { days: 90, unit: 'calendar', countFrom: 'notice' },
      });
    expect(payer.status, JSON.stringify(payer.body)).to.equal(201);
    const base = caseBody();
    const opened = await http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send({
        ...base,
        payer: { ...base.payer, planType: 'other', profileId: payer.body._id },
        denial: { ...base.denial, noticeDate: '2026-11-20', receivedDate: undefined },
      });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    return { payer: payer.body, opened: opened.body };
  }

  it(
    'when billing shortens a payer’s appeal window from 90 to 60 days, then its ' +
      'open case is due 2027-01-19 instead of 2027-02-18, and its timeline says ' +
      'why',
    async () => {
      const { payer, opened } = await payerWithCase();
      expect(opened.deadlines[0]).to.include({ kind: 'filing', dueDate: '2027-02-18' });
      const res = await http
        .patch(`/api/v1/payers/${payer._id}`)
        .set(billing.auth)
        .send({ version: 0, appealWindow: { days: 60, unit: 'calendar', countFrom: 'notice' } });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.casesWithNewDeadlines).to.equal(1);
      const now = (await http.get(`/api/v1/cases/${opened.id}`).set(billing.auth)).body;
      expect(now.deadlines[0]).to.include({ kind: 'filing', dueDate: '2027-01-19' });
      expect(now.nextDueDate).to.equal('2027-01-19');
      expect(now.timeline.at(-1).note)
        .to.contain('after the payer profile changed')
        .and.contain('were: filing payer_appeal 2027-02-18');
    },
  );

  it('when a change leaves the windows as they were, then no case is written', async () => {
    const { payer, opened } = await payerWithCase();
    const res = await http
      .patch(`/api/v1/payers/${payer._id}`)
      .set(billing.auth)
      .send({ version: 0, notes: 'Appeals by fax only' });
    expect(res.body.casesWithNewDeadlines).to.equal(0);
    expect((await http.get(`/api/v1/cases/${opened.id}`).set(billing.auth)).body.version).to.equal(opened.version);
  });

  it(
    'when the change is sent on a stale version or by a clinician, then 409 or ' + '403 and the case keeps its date',
    async () => {
      const { payer, opened } = await payerWithCase();
      await http
        .patch(`/api/v1/payers/${payer._id}`)
        .set(billing.auth)
        .send({ version: 0, notes: 'first' })
        .expect(200);
      const stale = await http
        .patch(`/api/v1/payers/${payer._id}`)
        .set(billing.auth)
        .send({ version: 0, appealWindow: { days: 30, unit: 'calendar', countFrom: 'notice' } });
      expect(stale.status).to.equal(409);
      const byClinician = await http
        .patch(`/api/v1/payers/${payer._id}`)
        .set(clinician.auth)
        .send({ version: 1, appealWindow: { days: 30, unit: 'calendar', countFrom: 'notice' } });
      expect(byClinician.status).to.equal(403);
      expect((await http.get(`/api/v1/cases/${opened.id}`).set(billing.auth)).body.deadlines[0].dueDate).to.equal(
        '2027-02-18',
      );
    },
  );

  it('when a state fair-hearing window shorter than 120 days is entered, then 400 cites 438.408(f)(2)', async () => {
    const short = await http
      .post('/api/v1/payers')
      .set(billing.auth)
      .send({ name: `State Medicaid Plan ${Date.now()}`, stateFairHearingDays: 90 });
    expect(short.status).to.equal(400);
    expect(short.body.errors[0].field).to.equal('body.stateFairHearingDays');
    expect(short.body.errors[0].message).to.contain('438.408(f)(2)');
  });
});
