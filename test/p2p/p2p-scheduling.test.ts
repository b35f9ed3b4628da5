import { expect } from 'chai';
import nodeIcal from 'node-ical';
import { p2pWorld, makePhysician } from './support.js';
import { caseBody } from '../support/factories.js';
import { PeerToPeerReviewModel } from '../../server/p2p/p2p-review.model.js';
import { PhysicianSlotModel } from '../../server/p2p/physician-slot.model.js';
import { CaseModel } from '../../server/cases/case.model.js';

type World = Awaited<ReturnType<typeof p2pWorld>>;

/** The VEVENTs of an iCalendar text, parsed by node-ical (an independent parser). */
const eventsOf = (ics: string) =>
  Object.values(nodeIcal.sync.parseICS(ics)).filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT');

const caseStatus = async (caseId: string) => (await CaseModel.findById(caseId).lean())!.status;
/** The case's summary of its open call, as lists and the case header show it. */
const caseTrack = async (caseId: string) => (await CaseModel.findById(caseId).lean())!.peerToPeer;

describe('peer-to-peer requests and scheduling', () => {
  let w: World;
  before(async () => (w = await p2pWorld()));

  describe('requesting', () => {
    it(
      'when billing requests a P2P on a case denied Thursday 2026-11-19 under a ' +
        '7-business-day rule, then the window ends Tuesday 2026-12-01 (Thanksgiving ' +
        'skipped); the case keeps its status and shows the call as requested',
      async () => {
        const caseId = await w.openCase();
        const res = await w.http
          .post(`/api/v1/cases/${caseId}/p2p`)
          .set(w.users.billing.auth)
          .send({
            physicianId: w.physician.id,
            payerContact: { name: 'UM desk', phone: '800-555-0199' },
            payerReference: 'PR-1',
          });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(res.body).to.include({
          status: 'requested',
          caseId,
          physicianId: w.physician.id,
          version: 0,
          icsSequence: 0,
        });
        expect(res.body.window).to.include({ lastDate: '2026-12-01', source: 'payer_rule' });
        expect(res.body.window.basis).to.contain('7 business days');
        expect(res.body.caseReference).to.match(/^OVT-\d{4}-\d{5}$/);
        expect(await caseStatus(caseId)).to.equal('new');
        expect(await caseTrack(caseId)).to.deep.equal({
          reviewId: res.body.id,
          status: 'requested',
          windowLastDate: '2026-12-01',
        });
        const entry = (await CaseModel.findById(caseId).lean())!.timeline.at(-1)!;
        expect(entry).to.include({ type: 'p2p', level: 'internal_appeal' });
        expect(entry.note).to.contain('window closes 2026-12-01');
      },
    );

    it('when the last date is entered from the denial notice, then it is used instead of the payer rule', async () => {
      const review = await w.requestP2P({ window: { lastDate: '2026-11-27' } });
      expect(review.window).to.include({ lastDate: '2026-11-27', source: 'notice' });
    });

    it(
      'when a second P2P is requested on a case with one open, then 409 P2P_ALREADY_OPEN ' +
        'and nothing more is stored',
      async () => {
        const first = await w.requestP2P();
        const before = await PeerToPeerReviewModel.countDocuments();
        const res = await w.http
          .post(`/api/v1/cases/${first.caseId}/p2p`)
          .set(w.users.billing.auth)
          .send({ physicianId: w.physician.id });
        expect(res.status).to.equal(409);
        expect(res.body.code).to.equal('P2P_ALREADY_OPEN');
        expect(await PeerToPeerReviewModel.countDocuments()).to.equal(before);
      },
    );

    it('when three requests race to open a P2P on one case, then exactly one is created', async () => {
      const caseId = await w.openCase();
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          w.http.post(`/api/v1/cases/${caseId}/p2p`).set(w.users.billing.auth).send({ physicianId: w.physician.id }),
        ),
      );
      expect(results.map((r) => r.status).sort()).to.deep.equal([201, 409, 409]);
      expect(await PeerToPeerReviewModel.countDocuments({ caseId })).to.equal(1);
      expect(await caseTrack(caseId)).to.include({ status: 'requested' });
    });

    it(
      'when the payer allows none once the appeal is filed and the case is submitted, ' +
        'then 409 P2P_NOT_ALLOWED with the reason',
      async () => {
        const strict = await w.http
          .post('/api/v1/payers')
          .set(w.users.billing.auth)
          .send({
            name: `Strict Payer ${Date.now()}`,
            p2pWindow: { days: 14, unit: 'calendar', countFrom: 'notice' },
            p2pRules: { noneAfterAppealFiled: true },
          });
        const base = caseBody();
        const opened = await w.http
          .post('/api/v1/cases')
          .set(w.users.billing.auth)
          .send(
            caseBody({
              payer: { ...base.payer, profileId: strict.body._id },
              denial: { ...base.denial, noticeDate: '2026-11-19', receivedDate: '2026-11-19' },
            }),
          );
        let c = opened.body;
        for (const to of ['gathering_evidence', 'appeal_drafted', 'submitted'])
          c = (
            await w.http
              .post(`/api/v1/cases/${c.id}/transitions`)
              .set(w.users.billing.auth)
              .send({ version: c.version, to })
          ).body;
        expect(c.status).to.equal('submitted');
        const res = await w.http
          .post(`/api/v1/cases/${c.id}/p2p`)
          .set(w.users.billing.auth)
          .send({ physicianId: w.physician.id });
        expect(res.status).to.equal(409);
        expect(res.headers['content-type']).to.match(/application\/problem\+json/);
        expect(res.body.code).to.equal('P2P_NOT_ALLOWED');
        expect(res.body.detail).to.match(/once the appeal is filed/);
        expect(await PeerToPeerReviewModel.countDocuments({ caseId: c.id })).to.equal(0);
      },
    );

    it('when the payer has no P2P rule and no date is entered, then 422 NO_P2P_WINDOW', async () => {
      const opened = await w.http
        .post('/api/v1/cases')
        .set(w.users.billing.auth)
        .send(caseBody({ denial: { ...caseBody().denial, noticeDate: '2026-11-19', receivedDate: '2026-11-20' } }));
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      const res = await w.http
        .post(`/api/v1/cases/${opened.body.id}/p2p`)
        .set(w.users.billing.auth)
        .send({ physicianId: w.physician.id });
      expect(res.status).to.equal(422);
      expect(res.body.code).to.equal('NO_P2P_WINDOW');
      expect(await caseStatus(opened.body.id)).to.equal('new');
    });

    it('when the named physician is billing staff or unknown, then 422 and nothing is stored', async () => {
      const caseId = await w.openCase();
      const billingAsPhysician = await w.http
        .post(`/api/v1/cases/${caseId}/p2p`)
        .set(w.users.billing.auth)
        .send({ physicianId: w.users.billing.id });
      expect(billingAsPhysician.status).to.equal(422);
      expect(billingAsPhysician.body.code).to.equal('NOT_A_PHYSICIAN');
      const unknown = await w.http
        .post(`/api/v1/cases/${caseId}/p2p`)
        .set(w.users.billing.auth)
        .send({ physicianId: '0123456789abcdef01234567' });
      expect(unknown.body.code).to.equal('PHYSICIAN_NOT_FOUND');
      expect(await PeerToPeerReviewModel.countDocuments({ caseId })).to.equal(0);
      expect(await caseStatus(caseId)).to.equal('new');
    });

    it('when the body is malformed, then 400 problem+json names each field and nothing is stored', async () => {
      const caseId = await w.openCase();
      const res = await w.http
        .post(`/api/v1/cases/${caseId}/p2p`)
        .set(w.users.billing.auth)
        .send({
          physicianId: 'nope',
          window: { lastDate: '2026-02-30' },
          payerContact: { email: 'not-an-email' },
          colour: 'red',
        });
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).to.include.members([
        'body.physicianId',
        'body.window.lastDate',
        'body.payerContact.email',
        'body.colour',
      ]);
      expect(await PeerToPeerReviewModel.countDocuments({ caseId })).to.equal(0);
    });
  });

  describe('slots and booking', () => {
    it(
      'when slots are asked for on Monday 08:00 in Chicago, then the earliest free ' +
        'times are proposed from 09:00 Chicago (15:00 UTC), not overlapping one another',
      async () => {
        const review = await w.requestP2P();
        const res = await w.http
          .get(`/api/v1/p2p/${review.id}/slots?durationMinutes=30&count=3`)
          .set(w.users.billing.auth);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.timeZone).to.equal('America/Chicago');
        expect(res.body.lastDate).to.equal('2026-12-01');
        const starts = res.body.slots.map((s: { start: string }) => s.start);
        expect(starts[0] >= '2026-11-23T15:00:00.000Z').to.equal(true);
        expect(res.body.slots[0].localStart).to.match(/T\d\d:\d\d:00\.000-06:00$/);
        for (let i = 1; i < starts.length; i++)
          expect(Date.parse(starts[i]) - Date.parse(starts[i - 1])).to.be.at.least(30 * 60_000);
      },
    );

    it(
      'when a slot is booked, then 200, the case shows the call time beside its status, and a second ' +
        'review of the same physician cannot take an overlapping time (409 SLOT_TAKEN)',
      async () => {
        const a = await w.requestP2P();
        const b = await w.requestP2P();
        const booked = await w.http
          .post(`/api/v1/p2p/${a.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 0, start: '2026-11-30T16:00:00Z', durationMinutes: 30, dialIn: '800-555-0100 code 4411#' });
        expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
        expect(booked.body).to.include({ status: 'scheduled', version: 1, icsSequence: 0 });
        expect(booked.body.scheduled).to.include({
          timeZone: 'America/Chicago',
          localStart: '2026-11-30T10:00:00.000-06:00',
        });
        expect(await caseStatus(a.caseId)).to.equal('new');
        expect(await caseTrack(a.caseId)).to.deep.include({
          status: 'scheduled',
          scheduledStart: new Date('2026-11-30T16:00:00Z'),
          timeZone: 'America/Chicago',
        });

        const clash = await w.http
          .post(`/api/v1/p2p/${b.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 0, start: '2026-11-30T16:15:00Z', durationMinutes: 30 });
        expect(clash.status).to.equal(409);
        expect(clash.body.code).to.equal('SLOT_TAKEN');
        expect(await PhysicianSlotModel.countDocuments({ p2pId: b.id })).to.equal(0);
        expect((await PeerToPeerReviewModel.findById(b.id).lean())!.status).to.equal('requested');

        const proposed = await w.http
          .get(`/api/v1/p2p/${b.id}/slots?durationMinutes=30&count=20`)
          .set(w.users.billing.auth);
        expect(proposed.body.slots.map((s: { start: string }) => s.start)).to.not.include.members([
          '2026-11-30T16:00:00.000Z',
          '2026-11-30T15:45:00.000Z',
          '2026-11-30T16:15:00.000Z',
        ]);
        const adjacent = await w.http
          .post(`/api/v1/p2p/${b.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 0, start: '2026-11-30T16:30:00Z', durationMinutes: 30 });
        expect(adjacent.status, JSON.stringify(adjacent.body)).to.equal(200);
      },
    );

    it(
      'when a proposed slot is posted back exactly as /slots gave it, then it is ' +
        'booked for its own length; moving it again needs the version read',
      async () => {
        const review = await w.requestP2P();
        const proposed = await w.http
          .get(`/api/v1/p2p/${review.id}/slots?durationMinutes=45&count=2`)
          .set(w.users.billing.auth);
        const [slot, other] = proposed.body.slots;
        const booked = await w.http.post(`/api/v1/p2p/${review.id}/schedule`).set(w.users.billing.auth).send(slot);
        expect(booked.status, JSON.stringify(booked.body)).to.equal(200);
        expect(booked.body.scheduled).to.include({ start: slot.start, end: slot.end, localStart: slot.localStart });
        const blind = await w.http.post(`/api/v1/p2p/${review.id}/schedule`).set(w.users.billing.auth).send(other);
        expect([blind.status, blind.body.code]).to.deep.equal([409, 'STALE_VERSION']);
        const moved = await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ ...other, version: booked.body.version });
        expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
        expect(moved.body.scheduled).to.include({ start: other.start, end: other.end });
        const odd = await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({
            version: moved.body.version,
            start: other.start,
            end: new Date(Date.parse(other.start) + 10 * 60_000).toISOString(),
          });
        expect(odd.status).to.equal(400);
        expect(odd.body.errors[0].message).to.contain('15 to 120 minutes');
      },
    );

    it(
      'when two requests race to book the same slot for two reviews of one physician, ' +
        'then exactly one wins and only its blocks are held',
      async () => {
        const racer = await makePhysician('America/Los_Angeles');
        const [a, b] = [await w.requestP2P({ physicianId: racer.id }), await w.requestP2P({ physicianId: racer.id })];
        const book = (id: string) =>
          w.http
            .post(`/api/v1/p2p/${id}/schedule`)
            .set(w.users.billing.auth)
            .send({ version: 0, start: '2026-11-25T18:00:00Z', durationMinutes: 45 });
        const results = await Promise.all([book(a.id), book(b.id), book(a.id), book(b.id)]);
        const winners = results.filter((r) => r.status === 200);
        expect(winners, results.map((r) => `${r.status} ${r.body.code}`).join(', ')).to.have.length(1);
        expect(results.filter((r) => r.status === 409)).to.have.length(3);
        const slots = await PhysicianSlotModel.find({ physicianId: racer.id }).lean();
        expect(slots.map((s) => s.slotKey).sort()).to.deep.equal([
          '2026-11-25T18:00Z',
          '2026-11-25T18:15Z',
          '2026-11-25T18:30Z',
        ]);
        expect(new Set(slots.map((s) => s.p2pId))).to.deep.equal(new Set([winners[0].body.id]));
        expect(
          await PeerToPeerReviewModel.countDocuments({ _id: { $in: [a.id, b.id] }, status: 'scheduled' }),
        ).to.equal(1);
      },
    );

    it(
      'when a call is booked after the window’s last day, in the past, or off the ' +
        'quarter hour, then it is refused and nothing changes',
      async () => {
        const review = await w.requestP2P();
        const late = await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 0, start: '2026-12-02T15:00:00Z' });
        expect(late.status).to.equal(422);
        expect(late.body.code).to.equal('OUTSIDE_WINDOW');
        const past = await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 0, start: '2026-11-23T13:00:00Z' });
        expect(past.body.code).to.equal('SLOT_IN_PAST');
        const odd = await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 0, start: '2026-11-24T15:10:00Z' });
        expect(odd.status).to.equal(400);
        expect(await PhysicianSlotModel.countDocuments({ p2pId: review.id })).to.equal(0);
        expect((await PeerToPeerReviewModel.findById(review.id).lean())!.version).to.equal(0);
      },
    );

    it(
      'when the last allowed day is Tuesday 2026-12-01, then a call at 11:00 Chicago ' +
        'that day is accepted (17:00 UTC)',
      async () => {
        const review = await w.requestP2P();
        const res = await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 0, start: '2026-12-01T17:00:00Z', durationMinutes: 30 });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
      },
    );
  });

  describe('rescheduling, the invitation and cancelling', () => {
    it(
      'when a booked call is moved, then SEQUENCE rises, the old time is kept in ' +
        'history and freed, and the invitation parses back with the new start, the ' +
        'same UID and no PHI',
      async () => {
        const review = await w.requestP2P();
        const first = await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({
            version: 0,
            start: '2026-11-24T15:00:00Z',
            dialIn: '888-555-0123 code 99#',
            reviewer: { name: 'Dr. Reyes', specialty: 'Orthopedics' },
          });
        expect(first.status).to.equal(200);
        const inviteBefore = await w.http.get(`/api/v1/p2p/${review.id}/invite.ics`).set(w.physician.auth);
        const moved = await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 1, start: '2026-11-24T15:15:00Z', durationMinutes: 30 });
        expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
        expect(moved.body).to.include({ version: 2, icsSequence: 1, status: 'scheduled' });
        expect(moved.body.history.map((h: { event: string }) => h.event)).to.deep.equal([
          'requested',
          'scheduled',
          'rescheduled',
        ]);
        expect(moved.body.history[2].previous.start).to.equal('2026-11-24T15:00:00.000Z');
        expect(moved.body.scheduled.dialIn).to.equal('888-555-0123 code 99#');
        const held = (await PhysicianSlotModel.find({ p2pId: review.id }).lean()).map((s) => s.slotKey).sort();
        expect(held).to.deep.equal(['2026-11-24T15:15Z', '2026-11-24T15:30Z']);

        const invite = await w.http.get(`/api/v1/p2p/${review.id}/invite.ics`).set(w.physician.auth);
        expect(invite.status).to.equal(200);
        expect(invite.headers['content-type']).to.match(/^text\/calendar/);
        expect(invite.headers['content-disposition']).to.contain(`${review.caseReference}-p2p.ics`);
        const events = eventsOf(invite.text);
        expect(events).to.have.length(1);
        expect(events[0].start.toISOString()).to.equal('2026-11-24T15:15:00.000Z');
        expect(events[0].end?.toISOString()).to.equal('2026-11-24T15:45:00.000Z');
        expect(events[0].uid).to.equal(`p2p-${review.id}@overturn`);
        expect(Number(events[0].sequence)).to.equal(1);
        expect(invite.text).to.match(/METHOD:REQUEST/);
        expect(invite.text).to.match(/DTSTART;TZID=America\/Chicago:20261124T091500/);
        expect(invite.text).to.contain('BEGIN:VTIMEZONE');
        expect(invite.text).to.match(/TRIGGER:-PT30M/);
        expect(invite.text).to.contain(review.caseReference);
        const [before] = eventsOf(inviteBefore.text);
        expect(before.uid).to.equal(events[0].uid);
        expect(Number(before.sequence)).to.equal(0);
        const phi = caseBody();
        for (const secret of [
          phi.patient.firstName,
          phi.patient.lastName,
          phi.patient.dateOfBirth,
          phi.patient.mrn,
          phi.payer.memberId,
        ])
          expect(invite.text).to.not.contain(secret);
      },
    );

    it(
      'when a booked call is cancelled, then the invitation becomes METHOD:CANCEL ' +
        'with a higher SEQUENCE, the time is freed and the case no longer shows a call; its status never moved',
      async () => {
        const review = await w.requestP2P();
        await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 0, start: '2026-11-24T16:00:00Z' });
        const res = await w.http
          .post(`/api/v1/p2p/${review.id}/cancel`)
          .set(w.users.billing.auth)
          .send({ version: 1, reason: 'Payer approved on written review' });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body).to.include({ status: 'cancelled', icsSequence: 1 });
        expect(await PhysicianSlotModel.countDocuments({ p2pId: review.id })).to.equal(0);
        expect(await caseStatus(review.caseId)).to.equal('new');
        expect(await caseTrack(review.caseId)).to.equal(undefined);
        const invite = await w.http.get(`/api/v1/p2p/${review.id}/invite.ics`).set(w.users.billing.auth);
        expect(invite.text).to.match(/METHOD:CANCEL/);
        const [event] = eventsOf(invite.text);
        expect(Number(event.sequence)).to.equal(1);
        expect(event.status).to.equal('CANCELLED');
        expect(event.uid).to.equal(`p2p-${review.id}@overturn`);
        const again = await w.http
          .post(`/api/v1/p2p/${review.id}/cancel`)
          .set(w.users.billing.auth)
          .send({ version: 2 });
        expect(again.status).to.equal(409);
      },
    );

    it('when a stale version is sent, then 409 STALE_VERSION and the booking is not changed', async () => {
      const review = await w.requestP2P();
      await w.http
        .post(`/api/v1/p2p/${review.id}/schedule`)
        .set(w.users.billing.auth)
        .send({ version: 0, start: '2026-11-25T15:00:00Z' });
      const res = await w.http
        .post(`/api/v1/p2p/${review.id}/schedule`)
        .set(w.users.billing.auth)
        .send({ version: 0, start: '2026-11-25T16:00:00Z' });
      expect(res.status).to.equal(409);
      expect(res.body.code).to.equal('STALE_VERSION');
      expect((await PhysicianSlotModel.find({ p2pId: review.id }).lean()).map((s) => s.slotKey).sort()).to.deep.equal([
        '2026-11-25T15:00Z',
        '2026-11-25T15:15Z',
      ]);
    });

    it('when no time has been agreed yet, then the invitation is 409 P2P_NOT_SCHEDULED', async () => {
      const review = await w.requestP2P();
      const res = await w.http.get(`/api/v1/p2p/${review.id}/invite.ics`).set(w.users.billing.auth);
      expect(res.status).to.equal(409);
      expect(res.body.code).to.equal('P2P_NOT_SCHEDULED');
    });
  });
});
