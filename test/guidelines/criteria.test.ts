import crypto from 'node:crypto';
import { expect } from 'chai';
import { makeUsers } from '../support/app.js';
import { evidenceApp, openCase, notePdf, PROGRESS_NOTE, upload, fixture } from '../evidence/support.js';
import { createGuideline } from './support.js';
import { listCaseCriteria, citationOf } from '../../server/guidelines/index.js';
import { textReadingSettled } from '../../server/evidence/text-reading.service.js';

describe('criteria: guidelines attached to a case with the evidence that meets them', () => {
  const { http } = evidenceApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  let caseId: string;
  let noteId: string;
  let scanId: string;
  before(async () => {
    users = await makeUsers();
    caseId = await openCase(http, users.clinician);
    const note = await upload(http, caseId, users.clinician, {
      bytes: await notePdf([[...PROGRESS_NOTE[0], crypto.randomUUID()], PROGRESS_NOTE[1]]),
      title: 'Progress note, PM&R',
      kind: 'progress_note',
      date: '2026-10-01',
    });
    noteId = note.body.id;
    const scan = await upload(http, caseId, users.clinician, {
      bytes: await fixture('scanned-log.jpg'),
      filename: 'log.jpg',
      contentType: 'image/jpeg',
      title: 'Exercise log',
      kind: 'other',
      date: '2026-09-20',
    });
    scanId = scan.body.id;
  });

  const attach = (body: Record<string, unknown>, user = users.clinician) =>
    http.post(`/api/v1/cases/${caseId}/criteria`).set(user.auth).send(body);
  const criteria = async () =>
    (await http.get(`/api/v1/cases/${caseId}/criteria`).set(users.billing.auth)).body.criteria as {
      id: string;
      guideline: { id: string };
    }[];

  it(
    'when a criterion is attached as met with a passage quoted from page 1, then ' +
      'it is stored with the document title, page and citation',
    async () => {
      const g = await createGuideline(http, users.clinician);
      const res = await attach({
        guidelineId: g.id,
        status: 'met',
        evidence: [
          {
            documentId: noteId,
            page: 1,
            quote: 'Completed 8 weeks of supervised physical therapy and a course of naproxen without improvement.',
          },
          { statement: 'Symptoms began after lifting at work on 2026-08-10.' },
        ],
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({
        caseId,
        status: 'met',
        version: 0,
        citation: g.citation,
        addedById: users.clinician.id,
      });
      expect(res.body.guideline).to.include({ id: g.id, revision: 0, title: g.title });
      expect(res.body.evidence).to.deep.equal([
        {
          documentId: noteId,
          documentTitle: 'Progress note, PM&R',
          page: 1,
          quote: 'Completed 8 weeks of supervised physical therapy and a course of naproxen without improvement.',
        },
        { statement: 'Symptoms began after lifting at work on 2026-08-10.' },
      ]);
      const audit = await http.get(`/api/v1/audit?caseId=${caseId}`).set(users.admin.auth);
      expect(
        audit.body.events.map((e: { action: string; entityId: string }) => `${e.action}:${e.entityId}`),
      ).to.include(`criterion.attach:${res.body.id}`);
    },
  );

  it('when a quote is given without a page, then the page it is on is found and recorded', async () => {
    const g = await createGuideline(http, users.clinician);
    const res = await attach({
      guidelineId: g.id,
      status: 'met',
      evidence: [{ documentId: noteId, quote: 'diminished LEFT ankle   reflex' }],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.evidence[0]).to.include({ page: 2 });
  });

  it(
    'when the quoted words are not on the cited page, then 422 names the evidence ' + 'field and nothing is attached',
    async () => {
      const g = await createGuideline(http, users.clinician);
      const wrongPage = await attach({
        guidelineId: g.id,
        status: 'met',
        evidence: [{ documentId: noteId, page: 2, quote: 'Completed 8 weeks of supervised physical therapy' }],
      });
      expect(wrongPage.status).to.equal(422);
      expect(wrongPage.body).to.include({ code: 'QUOTE_NOT_FOUND' });
      expect(wrongPage.body.errors).to.deep.equal([
        { field: 'body.evidence.0.quote', message: 'does not appear on page 2 of the document' },
      ]);
      const invented = await attach({
        guidelineId: g.id,
        status: 'met',
        evidence: [{ documentId: noteId, quote: 'Completed 12 weeks of supervised physical therapy' }],
      });
      expect(invented.status).to.equal(422);
      const image = await attach({
        guidelineId: g.id,
        status: 'met',
        evidence: [{ documentId: scanId, quote: 'pain 6/10 unchanged' }],
      });
      expect(image.status).to.equal(422);
      expect(image.body.errors[0].message).to.match(/scanned image/);
      expect((await criteria()).map((c) => c.guideline.id)).not.to.include(g.id);
    },
  );

  it(
    'when a scanned note has been read by OCR, then a passage quoted from it is kept with its page; ' +
      'a word changed is still refused',
    async function () {
      this.timeout(180_000); // OCR of a page takes seconds on a busy machine; the test waits, it does not time it
      const scan = await upload(http, caseId, users.clinician, {
        bytes: await fixture('scanned-note.jpg'),
        filename: 'note.jpg',
        contentType: 'image/jpeg',
        title: 'Spine clinic note (scan)',
        kind: 'progress_note',
        date: '2026-10-02',
      });
      await textReadingSettled();
      const g = await createGuideline(http, users.clinician);
      const changed = await attach({
        guidelineId: g.id,
        status: 'met',
        evidence: [{ documentId: scan.body.id, quote: 'is now considered surgically necessary' }],
      });
      expect(changed.status).to.equal(422);
      const res = await attach({
        guidelineId: g.id,
        status: 'met',
        evidence: [{ documentId: scan.body.id, quote: 'is now considered medically necessary' }],
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.evidence[0]).to.include({ documentId: scan.body.id, page: 1 });
    },
  );

  it(
    'when the page does not exist, the document is another case’s, or met has ' +
      'no evidence, then 400 names the field',
    async () => {
      const g = await createGuideline(http, users.clinician);
      const otherCase = await openCase(http, users.clinician);
      const foreign = await upload(http, otherCase, users.clinician, {
        bytes: await notePdf([[`Other patient ${crypto.randomUUID()}`]]),
        title: 'Note',
        kind: 'progress_note',
        date: '2026-10-01',
      });
      const res = await attach({
        guidelineId: g.id,
        status: 'met',
        evidence: [{ documentId: noteId, page: 3 }, { documentId: foreign.body.id, page: 1 }, { page: 1 }],
      });
      expect(res.status).to.equal(400);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).to.deep.equal(['body.evidence.2']);
      const checked = await attach({
        guidelineId: g.id,
        status: 'met',
        evidence: [
          { documentId: noteId, page: 3 },
          { documentId: foreign.body.id, page: 1 },
        ],
      });
      expect(checked.status).to.equal(400);
      expect(checked.body.errors).to.deep.equal([
        { field: 'body.evidence.0.page', message: 'the document has 2 page(s)' },
        { field: 'body.evidence.1.documentId', message: 'is not a document of this case' },
      ]);
      const bare = await attach({ guidelineId: g.id, status: 'met', evidence: [] });
      expect(bare.status).to.equal(400);
      expect(bare.body.errors[0]).to.include({ field: 'body.evidence' });
      // Leaving the evidence out altogether is no way around it.
      const missing = await attach({ guidelineId: g.id, status: 'met' });
      expect(missing.status).to.equal(400);
      expect(missing.body.errors).to.deep.equal([
        { field: 'body.evidence', message: 'a criterion marked met needs at least one piece of evidence' },
      ]);
      expect((await attach({ guidelineId: g.id, status: 'not_met' })).status).to.equal(201);
    },
  );

  it('when the same guideline is attached twice, then 409 points at the criterion to change instead', async () => {
    const g = await createGuideline(http, users.clinician);
    const first = await attach({
      guidelineId: g.id,
      status: 'not_applicable',
      evidence: [{ statement: 'No red-flag symptoms.' }],
    });
    const second = await attach({ guidelineId: g.id, status: 'met', evidence: [{ statement: 'x' }] }, users.director);
    expect(second.status).to.equal(409);
    expect(second.body).to.include({ code: 'CRITERION_ALREADY_ATTACHED', criterionId: first.body.id });
  });

  it('when criteria are listed, then they come in the order attached, for users and for the letter', async () => {
    const own = await openCase(http, users.clinician);
    const [a, b, c] = [
      await createGuideline(http, users.clinician, { title: 'Zeta' }),
      await createGuideline(http, users.clinician, { title: 'Alpha' }),
      await createGuideline(http, users.clinician, { title: 'Mu' }),
    ];
    for (const g of [a, b, c])
      expect(
        (
          await http
            .post(`/api/v1/cases/${own}/criteria`)
            .set(users.clinician.auth)
            .send({ guidelineId: g.id, status: 'not_met' })
        ).status,
      ).to.equal(201);
    const res = await http.get(`/api/v1/cases/${own}/criteria`).set(users.billing.auth);
    expect(res.body.criteria.map((x: { guideline: { id: string } }) => x.guideline.id)).to.deep.equal([
      a.id,
      b.id,
      c.id,
    ]);
    const forLetter = await listCaseCriteria(own);
    expect(forLetter.map((x) => x.guideline.id)).to.deep.equal([a.id, b.id, c.id]);
    expect(forLetter.map((x) => citationOf(x.guideline))).to.deep.equal([a.citation, b.citation, c.citation]);
  });

  it(
    'when a criterion is changed with its version, then status and evidence change; ' +
      'a stale version is refused with 409',
    async () => {
      const g = await createGuideline(http, users.clinician);
      const made = await attach({ guidelineId: g.id, status: 'not_met' });
      const url = `/api/v1/cases/${caseId}/criteria/${made.body.id}`;
      const changed = await http
        .patch(url)
        .set(users.director.auth)
        .send({
          version: 0,
          status: 'met',
          evidence: [{ documentId: noteId, quote: 'MRI lumbar spine without contrast' }],
        });
      expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
      expect(changed.body).to.include({ status: 'met', version: 1, updatedById: users.director.id });
      expect(changed.body.evidence[0]).to.include({ page: 2 });
      const stale = await http.patch(url).set(users.clinician.auth).send({ version: 0, status: 'not_met' });
      expect(stale.status).to.equal(409);
      expect(stale.body.code).to.equal('STALE_VERSION');
      const badQuote = await http
        .patch(url)
        .set(users.clinician.auth)
        .send({ version: 1, evidence: [{ documentId: noteId, quote: 'MRI with contrast' }] });
      expect(badQuote.status).to.equal(422);
      const emptied = await http.patch(url).set(users.clinician.auth).send({ version: 1, evidence: [] });
      expect(emptied.status).to.equal(400);
      const audit = await http.get(`/api/v1/audit?caseId=${caseId}`).set(users.admin.auth);
      expect(
        audit.body.events.map((e: { action: string; entityId: string }) => `${e.action}:${e.entityId}`),
      ).to.include(`criterion.update:${made.body.id}`);
    },
  );

  it(
    'when several people change the same criterion at once from the same version, ' + 'then exactly one change is kept',
    async () => {
      const g = await createGuideline(http, users.clinician);
      const made = await attach({ guidelineId: g.id, status: 'not_met' });
      const url = `/api/v1/cases/${caseId}/criteria/${made.body.id}`;
      const statements = ['A', 'B', 'C', 'D', 'E'].map((x) => `Statement ${x}`);
      const results = await Promise.all(
        statements.map((statement) =>
          http
            .patch(url)
            .set(users.director.auth)
            .send({ version: 0, status: 'met', evidence: [{ statement }] }),
        ),
      );
      expect(results.map((r) => r.status).sort()).to.deep.equal([200, 409, 409, 409, 409]);
      const winner = results.find((r) => r.status === 200)!;
      const now = (await criteria()).find((c) => c.id === made.body.id) as unknown as {
        version: number;
        evidence: { statement: string }[];
      };
      expect(now.version).to.equal(1);
      expect(now.evidence).to.deep.equal(winner.body.evidence);
    },
  );

  it(
    'when the library entry is corrected later, then the attached criterion keeps ' + 'its text until refreshed',
    async () => {
      const g = await createGuideline(http, users.clinician);
      const made = await attach({ guidelineId: g.id, status: 'not_met' });
      await http
        .patch(`/api/v1/guidelines/${g.id}`)
        .set(users.clinician.auth)
        .send({ revision: 0, criterionText: 'Revised wording.', version: 'Ambulatory Care 28th ed.' });
      const kept = (await criteria()).find((c) => c.id === made.body.id) as unknown as {
        guideline: { criterionText: string; revision: number };
        citation: string;
      };
      expect(kept.guideline.criterionText).to.equal(made.body.guideline.criterionText);
      expect(kept.citation).to.equal(g.citation);
      const refreshed = await http
        .patch(`/api/v1/cases/${caseId}/criteria/${made.body.id}`)
        .set(users.clinician.auth)
        .send({ version: 0, refreshGuideline: true });
      expect(refreshed.status).to.equal(200);
      expect(refreshed.body.guideline).to.include({ criterionText: 'Revised wording.', revision: 1 });
      expect(refreshed.body.citation).to.include('28th ed.');
    },
  );

  it(
    'when a criterion attached by mistake is removed with its version, then it ' +
      'is gone; a stale version is refused',
    async () => {
      const g = await createGuideline(http, users.clinician);
      const made = await attach({ guidelineId: g.id, status: 'not_met' });
      const url = `/api/v1/cases/${caseId}/criteria/${made.body.id}`;
      expect((await http.delete(`${url}?version=3`).set(users.clinician.auth)).status).to.equal(409);
      expect((await http.delete(`${url}?version=0`).set(users.clinician.auth)).status).to.equal(204);
      expect((await criteria()).map((c) => c.id)).not.to.include(made.body.id);
    },
  );

  it(
    'when billing or a clinician outside the case tries to judge criteria, then ' +
      '403 or 404; billing still reads them',
    async () => {
      const g = await createGuideline(http, users.clinician);
      expect((await attach({ guidelineId: g.id, status: 'not_met' }, users.billing)).status).to.equal(403);
      const stranger = await makeUsers();
      expect((await attach({ guidelineId: g.id, status: 'not_met' }, stranger.clinician)).status).to.equal(404);
      expect((await http.get(`/api/v1/cases/${caseId}/criteria`).set(stranger.clinician.auth)).status).to.equal(404);
      expect((await http.get(`/api/v1/cases/${caseId}/criteria`).set(users.billing.auth)).status).to.equal(200);
    },
  );
});
