import { expect } from 'chai';
import { Writable } from 'node:stream';
import { testApp, makeUsers, makeUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';
import { createApp } from '../../server/app.js';
import { loadTestConfig } from '../../server/config.js';
import { createLogger } from '../../server/platform/logging.js';
import supertest from 'supertest';

describe('cases API', () => {
  const { http } = testApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => (users = await makeUsers()));

  const open = async (overrides: Record<string, unknown> = {}) => {
    const res = await http.post('/api/v1/cases').set(users.billing.auth).send(caseBody(overrides));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body;
  };

  describe('opening a case', () => {
    it(
      'when billing staff open an ERISA denial received 2026-11-06, then it starts ' +
        'at the internal appeal due 180 days later (2027-05-05) with its basis',
      async () => {
        const c = await open();
        expect(c.reference).to.match(/^OVT-2026-\d{5}$/);
        expect(c.status).to.equal('new');
        expect(c.appealLevel).to.equal('internal_appeal');
        expect(c.version).to.equal(0);
        const filing = c.deadlines.find((d: { kind: string }) => d.kind === 'filing');
        expect(filing.dueDate).to.equal('2027-05-05');
        expect(filing.basis).to.contain('180 days');
        expect(filing.citation).to.contain('2560.503-1');
        expect(c.nextDueDate).to.equal('2027-05-05');
        expect(c.timeline[0]).to.include({ type: 'created', actorName: users.billing.name });
        expect(c.timeline[0].quote.text).to.equal(caseBody().denial.payerReason);
      },
    );

    it(
      'when a Medicaid plan denies on 2026-11-16 effective 2026-12-01, then benefits ' +
        'continue only if the appeal is filed by 2026-12-01, beside the 60-day appeal ' +
        'window (2027-01-15)',
      async () => {
        const c = await open({
          payer: { ...caseBody().payer, name: 'CareSource Medicaid', planType: 'medicaid_managed_care' },
          denial: {
            ...caseBody().denial,
            noticeDate: '2026-11-16',
            receivedDate: undefined,
            intendedEffectiveDate: '2026-12-01',
          },
        });
        expect(c.appealLevel).to.equal('plan_appeal');
        const byKind = Object.fromEntries(c.deadlines.map((d: { kind: string }) => [d.kind, d]));
        expect(byKind.filing.dueDate).to.equal('2027-01-15');
        expect(byKind.continuation_of_benefits.dueDate).to.equal('2026-12-01');
        expect(byKind.continuation_of_benefits.citation).to.equal('42 CFR 438.420');
        // The board's order follows the appeal's own deadline, not the benefits date.
        expect(c.nextDueDate).to.equal('2027-01-15');
      },
    );

    it('when a CARC code is entered without a description, then the known meaning is filled in', async () => {
      const c = await open();
      expect(c.denial.reasonCodes[0]).to.include({ code: '50', group: 'CO' });
      expect(c.denial.reasonCodes[0].description).to.match(/medically necessary/);
    });

    it(
      'when a Medicare A/B notice is dated 2020-05-15 with no receipt date, then ' +
        'the redetermination is due 2020-09-17 (contractor example)',
      async () => {
        const { http: past } = testApp(new Date('2020-05-20T12:00:00Z'));
        const body = caseBody({
          payer: { ...caseBody().payer, planType: 'medicare_ab' },
          denial: { ...caseBody().denial, noticeDate: '2020-05-15', receivedDate: undefined },
        });
        const res = await past.post('/api/v1/cases').set(users.billing.auth).send(body);
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(res.body.appealLevel).to.equal('redetermination');
        expect(res.body.deadlines[0].dueDate).to.equal('2020-09-17');
      },
    );

    it('when every part is wrong, then 400 problem+json lists each offending field and nothing is stored', async () => {
      const before = await CaseModel.countDocuments();
      const res = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .send({
          ...caseBody(),
          patient: { firstName: 'A', lastName: 'B', dateOfBirth: '1961-02-30', mrn: 'M1' },
          service: { cptCodes: ['ABC'], description: 'x' },
          denial: { ...caseBody().denial, category: 'bad', noticeDate: 12 },
          priority: 'urgent',
          colour: 'red',
        });
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).to.include.members([
        'body.patient.dateOfBirth',
        'body.service.cptCodes.0',
        'body.denial.category',
        'body.denial.noticeDate',
        'body.priority',
        'body.colour',
      ]);
      expect(res.body.detail).to.match(/field\(s\) are invalid/);
      expect(await CaseModel.countDocuments()).to.equal(before);
    });

    it('when a body smuggles a MongoDB operator, then it is refused and nothing is stored', async () => {
      const before = await CaseModel.countDocuments();
      const res = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .send({ ...caseBody(), patient: { ...caseBody().patient, mrn: { $gt: '' } } });
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).to.include('body.patient.mrn.$gt');
      expect(await CaseModel.countDocuments()).to.equal(before);
    });

    it('when the notice is received before its own date or dated in the future, then 400 names the field', async () => {
      const res = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .send(caseBody({ denial: { ...caseBody().denial, noticeDate: '2026-11-10', receivedDate: '2026-11-06' } }));
      expect(res.status).to.equal(400);
      expect(res.body.errors[0].field).to.equal('body.denial.receivedDate');
      const future = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .send(caseBody({ denial: { ...caseBody().denial, noticeDate: '2026-12-01', receivedDate: undefined } }));
      expect(future.status).to.equal(400);
      expect(future.body.errors[0].field).to.equal('body.denial.noticeDate');
    });

    it('when the last date of service is before the first, then 400 names it and nothing is stored', async () => {
      const before = await CaseModel.countDocuments();
      const service = { ...caseBody().service, dateOfService: '2026-10-05', dateOfServiceEnd: '2026-10-01' };
      const res = await http.post('/api/v1/cases').set(users.billing.auth).send(caseBody({ service }));
      expect(res.status).to.equal(400);
      expect(res.body.errors[0].field).to.equal('body.service.dateOfServiceEnd');
      expect(res.body.errors[0].message).to.contain('is before the date of service');
      expect(await CaseModel.countDocuments()).to.equal(before);
    });

    it('when the appeal level does not exist for the plan type, then 400 lists the levels that do', async () => {
      const res = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .send(caseBody({ appealLevel: 'redetermination' }));
      expect(res.status).to.equal(400);
      expect(res.body.errors[0].message).to.contain('internal_appeal');
    });

    it('when the body is larger than the limit, then 413 problem+json', async () => {
      const res = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .send(caseBody({ note: 'x'.repeat(200_000) }));
      expect(res.status).to.equal(413);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    });

    it('when the body is not JSON, then 400 says so', async () => {
      const res = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .set('Content-Type', 'application/json')
        .send('{"patient":');
      expect(res.status).to.equal(400);
      expect(res.body.detail).to.match(/not valid JSON/);
    });
  });

  describe('reading and editing', () => {
    it('when a case is read, then the read is audited with who and from where', async () => {
      const c = await open();
      await http.get(`/api/v1/cases/${c.id}`).set(users.director.auth).expect(200);
      const events = await AuditEventModel.find({ caseId: c.id, action: 'case.read' }).lean();
      expect(events).to.have.length(1);
      expect(events[0]).to.include({ actorId: users.director.id, actorRole: 'medical_director', outcome: 'success' });
      expect(events[0].ip).to.be.a('string');
      expect(events[0].requestId).to.be.a('string');
    });

    it(
      'when the notice date is corrected, then the filing deadline is recomputed ' +
        'and the change is on the timeline',
      async () => {
        const c = await open();
        const res = await http
          .patch(`/api/v1/cases/${c.id}`)
          .set(users.billing.auth)
          .send({ version: c.version, denial: { receivedDate: '2026-11-09' }, note: 'Envelope postmarked later' });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.version).to.equal(1);
        // 180 days from 2026-11-09 is Saturday 2027-05-08; ERISA sets no weekend rollover, so the earlier date stands.
        expect(res.body.deadlines[0].dueDate).to.equal('2027-05-08');
        const last = res.body.timeline.at(-1);
        expect(last).to.include({ type: 'updated', note: 'Envelope postmarked later' });
        expect(last.fields).to.deep.equal(['denial.receivedDate']);
      },
    );

    it('when two people edit the same version at once, then exactly one wins and the other gets 409', async () => {
      const c = await open();
      const [a, b] = await Promise.all([
        http.patch(`/api/v1/cases/${c.id}`).set(users.billing.auth).send({ version: c.version, priority: 'expedited' }),
        http.patch(`/api/v1/cases/${c.id}`).set(users.admin.auth).send({ version: c.version, amountAtStake: 10 }),
      ]);
      expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).to.equal('STALE_VERSION');
      const stored = await CaseModel.findById(c.id).lean();
      expect(stored!.__v).to.equal(1);
      // The stored case holds the winner's change and not the loser's.
      if (a.status === 200) expect([stored!.priority, stored!.amountAtStake]).to.deep.equal(['expedited', 1840.5]);
      else expect([stored!.priority, stored!.amountAtStake]).to.deep.equal(['standard', 10]);
    });

    it('when a stale version is sent, then 409 says which version is current and nothing changes', async () => {
      const c = await open();
      await http
        .patch(`/api/v1/cases/${c.id}`)
        .set(users.billing.auth)
        .send({ version: 0, priority: 'expedited' })
        .expect(200);
      const res = await http
        .patch(`/api/v1/cases/${c.id}`)
        .set(users.billing.auth)
        .send({ version: 0, amountAtStake: 1 });
      expect(res.status).to.equal(409);
      expect(res.body.currentVersion).to.equal(1);
      expect((await CaseModel.findById(c.id).lean())!.amountAtStake).to.equal(1840.5);
    });

    it('when a PATCH tries to change the status or has no change, then 400', async () => {
      const c = await open();
      const res = await http
        .patch(`/api/v1/cases/${c.id}`)
        .set(users.billing.auth)
        .send({ version: 0, status: 'closed' });
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).to.include('body.status');
    });

    it('when the id is malformed, then 400; when unknown, then 404 problem+json', async () => {
      expect((await http.get('/api/v1/cases/not-an-id').set(users.billing.auth)).status).to.equal(400);
      const res = await http.get('/api/v1/cases/0123456789abcdef01234567').set(users.billing.auth);
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal('CASE_NOT_FOUND');
    });

    it(
      'when a clinician asks for a case that is not theirs, then 404 without any ' + "of the patient's details",
      async () => {
        const c = await open();
        const other = await makeUser('clinician');
        const res = await http.get(`/api/v1/cases/${c.id}`).set(other.auth);
        expect(res.status).to.equal(404);
        expect(JSON.stringify(res.body)).to.not.contain('Alvarez');
      },
    );

    it(
      'when a timeline note quotes the payer and lists alternatives offered, then ' +
        'it is appended without a version',
      async () => {
        const c = await open();
        const res = await http
          .post(`/api/v1/cases/${c.id}/timeline`)
          .set(users.director.auth)
          .send({
            note: 'Called the plan',
            quote: { speaker: 'payer', text: 'We need six weeks of PT notes.' },
            alternativesOffered: ['Four weeks of PT already documented', 'CT instead of MRI'],
            contact: { name: 'Rep #4471', method: 'phone' },
          });
        expect(res.status).to.equal(201);
        const got = await http.get(`/api/v1/cases/${c.id}`).set(users.director.auth);
        expect(got.body.version).to.equal(c.version);
        expect(got.body.timeline.at(-1).alternativesOffered).to.deep.equal([
          'Four weeks of PT already documented',
          'CT instead of MRI',
        ]);
      },
    );

    it('when ten people add notes to the same case at once, then every note is kept, each once', async () => {
      const c = await open();
      const notes = [
        'Fax confirmed',
        'Plan rep called back',
        'PT notes requested',
        'Imaging report found',
        'Patient called',
        'Referral located',
        'Portal upload failed',
        'Resent by fax',
        'Reviewer named',
        'Director briefed',
      ];
      const res = await Promise.all(
        notes.map((note, k) =>
          http
            .post(`/api/v1/cases/${c.id}/timeline`)
            .set(k % 2 ? users.director.auth : users.billing.auth)
            .send({ note }),
        ),
      );
      expect(res.map((r) => r.status)).to.deep.equal(notes.map(() => 201));
      const got = await http.get(`/api/v1/cases/${c.id}`).set(users.director.auth);
      expect(
        got.body.timeline
          .filter((t: { type: string }) => t.type === 'note')
          .map((t: { note: string }) => t.note)
          .sort(),
      ).to.deep.equal([...notes].sort());
    });

    it(
      'when billing staff override the filing deadline with the date printed on ' +
        'the notice, then it is kept with who and why',
      async () => {
        const c = await open();
        const res = await http
          .post(`/api/v1/cases/${c.id}/deadline-overrides`)
          .set(users.billing.auth)
          .send({ version: 0, kind: 'filing', dueDate: '2027-04-30', reason: 'Date printed on the payer notice' });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        const filing = res.body.deadlines.find((d: { kind: string }) => d.kind === 'filing');
        expect(filing.dueDate).to.equal('2027-04-30');
        expect(filing.override).to.include({
          computedDueDate: '2027-05-05',
          byName: users.billing.name,
          reason: 'Date printed on the payer notice',
        });
        // A later edit recomputes but keeps the override.
        const again = await http
          .patch(`/api/v1/cases/${c.id}`)
          .set(users.billing.auth)
          .send({ version: 1, priority: 'standard' });
        expect(again.body.deadlines.find((d: { kind: string }) => d.kind === 'filing').dueDate).to.equal('2027-04-30');
      },
    );
  });

  describe('logs', () => {
    it(
      'when a case is opened and read, then no log line carries the patient name, ' + 'date of birth, MRN or member id',
      async () => {
        const lines: string[] = [];
        const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
        const { app } = createApp({ config: loadTestConfig(), logger: createLogger('debug', false, sink) });
        const agent = supertest(app);
        const created = await agent.post('/api/v1/cases').set(users.billing.auth).send(caseBody());
        await agent.get(`/api/v1/cases/${created.body.id}`).set(users.billing.auth);
        await agent.post('/api/v1/cases/search').set(users.billing.auth).send({ q: 'Alvarez' });
        await agent
          .post('/api/v1/cases')
          .set(users.billing.auth)
          .send({ ...caseBody(), colour: 'red' });
        const all = lines.join('\n');
        expect(lines.length).to.be.greaterThan(3);
        for (const phi of ['Alvarez', 'Maria', '1961-04-12', 'MRN-204611', 'XJH884512'])
          expect(all).to.not.contain(phi);
      },
    );
  });
});
