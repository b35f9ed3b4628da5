import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';

const base = caseBody();
const payer = (planType: string) => ({ ...base.payer, planType });
const denial = (extra: Record<string, unknown>) => ({ ...base.denial, ...extra });

/**
 * Who files and what the payer did choose the route and the clocks beside it, on the case as
 * billing opens it: the clinic in New York, today Monday 2026-11-30 15:00 UTC (10:00 clinic time).
 */
describe('a case’s route and the clocks counted in hours', () => {
  const { http } = testApp(new Date('2026-11-30T15:00:00Z'));
  let billing: TestUser;
  before(async () => ({ billing } = await makeUsers()));
  const open = (body: Record<string, unknown>) => http.post('/api/v1/cases').set(billing.auth).send(caseBody(body));

  it(
    'when a home-health patient received the NOMNC on Mon 2026-11-30, then the case shows the QIO deadline ' +
      'by noon Tue 2026-12-01 clinic time, and its worklist row comes before a whole-day deadline that day',
    async () => {
      // Opened first: an employer-plan appeal due all day Tue 2026-12-01 (180 days from receipt on 2026-06-04).
      const wholeDay = await open({ denial: denial({ noticeDate: '2026-06-04', receivedDate: '2026-06-04' }) });
      expect(wholeDay.body.nextDueDate).to.equal('2026-12-01');
      const res = await open({
        payer: payer('medicare_ab'),
        denial: denial({ noticeDate: '2026-11-30', receivedDate: '2026-11-30' }),
        fastTrack: { kind: 'services_ending', noticeReceivedAt: '2026-11-30', serviceEnd: '2026-12-02' },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const fast = res.body.deadlines.find((d: { kind: string }) => d.kind === 'fast_track');
      expect(fast).to.include({ dueDate: '2026-12-01', dueTime: '12:00', timeZone: 'America/New_York' });
      expect(new Date(fast.dueAt).toISOString()).to.equal('2026-12-01T17:00:00.000Z');
      expect(fast.citation).to.equal('42 CFR 405.1202(b)(1)');
      expect(res.body.nextDueDate).to.equal('2026-12-01');
      const worklist = await http.get('/api/v1/worklist/deadlines?withinDays=2').set(billing.auth);
      const ours = worklist.body.deadlines.filter((d: { caseId: string }) =>
        [res.body.id, wholeDay.body.id].includes(d.caseId),
      );
      expect(ours.map((d: { kind: string }) => d.kind)).to.deep.equal(['fast_track', 'filing']);
    },
  );

  it('when a fast-track notice is recorded on a commercial plan, then it adds no QIO deadline', async () => {
    const res = await open({
      fastTrack: { kind: 'hospital_discharge', noticeReceivedAt: '2026-11-30', serviceEnd: '2026-12-01' },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.deadlines.map((d: { kind: string }) => d.kind)).to.deep.equal(['filing']);
  });

  it(
    'when a Medicaid plan denies a new service (notice 2026-11-25), then there is no continuation date; when it ' +
      'reduces an authorized one, benefits continue if the enrollee files by 2026-12-05',
    async () => {
      const medicaid = { payer: payer('medicaid_managed_care') };
      const denied = await open({
        ...medicaid,
        denial: denial({ noticeDate: '2026-11-25', receivedDate: '2026-11-27', action: 'new_service_denied' }),
      });
      expect(denied.status, JSON.stringify(denied.body)).to.equal(201);
      expect(denied.body.deadlines.map((d: { kind: string }) => d.kind)).to.deep.equal(['filing']);
      const reduced = await open({
        ...medicaid,
        denial: denial({ noticeDate: '2026-11-25', receivedDate: '2026-11-27', action: 'authorized_service_reduced' }),
      });
      expect(reduced.body.deadlines.find((d: { kind: string }) => d.kind === 'continuation_of_benefits')).to.include({
        dueDate: '2026-12-05',
      });
    },
  );

  it(
    'when an employer plan cuts an approved course ending Fri 2026-12-11, then the case shows by when to ask to ' +
      'extend it to be answered within 24 hours: Thu 2026-12-10 00:00 clinic time',
    async () => {
      const res = await open({
        denial: denial({
          noticeDate: '2026-11-25',
          receivedDate: '2026-11-27',
          action: 'authorized_service_reduced',
          intendedEffectiveDate: '2026-12-11',
        }),
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const watch = res.body.deadlines.find((d: { kind: string }) => d.kind === 'concurrent_care');
      expect(watch).to.include({ dueDate: '2026-12-10', dueTime: '00:00', timeZone: 'America/New_York' });
      expect(watch.citation).to.contain('2560.503-1(f)(2)(ii)');
    },
  );

  it(
    'when a Medicaid provider files with the enrollee’s consent, then the case names the consent it needs; on ' +
      'an employer plan that route is refused with who may file instead, and no case is stored',
    async () => {
      const ok = await open({ payer: payer('medicaid_managed_care'), appellant: 'medicaid_provider_with_consent' });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
      expect(ok.body.route).to.include({ appellant: 'medicaid_provider_with_consent', route: 'member_appeal' });
      expect(ok.body.route.requiredDocument).to.include({ kind: 'enrollee_written_consent' });
      const before = (await http.get('/api/v1/cases?limit=100').set(billing.auth)).body.total;
      const refused = await open({ appellant: 'medicaid_provider_with_consent' });
      expect(refused.status).to.equal(422);
      expect(refused.headers['content-type']).to.match(/application\/problem\+json/);
      expect(refused.body.detail).to.contain('only in Medicaid managed care');
      expect((await http.get('/api/v1/cases?limit=100').set(billing.auth)).body.total).to.equal(before);
    },
  );

  it(
    'when a contracted provider disputes an MA payment and the payer profile has no contract window, then the ' +
      'member appeal’s 65 days do not apply and the case shows no deadline rather than a wrong one',
    async () => {
      const res = await open({
        payer: payer('medicare_advantage'),
        service: { ...base.service, requestType: 'payment' },
        appellant: 'contracted_provider',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.route).to.include({ route: 'provider_dispute' });
      expect(res.body.deadlines).to.deep.equal([]);
    },
  );

  it(
    'when a Medicaid plan appeal’s 60 days end on Sun 2027-01-24 (notice 2026-11-25), then the date stands ' +
      'and the case also shows the last business day before it, Fri 2027-01-22',
    async () => {
      const res = await open({
        payer: payer('medicaid_managed_care'),
        denial: denial({ noticeDate: '2026-11-25', receivedDate: '2026-11-27' }),
      });
      const filing = res.body.deadlines.find((d: { kind: string }) => d.kind === 'filing');
      expect(filing).to.include({ dueDate: '2027-01-24', lastBusinessDay: 'Fri 2027-01-22' });
    },
  );

  it('when Original Medicare is asked for an expedited appeal, then 422 names the QIO fast track instead', async () => {
    const res = await open({ payer: payer('medicare_ab'), priority: 'expedited' });
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('NO_EXPEDITED');
    expect(res.body.detail).to.contain('405.1202');
  });

  it(
    'when an MA plan received a prior-authorization request on Mon 2026-11-30 at 09:00 clinic time, then it owes ' +
      'its answer by Mon 2026-12-07 (7 days from 2026, CMS-0057-F), or by Thu 2026-12-03 09:00 if expedited',
    async () => {
      const request = { requestedAt: '2026-11-30T09:00:00-05:00' };
      const standard = await open({ payer: payer('medicare_advantage'), authorizationRequest: request });
      expect(standard.status, JSON.stringify(standard.body)).to.equal(201);
      const owed = standard.body.deadlines.find((d: { kind: string }) => d.kind === 'authorization_decision');
      expect(owed).to.include({ dueDate: '2026-12-07' });
      expect(owed.citation).to.contain('422.568');
      const urgent = await open({
        payer: payer('medicare_advantage'),
        authorizationRequest: { ...request, expedited: true },
      });
      const due = urgent.body.deadlines.find((d: { kind: string }) => d.kind === 'authorization_decision');
      expect(new Date(due.dueAt).toISOString()).to.equal('2026-12-03T14:00:00.000Z');
      // Once answered, the clinic clears the request and the clock goes.
      const cleared = await http
        .patch(`/api/v1/cases/${urgent.body.id}`)
        .set(billing.auth)
        .send({ version: urgent.body.version, authorizationRequest: null });
      expect(cleared.status, JSON.stringify(cleared.body)).to.equal(200);
      expect(cleared.body.deadlines.map((d: { kind: string }) => d.kind)).to.deep.equal(['filing']);
    },
  );

  it(
    'when a California individual plan upholds its internal appeal on 2026-11-20, then the external review is ' +
      'due 2027-05-20 (six months, HSC 1374.30); in Ohio, not in the state table, the federal four months',
    async () => {
      const upheld = async (state: string) => {
        const opened = await open({
          payer: { ...payer('aca_individual'), state },
          denial: denial({ noticeDate: '2026-10-01', receivedDate: '2026-10-02' }),
        });
        let c = opened.body;
        for (const to of ['gathering_evidence', 'appeal_drafted', 'submitted', 'upheld']) {
          const res = await http
            .post(`/api/v1/cases/${c.id}/transitions`)
            .set(billing.auth)
            .send({ to, version: c.version, ...(to === 'upheld' ? { decisionDate: '2026-11-20' } : {}) });
          expect(res.status, JSON.stringify(res.body)).to.equal(200);
          c = res.body;
        }
        return c.deadlines.find((d: { level: string }) => d.level === 'external_review');
      };
      const california = await upheld('CA');
      expect(california.dueDate).to.equal('2027-05-20');
      expect(california.basis).to.contain('CA: Cal. Health & Safety Code 1374.30');
      const ohio = await upheld('OH');
      expect(ohio.dueDate).to.equal('2027-03-22');
      expect(ohio.basis).to.not.contain('OH:');
    },
  );
});
