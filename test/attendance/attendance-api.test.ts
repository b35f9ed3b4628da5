import { expect } from 'chai';
import { makeUser, makeUsers } from '../support/app.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';
import { SessionModel } from '../../server/attendance/attendance.model.js';
import { attendanceApp, noShow, openKneeCase } from './support.js';

describe('attendance: a case’s sessions, why they were missed, and what was offered', () => {
  const { http } = attendanceApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  const record = (caseId: string, body: Record<string, unknown>, user = users.clinician) =>
    http.post(`/api/v1/cases/${caseId}/attendance`).set(user.auth).send(body);
  const list = (caseId: string, user = users.billing, across = 'case') =>
    http.get(`/api/v1/cases/${caseId}/attendance?across=${across}`).set(user.auth);

  it(
    'when the clinician records a no-show in the patient’s words with what was offered, then billing reads it ' +
      'back with the attendance rate and week, and both are in the audit trail',
    async () => {
      const knee = await openKneeCase(http, users.billing, users.clinician);
      const missed = await record(knee.id, noShow('2026-11-10', { time: '09:30' }));
      expect(missed.status, JSON.stringify(missed.body)).to.equal(201);
      expect(missed.body.session).to.include({
        caseId: knee.id,
        caseReference: knee.reference,
        date: '2026-11-10',
        time: '09:30',
        outcome: 'no_show',
        reason: 'The bus takes two hours each way and I could not make the connection.',
        barrier: 'transport',
        patientChoice: 'Declined home health; will try telehealth on Thursdays.',
        source: 'entered',
        recordedById: users.clinician.id,
        recordedByName: users.clinician.name,
        version: 0,
      });
      expect(missed.body.session.alternativesOffered).to.deep.equal(['transport_benefit', 'telehealth']);
      expect(missed.body.session.alternativesAccepted).to.deep.equal(['telehealth']);
      for (const date of ['2026-11-12', '2026-11-17'])
        expect((await record(knee.id, { date, outcome: 'attended' })).status).to.equal(201);

      const res = await list(knee.id);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.sessions.map((s: { date: string }) => s.date)).to.deep.equal([
        '2026-11-10',
        '2026-11-12',
        '2026-11-17',
      ]);
      expect(res.body.totals).to.include({ scheduled: 3, attended: 2, no_show: 1, held: 2 });
      expect(res.body.totals.rate).to.be.closeTo(2 / 3, 1e-9);
      expect(
        res.body.weeks.map((w: { weekStart: string; scheduled: number }) => [w.weekStart, w.scheduled]),
      ).to.deep.equal([
        ['2026-11-09', 2],
        ['2026-11-16', 1],
      ]);
      expect(res.body.barriers).to.deep.equal([
        { barrier: 'transport', missed: 1, byOutcome: { partial: 0, refused: 0, no_show: 1, late_cancel: 0 } },
      ]);
      expect(res.body.rule).to.deep.equal({ count: 3, days: 14 });

      const audit = await AuditEventModel.find({ caseId: knee.id }).lean();
      const actions = audit.map((e) => `${e.action}:${e.entityType}:${e.actorId}`);
      expect(actions).to.include(`attendance.record:attendance_session:${users.clinician.id}`);
      expect(actions).to.include(`attendance.list:case:${users.billing.id}`);
    },
  );

  it(
    'when a missed session comes without its barrier, a session held in full with a reason, or an accepted ' +
      'alternative that was not offered, then each is refused with problem+json naming the field and nothing is stored',
    async () => {
      const knee = await openKneeCase(http, users.billing, users.clinician);
      const noBarrier = await record(knee.id, { date: '2026-11-10', outcome: 'refused', reason: 'My knee hurts.' });
      expect(noBarrier.status).to.equal(400);
      expect(noBarrier.type).to.equal('application/problem+json');
      expect(noBarrier.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['body.barrier']);

      const heldWithReason = await record(knee.id, { date: '2026-11-10', outcome: 'attended', reason: 'Fine.' });
      expect(heldWithReason.status).to.equal(400);
      expect(heldWithReason.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['body.reason']);

      const notOffered = await record(knee.id, noShow('2026-11-10', { alternativesAccepted: ['home_program'] }));
      expect(notOffered.status).to.equal(422);
      expect(notOffered.type).to.equal('application/problem+json');
      expect(notOffered.body.errors.map((e: { field: string }) => e.field)).to.deep.equal([
        'body.alternativesAccepted',
      ]);
      // The problem never repeats what the patient said.
      expect(JSON.stringify([noBarrier.body, notOffered.body])).not.to.include('bus');

      const ahead = await record(knee.id, noShow('2026-11-30'));
      expect(ahead.status).to.equal(422);
      expect(ahead.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['body.date']);
      expect(await SessionModel.countDocuments({ caseId: knee.id })).to.equal(0);
    },
  );

  it('when billing tries to record a session, then it is refused (403): billing only reads the record', async () => {
    const knee = await openKneeCase(http, users.billing, users.clinician);
    const res = await record(knee.id, noShow('2026-11-10'), users.billing);
    expect(res.status).to.equal(403);
    expect((await list(knee.id, users.billing)).status).to.equal(200);
  });

  it('when a clinician neither treating nor assigned the case asks for its record, then it is 404', async () => {
    const knee = await openKneeCase(http, users.billing, users.clinician);
    const stranger = await makeUser('clinician');
    expect((await list(knee.id, stranger)).status).to.equal(404);
    expect((await record(knee.id, noShow('2026-11-10'), stranger)).status).to.equal(404);
  });

  it('when the same session is recorded twice, then the second is refused (409) and the first stands', async () => {
    const knee = await openKneeCase(http, users.billing, users.clinician);
    expect((await record(knee.id, noShow('2026-11-10', { appointmentId: 'A-1001' }))).status).to.equal(201);
    const again = await record(knee.id, { date: '2026-11-11', outcome: 'attended', appointmentId: 'a-1001' });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('SESSION_ALREADY_RECORDED');
    const sameSlot = await record(knee.id, { date: '2026-11-10', outcome: 'attended', time: '09:30' });
    expect(sameSlot.status, 'a different slot the same day is its own session').to.equal(201);
    expect((await list(knee.id)).body.sessions).to.have.length(2);
  });

  it(
    'when a session is corrected on the version read, then it changes and says who corrected it; ' +
      'a second correction on the same old version is refused (409)',
    async () => {
      const knee = await openKneeCase(http, users.billing, users.clinician);
      const { session } = (await record(knee.id, noShow('2026-11-10'))).body;
      const path = `/api/v1/cases/${knee.id}/attendance/${session.id}`;
      const fixed = await http.patch(path).set(users.director.auth).send({
        version: 0,
        outcome: 'late_cancel',
        patientChoice: null,
        alternativesAccepted: [],
      });
      expect(fixed.status, JSON.stringify(fixed.body)).to.equal(200);
      expect(fixed.body.session).to.include({
        outcome: 'late_cancel',
        version: 1,
        correctedById: users.director.id,
        correctedByName: users.director.name,
      });
      expect(fixed.body.session).not.to.have.property('patientChoice');
      expect(fixed.body.session.alternativesAccepted).to.deep.equal([]);
      expect(fixed.body.session.reason).to.equal(session.reason);

      const stale = await http.patch(path).set(users.clinician.auth).send({ version: 0, outcome: 'refused' });
      expect(stale.status).to.equal(409);
      expect((await list(knee.id)).body.sessions[0].outcome).to.equal('late_cancel');

      const toHeld = await http.patch(path).set(users.clinician.auth).send({ version: 1, outcome: 'attended' });
      expect(toHeld.status, 'a session held in full keeps no story').to.equal(422);
      expect(toHeld.body.errors.map((e: { field: string }) => e.field)).to.include.members([
        'body.reason',
        'body.barrier',
      ]);
    },
  );

  it(
    'when the same patient (same MRN) has two cases, then across=patient lists the sessions of both, ' +
      'and a clinician sees only those of the cases she may see',
    async () => {
      const other = await makeUser('clinician');
      const knee = await openKneeCase(http, users.billing, users.clinician, { mrn: 'MRN-880011' });
      const hip = await openKneeCase(http, users.billing, other, { mrn: 'mrn-880011 ' });
      const elsewhere = await openKneeCase(http, users.billing, users.clinician, { mrn: 'MRN-880012' });
      expect((await record(knee.id, noShow('2026-11-10'))).status).to.equal(201);
      expect((await record(hip.id, noShow('2026-11-12'), other)).status).to.equal(201);
      expect((await record(elsewhere.id, noShow('2026-11-13'))).status).to.equal(201);

      const billingView = await list(knee.id, users.billing, 'patient');
      expect(billingView.status, JSON.stringify(billingView.body)).to.equal(200);
      expect(billingView.body.sessions.map((s: { caseReference: string }) => s.caseReference)).to.deep.equal([
        knee.reference,
        hip.reference,
      ]);
      const hers = await list(knee.id, users.clinician, 'patient');
      expect(hers.body.sessions.map((s: { caseId: string }) => s.caseId)).to.deep.equal([knee.id]);
      expect((await list(knee.id, users.billing)).body.sessions).to.have.length(1);
    },
  );
});
