import { expect } from 'chai';
import { computeCaseDeadlines, type DeadlineInputs } from '../../server/cases/case-deadlines.js';
import { makeUsers, testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';

describe('the appeal deadline printed on the notice beside the computed one', () => {
  // An employer plan's notice dated 30 Oct, received 4 Nov: 180 days from receipt is 3 May 2027.
  const inputs: DeadlineInputs = {
    status: 'new',
    planType: 'erisa_group',
    appealLevel: 'internal_appeal',
    priority: 'standard',
    levelNotice: { noticeDate: '2026-10-30', receivedDate: '2026-11-04' },
    timeZone: 'America/New_York',
    overrides: [],
  };
  const filing = (printed: DeadlineInputs['printed']) =>
    computeCaseDeadlines({ ...inputs, printed }).find((d) => d.kind === 'filing')!;

  it('when the notice prints an earlier date than the rules, then the printed one governs, both kept', () => {
    const d = filing({ dueDate: '2027-04-28', level: 'internal_appeal', decided: false });
    expect(d.dueDate).to.equal('2027-04-28');
    expect(d.printed).to.deep.equal({ dueDate: '2027-04-28', computedDueDate: '2027-05-03' });
  });

  it('when the notice prints a later date than the rules, then the computed one governs, both kept', () => {
    const d = filing({ dueDate: '2027-06-01', level: 'internal_appeal', decided: false });
    expect(d.dueDate).to.equal('2027-05-03');
    expect(d.printed).to.deep.equal({ dueDate: '2027-06-01', computedDueDate: '2027-05-03' });
  });

  it('when someone has decided, or the dates agree, or the date is another level’s, then only the computed one', () => {
    for (const printed of [
      { dueDate: '2027-04-28', level: 'internal_appeal' as const, decided: true },
      { dueDate: '2027-05-03', level: 'internal_appeal' as const, decided: false },
      { dueDate: '2027-04-28', level: 'external_review' as const, decided: false },
    ]) {
      const d = filing(printed);
      expect(d.dueDate, JSON.stringify(printed)).to.equal('2027-05-03');
      expect(d.printed, JSON.stringify(printed)).to.equal(undefined);
    }
  });

  describe('through the API', () => {
    const { http } = testApp();
    let users: Awaited<ReturnType<typeof makeUsers>>;
    before(async () => {
      users = await makeUsers();
    });

    /** A case whose notice (2 Nov, received 6 Nov: computed 5 May 2027) prints 1 May 2027. */
    async function openPrinted() {
      const body = caseBody();
      const res = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .send({ ...body, denial: { ...body.denial, printedAppealDeadline: '2027-05-01' } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body;
    }
    interface Deadline {
      kind: string;
      dueDate: string;
      override?: Record<string, unknown>;
    }
    const filingOf = (c: { deadlines: Deadline[] }) => c.deadlines.find((d) => d.kind === 'filing');

    it('when a case is opened with a printed date, then the earlier governs and the list sorts by it', async () => {
      const opened = await openPrinted();
      expect(opened.denial.printedAppealDeadline).to.equal('2027-05-01');
      expect(filingOf(opened)).to.deep.include({
        dueDate: '2027-05-01',
        printed: { dueDate: '2027-05-01', computedDueDate: '2027-05-05' },
      });
      expect(opened.nextDueDate).to.equal('2027-05-01');
    });

    it('when billing keeps the computed date, then it governs and the timeline says so', async () => {
      const opened = await openPrinted();
      const res = await http
        .post(`/api/v1/cases/${opened.id}/printed-deadline`)
        .set(users.billing.auth)
        .send({ version: opened.version, choice: 'computed' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(filingOf(res.body)).to.deep.include({ dueDate: '2027-05-05' });
      expect(filingOf(res.body)).not.to.have.property('printed');
      expect(res.body.printedDeadlineDecision).to.include({ choice: 'computed', byUserId: users.billing.id });
      const entry = res.body.timeline.at(-1);
      expect(entry).to.include({ type: 'deadline_kept', actorId: users.billing.id });
      expect(entry.note).to.contain('2027-05-05').and.contain('2027-05-01');
    });

    it('when billing accepts the printed date, then it overrides the computed one, on the timeline', async () => {
      const opened = await openPrinted();
      const res = await http
        .post(`/api/v1/cases/${opened.id}/printed-deadline`)
        .set(users.billing.auth)
        .send({ version: opened.version, choice: 'printed' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const d = filingOf(res.body);
      expect(d?.dueDate).to.equal('2027-05-01');
      expect(d?.override).to.include({ computedDueDate: '2027-05-05', byUserId: users.billing.id });
      expect(res.body.timeline.at(-1)).to.include({ type: 'deadline_overridden' });
      // Decided once: asking again finds nothing left to decide.
      const again = await http
        .post(`/api/v1/cases/${opened.id}/printed-deadline`)
        .set(users.billing.auth)
        .send({ version: res.body.version, choice: 'computed' });
      expect(again.status).to.equal(409);
      expect(again.body.code).to.equal('NO_PRINTED_DEADLINE');
    });

    it(
      'when a case of plan type other (no rule gives its window) is opened with a printed date, then that ' +
        'date is its filing deadline, said to come from the notice, and nothing is left to decide',
      async () => {
        const body = caseBody();
        const res = await http
          .post('/api/v1/cases')
          .set(users.billing.auth)
          .send({
            ...body,
            payer: { ...body.payer, planType: 'other' },
            denial: { ...body.denial, printedAppealDeadline: '2027-01-29' },
          });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(filingOf(res.body)).to.deep.include({
          dueDate: '2027-01-29',
          basis:
            'The date printed on the payer’s notice: no federal rule sets this plan’s window ' +
            'and its payer profile gives none',
        });
        expect(filingOf(res.body)).not.to.have.property('printed');
        expect(res.body).not.to.have.property('filingDeadlineMissing');
        expect(res.body.nextDueDate).to.equal('2027-01-29');
        const decided = await http
          .post(`/api/v1/cases/${res.body.id}/printed-deadline`)
          .set(users.billing.auth)
          .send({ version: res.body.version, choice: 'computed' });
        expect(decided.status).to.equal(409);
        expect(decided.body.code).to.equal('NO_PRINTED_DEADLINE');
      },
    );

    it('when the decision is sent on an old version, or by a clinician, then it is refused', async () => {
      const opened = await openPrinted();
      const stale = await http
        .post(`/api/v1/cases/${opened.id}/printed-deadline`)
        .set(users.billing.auth)
        .send({ version: opened.version + 1, choice: 'computed' });
      expect(stale.status).to.equal(409);
      const clinician = await http
        .post(`/api/v1/cases/${opened.id}/printed-deadline`)
        .set(users.clinician.auth)
        .send({ version: opened.version, choice: 'computed' });
      expect(clinician.status).to.equal(403);
    });
  });
});
