import { expect } from 'chai';
import { testApp, makeUser } from '../support/app.js';

describe('POST /api/v1/deadlines/compute', () => {
  const { http } = testApp();
  it(
    'when asked for a Medicare redetermination on a 2020-08-14 notice, then it ' +
      'answers 2020-12-17 with basis and citation, as the CLI does',
    async () => {
      const user = await makeUser('billing');
      const res = await http
        .post('/api/v1/deadlines/compute')
        .set(user.auth)
        .send({ plan: 'medicare_ab', level: 'redetermination', noticeDate: '2020-08-14' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ filingDeadline: '2020-12-17', plan: 'medicare_ab', level: 'redetermination' });
      expect(res.body.basis).to.contain('presumed receipt');
      expect(res.body.citation).to.contain('405.942');
    },
  );
  it(
    'when the level does not exist for the plan, then 422 says so; when the date ' +
      'is impossible, then 400 names the field',
    async () => {
      const user = await makeUser('clinician');
      const wrong = await http
        .post('/api/v1/deadlines/compute')
        .set(user.auth)
        .send({ plan: 'erisa_group', level: 'alj_hearing', noticeDate: '2026-01-05' });
      expect(wrong.status).to.equal(422);
      expect(wrong.body.code).to.equal('UNKNOWN_LEVEL');
      const bad = await http
        .post('/api/v1/deadlines/compute')
        .set(user.auth)
        .send({ plan: 'erisa_group', level: 'internal_appeal', noticeDate: '2027-02-29' });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors[0]).to.deep.include({ field: 'body.noticeDate' });
    },
  );
  it(
    'when asked for an MA reconsideration of a 2026-04-30 notice, then it answers Saturday 2026-07-04 with ' +
      'lastBusinessDay Thu 2026-07-02, decisionTimeframe and ruleEffectiveFrom, as the CLI does',
    async () => {
      const user = await makeUser('billing');
      const res = await http
        .post('/api/v1/deadlines/compute')
        .set(user.auth)
        .send({ plan: 'medicare_advantage', level: 'reconsideration', noticeDate: '2026-04-30' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({
        filingDeadline: '2026-07-04',
        lastBusinessDay: 'Thu 2026-07-02',
        ruleEffectiveFrom: '2025-01-01',
      });
      expect(res.body.decisionTimeframe).to.contain('30 days');
    },
  );
  it(
    'when expedited is asked for a Medicare Part A/B redetermination, then 422 NO_EXPEDITED names the QIO ' +
      'fast-track appeals instead',
    async () => {
      const user = await makeUser('clinician');
      const res = await http
        .post('/api/v1/deadlines/compute')
        .set(user.auth)
        .send({ plan: 'medicare_ab', level: 'redetermination', noticeDate: '2026-03-02', expedited: true });
      expect(res.status).to.equal(422);
      expect(res.body.code).to.equal('NO_EXPEDITED');
      expect(JSON.stringify(res.body)).to.contain('405.1202');
    },
  );
  it(
    'when asked for a hospital-discharge fast track in Chicago with an appellant the route refuses, then the ' +
      'answers match the CLI: the discharge day by 23:59 clinic time; a 422 naming who may file instead',
    async () => {
      const user = await makeUser('billing');
      const discharge = await http.post('/api/v1/deadlines/compute').set(user.auth).send({
        plan: 'medicare_advantage',
        level: 'qio_hospital_discharge',
        noticeDate: '2026-11-30',
        serviceEnd: '2026-12-02',
        timeZone: 'America/Chicago',
      });
      expect(discharge.status, JSON.stringify(discharge.body)).to.equal(200);
      expect(discharge.body).to.include({ filingDeadline: '2026-12-02', citation: '42 CFR 422.622(b)(1)' });
      expect(discharge.body.filingDeadlineTime).to.include({ timeZone: 'America/Chicago' });
      const refused = await http.post('/api/v1/deadlines/compute').set(user.auth).send({
        plan: 'aca_individual',
        level: 'internal_appeal',
        noticeDate: '2026-11-30',
        appellant: 'medicaid_provider_with_consent',
      });
      expect(refused.status).to.equal(422);
      expect(refused.body.code).to.equal('NOT_FILEABLE');
      const unknown = await http
        .post('/api/v1/deadlines/compute')
        .set(user.auth)
        .send({ plan: 'aca_individual', level: 'internal_appeal', noticeDate: '2026-11-30', appellant: 'cousin' });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.errors[0]).to.deep.include({ field: 'body.appellant' });
    },
  );
});
