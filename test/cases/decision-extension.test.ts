import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';

/** A Medicaid plan may take up to 14 more days to decide a plan appeal if it says so in writing (42 CFR 438.408(c)). */
describe('the reviewer’s extension of its decision', () => {
  const { http } = testApp(new Date('2026-11-23T14:00:00Z'));
  let billing: TestUser;
  let clinician: TestUser;
  before(async () => ({ billing, clinician } = await makeUsers()));

  const medicaid = () => {
    const base = caseBody();
    return {
      ...base,
      payer: { ...base.payer, name: 'CareSource Medicaid', planType: 'medicaid_managed_care' },
      denial: { ...base.denial, noticeDate: '2026-11-02', receivedDate: undefined },
    };
  };

  async function submitted(body: Record<string, unknown>) {
    let c = (await http.post('/api/v1/cases').set(billing.auth).send(body)).body;
    for (const to of ['gathering_evidence', 'appeal_drafted', 'submitted']) {
      const res = await http
        .post(`/api/v1/cases/${c.id}/transitions`)
        .set(billing.auth)
        .send({ to, version: c.version, ...(to === 'submitted' ? { submittedAt: '2026-11-23T14:00:00Z' } : {}) });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      c = res.body;
    }
    return c;
  }

  const decisionOf = (c: { deadlines: { kind: string; dueDate: string; basis: string }[] }) =>
    c.deadlines.find((d) => d.kind === 'decision')!;

  it(
    'when a Medicaid plan writes on 2026-12-01 that it takes 14 more days, then ' +
      'its decision moves from 2026-12-23 to 2027-01-06, with the reason on the ' +
      'timeline',
    async () => {
      const c = await submitted(medicaid());
      expect(decisionOf(c).dueDate).to.equal('2026-12-23');
      // The notice is dated in the clinic's past: move the clock to 2026-12-02.
      const later = testApp(new Date('2026-12-02T15:00:00Z'));
      const res = await later.http.post(`/api/v1/cases/${c.id}/decision-extensions`).set(billing.auth).send({
        version: c.version,
        days: 14,
        noticeDate: '2026-12-01',
        reason: 'Plan awaits records from the imaging center',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(decisionOf(res.body).dueDate).to.equal('2027-01-06');
      expect(decisionOf(res.body).basis).to.contain('extended by 14 days with written notice (42 CFR 438.408(c))');
      expect(res.body.decisionExtension).to.include({ days: 14, noticeDate: '2026-12-01', level: 'plan_appeal' });
      expect(res.body.timeline.at(-1)).to.include({ type: 'deadline_extended' });
      expect(res.body.timeline.at(-1).note).to.contain('now due 2027-01-06');
    },
  );

  it('when the extension is longer than 14 days, then 422 and the decision date stands', async () => {
    const c = await submitted(medicaid());
    const res = await http
      .post(`/api/v1/cases/${c.id}/decision-extensions`)
      .set(billing.auth)
      .send({ version: c.version, days: 21, noticeDate: '2026-11-23' });
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('BAD_EXTENSION');
    const stored = (await http.get(`/api/v1/cases/${c.id}`).set(billing.auth)).body;
    expect([stored.version, decisionOf(stored).dueDate, stored.decisionExtension]).to.deep.equal([
      c.version,
      '2026-12-23',
      undefined,
    ]);
  });

  it('when an ERISA plan claims an extension of an appeal decision, then 422: the rules give it none', async () => {
    const c = await submitted(caseBody());
    const res = await http
      .post(`/api/v1/cases/${c.id}/decision-extensions`)
      .set(billing.auth)
      .send({ version: c.version, days: 14, noticeDate: '2026-11-23' });
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('NO_EXTENSION');
  });

  it(
    'when no decision is awaited, the notice is dated tomorrow, or the sender ' +
      'is a clinician, then 409, 400 and 403',
    async () => {
      const opened = (await http.post('/api/v1/cases').set(billing.auth).send(medicaid())).body;
      const early = await http
        .post(`/api/v1/cases/${opened.id}/decision-extensions`)
        .set(billing.auth)
        .send({ version: opened.version, days: 14, noticeDate: '2026-11-23' });
      expect([early.status, early.body.code]).to.deep.equal([409, 'NO_DECISION_PENDING']);
      const c = await submitted(medicaid());
      const tomorrow = await http
        .post(`/api/v1/cases/${c.id}/decision-extensions`)
        .set(billing.auth)
        .send({ version: c.version, days: 14, noticeDate: '2026-11-24' });
      expect(tomorrow.status).to.equal(400);
      expect(tomorrow.body.errors).to.deep.equal([
        { field: 'body.noticeDate', message: 'the notice date is in the future' },
      ]);
      const byClinician = await http
        .post(`/api/v1/cases/${c.id}/decision-extensions`)
        .set(clinician.auth)
        .send({ version: c.version, days: 14, noticeDate: '2026-11-23' });
      expect(byClinician.status).to.equal(403);
    },
  );
});
