import { expect } from 'chai';
import { p2pWorld, makePhysician } from './support.js';
import { caseBody } from '../support/factories.js';
import { pdfPagesText } from '../packets/pdf-text.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { PeerToPeerReviewModel } from '../../server/p2p/p2p-review.model.js';
import { PhysicianSlotModel } from '../../server/p2p/physician-slot.model.js';
import { createGuideline, attachCriterion } from '../../server/guidelines/index.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';

type World = Awaited<ReturnType<typeof p2pWorld>>;

describe('peer-to-peer outcomes, prep sheet, worklists and availability', () => {
  let w: World;
  before(async () => (w = await p2pWorld()));

  /** A P2P booked on a fresh case for Tuesday 2026-11-24 at `hourUtc`:00 UTC. */
  const booked = async (hourUtc = 15, caseOverrides: Record<string, unknown> = {}) => {
    const review = await w.requestP2P(
      {},
      Object.keys(caseOverrides).length ? await w.openCase(caseOverrides) : undefined,
    );
    const res = await w.http
      .post(`/api/v1/p2p/${review.id}/schedule`)
      .set(w.users.billing.auth)
      .send({ version: 0, start: `2026-11-24T${hourUtc}:00:00Z`, dialIn: '800-555-0100' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body;
  };
  /** Records an outcome on Wednesday 2026-11-25, after the calls booked for Tuesday, then turns the clock back. */
  const outcome = async (id: string, body: Record<string, unknown>, who = w.physician.auth) => {
    const was = w.clock.now();
    w.clock.set(new Date('2026-11-25T12:00:00Z'));
    try {
      return await w.http.post(`/api/v1/p2p/${id}/outcome`).set(who).send(body);
    } finally {
      w.clock.set(was);
    }
  };

  describe('recording the outcome', () => {
    it(
      'when the reviewer overturns the denial on the call (post-decision), then the review is completed, ' +
        'the level is resolved with the revised decision, and no second P2P can be asked for',
      async () => {
        const review = await booked(15);
        const res = await outcome(review.id, {
          version: 1,
          result: 'overturned',
          reviewerName: 'Dr. Hale',
          agreed: 'Approve the MRI as ordered',
          decisionReference: 'AUTH-5521',
          decisionDate: '2026-11-24',
        });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.review).to.include({ status: 'completed', version: 2, timing: 'post_decision' });
        expect(res.body.review.outcome).to.include({
          result: 'overturned',
          timing: 'post_decision',
          reviewerName: 'Dr. Hale',
          decisionReference: 'AUTH-5521',
        });
        expect(res.body.case.status).to.equal('overturned');
        const stored = (await CaseModel.findById(review.caseId).lean())!;
        expect(stored.levelHistory.at(-1)).to.include({
          level: 'internal_appeal',
          outcome: 'overturned',
          decidedOn: '2026-11-24',
          via: 'peer_to_peer',
          reference: 'AUTH-5521',
          reviewerName: 'Dr. Hale',
          approved: 'Approve the MRI as ordered',
        });
        expect(stored.peerToPeer).to.equal(undefined);
        const entry = stored.timeline.at(-1)!;
        expect(entry).to.include({ type: 'p2p', fromStatus: 'new', toStatus: 'overturned' });
        expect(entry.note).to.contain('Dr. Hale').and.contain('Approve the MRI as ordered').and.contain('AUTH-5521');
        expect(entry.contact).to.include({ name: 'Dr. Hale', method: 'phone' });
        const again = await w.http
          .post(`/api/v1/cases/${review.caseId}/p2p`)
          .set(w.users.billing.auth)
          .send({ physicianId: w.physician.id });
        expect(again.body.code).to.equal('CASE_CLOSED');
      },
    );

    it(
      'when the reviewer upholds the denial (ERISA, denied 2026-11-19), then the internal appeal stays open ' +
        'with its filing deadline 2027-05-18 unchanged, and the timeline says so',
      async () => {
        const review = await booked(16);
        const before = (await CaseModel.findById(review.caseId).lean())!;
        const res = await outcome(review.id, {
          version: 1,
          result: 'upheld',
          reviewerName: 'Dr. Hale',
          notes: 'Wants six more weeks of PT',
          alternativesOffered: ['12 PT visits first'],
        });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.review.status).to.equal('completed');
        expect(res.body.case).to.include({ status: 'new', appealLevel: 'internal_appeal' });
        expect(res.body.levelDeadline).to.include({ level: 'internal_appeal', kind: 'filing', dueDate: '2027-05-18' });
        const stored = (await CaseModel.findById(review.caseId).lean())!;
        expect(stored.deadlines).to.deep.equal(before.deadlines);
        expect(stored.levelHistory).to.deep.equal([]);
        const entry = stored.timeline.at(-1)!;
        expect(entry.type).to.equal('p2p');
        expect(entry.toStatus).to.equal(undefined);
        expect(entry.alternativesOffered).to.deep.equal(['12 PT visits first']);
        expect(entry.note).to.contain(
          'Unchanged by this call: the internal appeal level, its status (new), and its filing deadline 2027-05-18',
        );
      },
    );

    it('when a decision is sent with an upheld call, then 400: only a win carries a revised decision', async () => {
      const review = await booked(22);
      const res = await outcome(review.id, { version: 1, result: 'upheld', decisionDate: '2026-11-24' });
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).to.include('body.decisionDate');
    });

    it(
      'when the call must be rescheduled, then the review is requested again, the ' +
        'time freed, the invitation cancelled, and a new booking raises SEQUENCE ' +
        'again',
      async () => {
        const review = await booked(17);
        const res = await outcome(review.id, { version: 1, result: 'rescheduled', notes: 'Reviewer called in sick' });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.review).to.include({ status: 'requested', icsSequence: 1 });
        expect(res.body.review.scheduled).to.equal(undefined);
        expect(res.body.case.status).to.equal('new');
        expect((await CaseModel.findById(review.caseId).lean())!.peerToPeer).to.include({
          reviewId: review.id,
          status: 'requested',
        });
        expect(await PhysicianSlotModel.countDocuments({ p2pId: review.id })).to.equal(0);
        const cancel = await w.http.get(`/api/v1/p2p/${review.id}/invite.ics`).set(w.physician.auth);
        expect(cancel.text)
          .to.match(/METHOD:CANCEL/)
          .and.match(/SEQUENCE:1/)
          .and.match(/DTSTART;TZID=America\/Chicago:20261124T110000/);
        const rebooked = await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 2, start: '2026-11-25T17:00:00Z' });
        expect(rebooked.body).to.include({ status: 'scheduled', icsSequence: 2 });
        expect(
          await w.http
            .get(`/api/v1/p2p/${review.id}/invite.ics`)
            .set(w.physician.auth)
            .then((r) => r.text),
        )
          .to.match(/METHOD:REQUEST/)
          .and.match(/SEQUENCE:2/);
      },
    );

    it('when the payer’s reviewer does not join, then the review is missed and the case stays as it was', async () => {
      const review = await booked(18);
      const res = await outcome(review.id, { version: 1, result: 'no_show_payer' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.review.status).to.equal('missed');
      expect(res.body.case.status).to.equal('new');
      expect((await CaseModel.findById(review.caseId).lean())!.peerToPeer).to.equal(undefined);
    });

    it(
      'when billing staff try to record an outcome, then 403; a win without its date and reference is 400; ' +
        'a stale version 409 — and nothing changes',
      async () => {
        const review = await booked(19);
        expect(
          (
            await outcome(
              review.id,
              { version: 1, result: 'overturned', decisionDate: '2026-11-24', decisionReference: 'A-1' },
              w.users.billing.auth,
            )
          ).status,
        ).to.equal(403);
        const undated = await outcome(review.id, { version: 1, result: 'overturned', reviewerName: 'Dr. Hale' });
        expect(undated.status).to.equal(400);
        expect(undated.body.errors.map((e: { field: string }) => e.field)).to.include.members([
          'body.decisionDate',
          'body.decisionReference',
        ]);
        expect((await outcome(review.id, { version: 0, result: 'no_show_physician' })).body.code).to.equal(
          'STALE_VERSION',
        );
        expect((await PeerToPeerReviewModel.findById(review.id).lean())!).to.include({
          status: 'scheduled',
          version: 1,
        });
        const stored = (await CaseModel.findById(review.caseId).lean())!;
        expect(stored.status).to.equal('new');
        expect(stored.peerToPeer).to.include({ status: 'scheduled' });
      },
    );
    it(
      'when a clinician takes the call on a case that is not theirs, then they ' +
        'can read the review but not change it (403), and nothing changes',
      async () => {
        const clinician = await makePhysician('America/New_York', 'clinician');
        const review = await w.requestP2P({ physicianId: clinician.id });
        await w.http
          .post(`/api/v1/p2p/${review.id}/schedule`)
          .set(w.users.billing.auth)
          .send({ version: 0, start: '2026-11-24T21:00:00Z' });
        expect((await w.http.get(`/api/v1/p2p/${review.id}`).set(clinician.auth)).status).to.equal(200);
        const res = await outcome(review.id, { version: 1, result: 'no_show_payer' }, clinician.auth);
        expect(res.status).to.equal(403);
        expect((await PeerToPeerReviewModel.findById(review.id).lean())!).to.include({
          status: 'scheduled',
          version: 1,
        });
        expect(
          (await w.http.get(`/api/v1/p2p/${review.id}`).set(w.users.clinician.auth)).status,
          'another clinician does not see it',
        ).to.equal(404);
      },
    );
  });

  describe('prep sheet', () => {
    it(
      'when a director opens the prep sheet, then the PDF holds the rationale verbatim, ' +
        'each criterion with its citation, the ask and what to say if upheld, the treatments tried, age and ' +
        'sex but no identifiers, and the read is audited',
      async () => {
        const narrative = {
          alternativesTried: [
            { treatment: 'Physical therapy', period: '8 weeks', outcome: 'no improvement in radicular pain' },
          ],
          keyFacts: [{ date: '2026-10-02', fact: 'Positive straight-leg raise on the left at 30 degrees' }],
          patientImpact: 'She cannot work her shifts as a nurse.',
          request: 'Approve the lumbar MRI (72148) now.',
        };
        const review = await booked(20, { narrative });
        const guidelines = await Promise.all(
          [
            {
              title: 'Lumbar spine MRI: radiculopathy',
              criterionText: 'Radicular pain persisting after six weeks of conservative care',
              section: 'Indication 2',
            },
            {
              title: 'Lumbar spine MRI: red flags',
              criterionText: 'Progressive neurological deficit',
              section: 'Indication 1',
            },
          ].map((g) =>
            createGuideline(
              { source: 'specialty_society', issuingBody: 'American College of Radiology', ...g },
              w.users.director,
              { clock: w.clock },
            ),
          ),
        );
        await attachCriterion(
          review.caseId,
          {
            guidelineId: guidelines[0].id,
            status: 'met',
            evidence: [{ statement: 'Eight weeks of PT documented in the therapy notes' }],
          },
          w.users.director,
          { clock: w.clock },
        );
        await attachCriterion(
          review.caseId,
          { guidelineId: guidelines[1].id, status: 'not_met', evidence: [] },
          w.users.director,
          { clock: w.clock },
        );

        const res = await w.http
          .get(`/api/v1/p2p/${review.id}/prep-sheet.pdf`)
          .set(w.users.director.auth)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          });
        expect(res.status).to.equal(200);
        expect(res.headers['content-type']).to.equal('application/pdf');
        expect(res.headers['content-disposition']).to.contain(`${review.caseReference}-p2p-prep-sheet.pdf`);
        const pages = await pdfPagesText(res.body as Buffer);
        // One to two pages: a sheet that would run longer is set in compact type.
        expect(pages.length).to.be.within(1, 2);
        const text = pages.join('\n').replace(/\s+/g, ' ');
        expect(text).to.contain(caseBody().denial.payerReason);
        for (const g of guidelines) expect(text).to.contain(g.title).and.contain(g.criterionText);
        expect(text).to.contain('American College of Radiology');
        expect(text).to.contain('Met').and.contain('Eight weeks of PT documented in the therapy notes');
        expect(text)
          .to.contain('Ask: Approve the lumbar MRI (72148) now.')
          .and.contain('If the reviewer upholds the denial')
          .and.contain('29 CFR 2560.503-1(h)(2)(iii)');
        expect(text)
          .to.contain('Physical therapy (8 weeks): no improvement in radicular pain')
          .and.contain('Positive straight-leg raise on the left at 30 degrees')
          .and.contain('She cannot work her shifts as a nurse.');
        expect(text)
          .to.contain('65-year-old female')
          .and.contain('last day 2026-12-01')
          .and.contain('does not stop the appeal clock');
        expect(text).to.contain(`Page 1 of ${pages.length} · ${review.caseReference}`);
        for (const secret of [
          caseBody().patient.firstName,
          caseBody().patient.lastName,
          caseBody().patient.dateOfBirth,
          caseBody().patient.mrn,
          caseBody().payer.memberId,
        ])
          expect(text).to.not.contain(secret);
        expect(
          await AuditEventModel.countDocuments({
            actorId: w.users.director.id,
            action: 'p2p.prep_sheet',
            caseId: review.caseId,
          }),
        ).to.equal(1);

        const html = await w.http.get(`/api/v1/p2p/${review.id}/prep-sheet`).set(w.users.director.auth);
        expect(html.status).to.equal(200);
        expect(html.headers['content-type']).to.match(/text\/html/);
        expect(html.headers['content-security-policy']).to.contain("default-src 'none'");
        expect(html.text).to.contain('The ask').and.contain('Lumbar spine MRI: radiculopathy');
      },
    );
  });

  describe('worklists', () => {
    it(
      'when a physician asks for “my P2P calls this week”, then only their scheduled ' +
        'calls in the week come back, in time order',
      async () => {
        const res = await w.http
          .get('/api/v1/p2p?physician=me&status=scheduled&from=2026-11-23&to=2026-11-29')
          .set(w.physician.auth);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        const starts = res.body.reviews.map((r: { scheduled: { start: string } }) => r.scheduled.start);
        expect(starts.length).to.be.greaterThan(0);
        expect([...starts].sort()).to.deep.equal(starts);
        expect(
          res.body.reviews.every(
            (r: { physicianId: string; status: string }) =>
              r.physicianId === w.physician.id && r.status === 'scheduled',
          ),
        ).to.equal(true);
        const nextWeek = await w.http
          .get('/api/v1/p2p?physician=me&from=2026-11-30&to=2026-12-06')
          .set(w.physician.auth);
        expect(nextWeek.body.reviews).to.deep.equal([]);
      },
    );

    it(
      'when the clinic asks which P2P windows are closing, then requested reviews ' +
        'and cases with no request yet come back by last date',
      async () => {
        const requested = await w.requestP2P();
        const untouched = await w.openCase();
        const res = await w.http.get('/api/v1/p2p/windows-closing?withinDays=10').set(w.users.billing.auth);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.requested.map((r: { id: string }) => r.id)).to.include(requested.id);
        const pending = res.body.notRequested.find((c: { caseId: string }) => c.caseId === untouched);
        expect(pending).to.include({ lastDate: '2026-12-01' });
        const soon = await w.http.get('/api/v1/p2p/windows-closing?withinDays=2').set(w.users.billing.auth);
        expect(soon.body.notRequested.map((c: { caseId: string }) => c.caseId)).to.not.include(untouched);
      },
    );

    it(
      'when one physician asks which of their P2P windows are closing, then only ' +
        'reviews requested for them and cases they treat come back',
      async () => {
        const mine = await w.requestP2P();
        const treated = await w.openCase({
          treatingClinician: { ...caseBody().treatingClinician, userId: w.physician.id },
        });
        const someoneElses = await w.openCase();
        const res = await w.http.get('/api/v1/p2p/windows-closing?withinDays=10&physician=me').set(w.physician.auth);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.requested.map((r: { id: string }) => r.id)).to.include(mine.id);
        expect(res.body.requested.every((r: { physicianId: string }) => r.physicianId === w.physician.id)).to.equal(
          true,
        );
        const unrequested = res.body.notRequested.map((c: { caseId: string }) => c.caseId);
        expect(unrequested).to.include(treated).and.not.include(someoneElses);
      },
    );
  });

  describe('availability', () => {
    it(
      'when a clinician sets someone else’s availability, then 403; a stale version ' + '409; a director may set it',
      async () => {
        const current = await w.http
          .get(`/api/v1/physicians/${w.physician.id}/availability`)
          .set(w.users.clinician.auth);
        expect(current.body).to.include({ timeZone: 'America/Chicago', version: 1 });
        const body = {
          version: 1,
          weekly: [{ weekday: 2, start: '13:00', end: '15:00' }],
          exceptions: [{ date: '2026-12-01', kind: 'leave' }],
        };
        expect(
          (await w.http.put(`/api/v1/physicians/${w.physician.id}/availability`).set(w.users.clinician.auth).send(body))
            .status,
        ).to.equal(403);
        expect(
          (
            await w.http
              .put(`/api/v1/physicians/${w.physician.id}/availability`)
              .set(w.users.director.auth)
              .send({ ...body, version: 0 })
          ).body.code,
        ).to.equal('STALE_VERSION');
        const bad = await w.http
          .put(`/api/v1/physicians/${w.physician.id}/availability`)
          .set(w.users.director.auth)
          .send({ ...body, weekly: [{ weekday: 2, start: '15:00', end: '13:00' }] });
        expect(bad.status).to.equal(400);
        const ok = await w.http
          .put(`/api/v1/physicians/${w.physician.id}/availability`)
          .set(w.users.director.auth)
          .send(body);
        expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
        expect(ok.body).to.include({ version: 2 });
        expect(ok.body.exceptions).to.deep.equal([{ date: '2026-12-01', kind: 'leave' }]);
      },
    );
  });
});
