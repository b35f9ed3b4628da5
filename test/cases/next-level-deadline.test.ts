import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';

/** An adverse decision starts the next level's filing window at once, whether or not anyone has reopened the case. */
describe('the next level’s deadline after an adverse decision', () => {
  const { http } = testApp(new Date('2026-11-23T14:00:00Z'));
  let billing: TestUser;
  before(async () => ({ billing } = await makeUsers()));

  async function decided(body: Record<string, unknown>, outcome: 'upheld' | 'partially_overturned') {
    let c = (await http.post('/api/v1/cases').set(billing.auth).send(body)).body;
    for (const to of ['gathering_evidence', 'appeal_drafted', 'submitted', outcome]) {
      const res = await http
        .post(`/api/v1/cases/${c.id}/transitions`)
        .set(billing.auth)
        .send({
          to,
          version: c.version,
          ...(to === 'submitted' ? { submittedAt: '2026-11-10T15:00:00Z' } : {}),
          ...(to === outcome ? { decisionDate: '2026-11-20' } : {}),
        });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      c = res.body;
    }
    return c;
  }

  it(
    'when an ERISA plan upholds its denial on 2026-11-20, then the external review ' +
      'must be requested by Monday 2027-03-22 (4 months, rolled off Saturday), ' +
      'shown before the case is reopened',
    async () => {
      const c = await decided(caseBody(), 'upheld');
      expect(c.status).to.equal('upheld');
      expect(c.deadlines).to.have.length(1);
      expect(c.deadlines[0]).to.include({ kind: 'filing', level: 'external_review', dueDate: '2027-03-22' });
      expect(c.deadlines[0].citation).to.contain('45 CFR 147.136(d)(2)(i)');
      expect(c.nextDueDate).to.equal('2027-03-22');
      const worklist = await http.get('/api/v1/worklist/deadlines?withinDays=150').set(billing.auth);
      expect(worklist.body.deadlines.find((d: { caseId: string }) => d.caseId === c.id)).to.include({
        level: 'external_review',
        dueDate: '2027-03-22',
      });

      const reopened = await http
        .post(`/api/v1/cases/${c.id}/transitions`)
        .set(billing.auth)
        .send({ to: 'gathering_evidence', version: c.version });
      expect(reopened.body).to.include({ appealLevel: 'external_review', status: 'gathering_evidence' });
      expect(
        reopened.body.deadlines.map((d: { kind: string; level: string; dueDate: string }) => [
          d.kind,
          d.level,
          d.dueDate,
        ]),
      ).to.deep.equal([['filing', 'external_review', '2027-03-22']]);
    },
  );

  it(
    'when a Medicare Advantage plan partly upholds its reconsideration, then ' +
      'nothing is to be filed: the plan forwards the case to the independent review ' +
      'entity',
    async () => {
      const base = caseBody();
      const c = await decided(
        { ...base, payer: { ...base.payer, planType: 'medicare_advantage' }, appealLevel: 'reconsideration' },
        'partially_overturned',
      );
      expect(c.appealLevel).to.equal('reconsideration');
      expect(c.deadlines.filter((d: { kind: string }) => d.kind === 'filing')).to.deep.equal([]);
    },
  );
});
