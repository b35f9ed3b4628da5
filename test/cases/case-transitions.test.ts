import { expect } from 'chai';
import type supertest from 'supertest';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { CASE_STATUSES, type CaseStatus } from '../../server/cases/index.js';

/** The workflow as the clinic agreed it; the test states it independently of the code. */
const EXPECTED: Record<CaseStatus, CaseStatus[]> = {
  new: ['gathering_evidence', 'withdrawn', 'closed'],
  gathering_evidence: ['appeal_drafted', 'withdrawn'],
  appeal_drafted: ['submitted', 'gathering_evidence', 'withdrawn'],
  submitted: ['awaiting_decision', 'overturned', 'partially_overturned', 'upheld', 'withdrawn'],
  awaiting_decision: ['overturned', 'partially_overturned', 'upheld', 'withdrawn'],
  overturned: ['closed'],
  partially_overturned: ['gathering_evidence', 'closed'],
  upheld: ['gathering_evidence', 'closed'],
  withdrawn: ['closed'],
  closed: [],
};

const PATH_TO: Record<CaseStatus, CaseStatus[]> = {
  new: [],
  gathering_evidence: ['gathering_evidence'],
  appeal_drafted: ['gathering_evidence', 'appeal_drafted'],
  submitted: ['gathering_evidence', 'appeal_drafted', 'submitted'],
  awaiting_decision: ['gathering_evidence', 'appeal_drafted', 'submitted', 'awaiting_decision'],
  overturned: ['gathering_evidence', 'appeal_drafted', 'submitted', 'overturned'],
  partially_overturned: ['gathering_evidence', 'appeal_drafted', 'submitted', 'partially_overturned'],
  upheld: ['gathering_evidence', 'appeal_drafted', 'submitted', 'upheld'],
  withdrawn: ['withdrawn'],
  closed: ['closed'],
};

const DECISIONS = ['overturned', 'partially_overturned', 'upheld'];

describe('case status workflow through the API', () => {
  const { http } = testApp();
  let billing: TestUser;
  before(async () => ({ billing } = await makeUsers()));

  async function move(
    agent: supertest.Agent | ReturnType<typeof testApp>['http'],
    id: string,
    version: number,
    to: CaseStatus,
    extra: Record<string, unknown> = {},
  ) {
    return agent
      .post(`/api/v1/cases/${id}/transitions`)
      .set(billing.auth)
      .send({ to, version, ...(DECISIONS.includes(to) ? { decisionDate: '2026-11-20' } : {}), ...extra });
  }

  async function caseAt(status: CaseStatus, body = caseBody()) {
    let c = (await http.post('/api/v1/cases').set(billing.auth).send(body)).body;
    for (const to of PATH_TO[status]) {
      const res = await move(http, c.id, c.version, to);
      expect(res.status, `${to}: ${JSON.stringify(res.body)}`).to.equal(200);
      c = res.body;
    }
    expect(c.status).to.equal(status);
    return c;
  }

  for (const from of CASE_STATUSES) {
    for (const to of EXPECTED[from]) {
      it(`allows ${from} → ${to}`, async () => {
        const c = await caseAt(from);
        const res = await move(http, c.id, c.version, to, { note: `moving to ${to}` });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.status).to.equal(to);
        expect(res.body.version).to.equal(c.version + 1);
        expect(res.body.timeline.at(-1)).to.include({ fromStatus: from, toStatus: to, note: `moving to ${to}` });
      });
    }
    const refused = CASE_STATUSES.filter((to) => !EXPECTED[from].includes(to));
    it(`refuses ${from} → ${refused.join(', ') || '(nothing)'} with 409 naming the allowed moves`, async () => {
      const c = await caseAt(from);
      for (const to of refused) {
        const res = await move(http, c.id, c.version, to);
        expect(res.status, `${from} → ${to}`).to.equal(409);
        expect(res.body.code).to.equal('ILLEGAL_TRANSITION');
        expect(res.body.allowed).to.deep.equal(EXPECTED[from]);
        expect(res.body.detail).to.contain(`cannot move to ${to}`);
      }
      const after = await http.get(`/api/v1/cases/${c.id}`).set(billing.auth);
      expect(after.body.status).to.equal(from);
      expect(after.body.version).to.equal(c.version);
    });
  }

  it('when a decision is recorded without the date on the decision notice, then 400 names decisionDate', async () => {
    const c = await caseAt('submitted');
    const res = await http
      .post(`/api/v1/cases/${c.id}/transitions`)
      .set(billing.auth)
      .send({ to: 'upheld', version: c.version });
    expect(res.status).to.equal(400);
    expect(res.body.errors[0].field).to.equal('body.decisionDate');
  });

  it(
    'when an appeal is submitted on 2026-11-23, then the ERISA post-service decision ' +
      'is due 60 days later and the filing deadline closes',
    async () => {
      const c = await caseAt('appeal_drafted');
      const res = await move(http, c.id, c.version, 'submitted', { submittedAt: '2026-11-23T10:00:00Z' });
      expect(res.body.deadlines.map((d: { kind: string }) => d.kind)).to.deep.equal(['decision']);
      expect(res.body.deadlines[0].dueDate).to.equal('2027-01-22');
    },
  );

  it(
    'when an internal appeal is upheld by a notice received 2026-11-20 and the ' +
      'clinic appeals on, then the case moves to external review due 4 months later ' +
      '(2027-03-22, after the Saturday rollover)',
    async () => {
      const c = await caseAt('submitted');
      const upheld = await move(http, c.id, c.version, 'upheld', {
        decisionDate: '2026-11-18',
        decisionReceivedDate: '2026-11-20',
      });
      expect(upheld.body.levelHistory).to.have.length(1);
      expect(upheld.body.levelHistory[0]).to.include({
        level: 'internal_appeal',
        outcome: 'upheld',
        decidedOn: '2026-11-18',
      });
      const next = await move(http, c.id, upheld.body.version, 'gathering_evidence', {
        quote: { speaker: 'payer', text: 'Criteria not met.' },
      });
      expect(next.status, JSON.stringify(next.body)).to.equal(200);
      expect(next.body.appealLevel).to.equal('external_review');
      expect(next.body.timeline.at(-1).type).to.equal('level_advanced');
      // 2027-03-20 is a Saturday: external review deadlines roll to the next working day.
      expect(next.body.deadlines[0]).to.include({ kind: 'filing', level: 'external_review', dueDate: '2027-03-22' });
    },
  );

  it('when the last level is upheld, then appealing further is refused and closing is offered', async () => {
    let c = await caseAt('upheld');
    c = (await move(http, c.id, c.version, 'gathering_evidence')).body;
    expect(c.appealLevel).to.equal('external_review');
    for (const to of ['appeal_drafted', 'submitted', 'upheld'] as CaseStatus[])
      c = (await move(http, c.id, c.version, to)).body;
    const res = await move(http, c.id, c.version, 'gathering_evidence');
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('NO_NEXT_LEVEL');
    expect(res.body.allowed).to.deep.equal(['closed']);
  });

  it(
    'when a Medicare Advantage reconsideration is upheld, then the case goes ' +
      'to the independent review entity on its own, with nothing to file',
    async () => {
      const body = caseBody({
        payer: { ...caseBody().payer, planType: 'medicare_advantage', name: 'Humana Gold Plus' },
        denial: { ...caseBody().denial, noticeDate: '2026-11-02', receivedDate: undefined },
      });
      const c = await caseAt('upheld', body);
      const res = await move(http, c.id, c.version, 'gathering_evidence');
      expect(res.body.appealLevel).to.equal('independent_review');
      expect(res.body.status).to.equal('awaiting_decision');
      expect(res.body.deadlines.filter((d: { kind: string }) => d.kind === 'filing')).to.have.length(0);
    },
  );

  it(
    'when a Medicare redetermination is upheld on 2026-11-20, then the reconsideration ' +
      'is due 180 days after presumed receipt (2027-05-24)',
    async () => {
      const body = caseBody({
        payer: { ...caseBody().payer, planType: 'medicare_ab', name: 'Noridian JE Part B' },
        denial: { ...caseBody().denial, receivedDate: undefined },
      });
      const c = await caseAt('upheld', body);
      const res = await move(http, c.id, c.version, 'gathering_evidence');
      expect(res.body.appealLevel).to.equal('reconsideration');
      // 2026-11-20 + 5 = 2026-11-25; + 180 days = 2027-05-24 (a Monday).
      expect(res.body.deadlines[0].dueDate).to.equal('2027-05-24');
      expect(res.body.deadlines[0].citation).to.contain('405.962');
    },
  );
});
