import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { makeUsers } from '../support/app.js';
import { textReadingSettled } from '../../server/evidence/text-reading.service.js';
import { evidenceApp, openCase, notePdf, PROGRESS_NOTE, upload, fixture, sha256, binary } from './support.js';

describe('evidence: uploading and reading clinical records', () => {
  const { http, config } = evidenceApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  it(
    'when billing uploads a two-page progress note PDF, then it is stored under ' +
      'its SHA-256 with its real page count and its text by page',
    async () => {
      const caseId = await openCase(http, users.billing);
      const pdf = await notePdf([[...PROGRESS_NOTE[0], `ref ${crypto.randomUUID()}`], PROGRESS_NOTE[1]]);
      const res = await upload(http, caseId, users.billing, {
        bytes: pdf,
        filename: 'Alvarez Maria progress note.pdf',
        title: 'Progress note, PM&R',
        kind: 'progress_note',
        date: '2026-10-01',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({
        caseId,
        title: 'Progress note, PM&R',
        kind: 'progress_note',
        date: '2026-10-01',
        mediaType: 'application/pdf',
        sha256: sha256(pdf),
        size: pdf.length,
        pageCount: 2,
        uploadedById: users.billing.id,
      });
      expect(res.body.id).to.match(/^[0-9a-f]{24}$/);
      expect(JSON.stringify(res.body)).not.to.include('Alvarez');
      const stored = path.join(config.uploadDir, sha256(pdf).slice(0, 2), sha256(pdf));
      expect((await fs.readFile(stored)).equals(pdf)).to.equal(true);

      const text = await http.get(`/api/v1/cases/${caseId}/documents/${res.body.id}/text`).set(users.billing.auth);
      expect(text.status).to.equal(200);
      expect(text.body.pages.map((p: { page: number }) => p.page)).to.deep.equal([1, 2]);
      const flat = (s: string) => s.replace(/\s+/g, ' ');
      expect(flat(text.body.pages[0].text)).to.include('Completed 8 weeks of supervised physical therapy');
      expect(flat(text.body.pages[1].text)).to.include('straight-leg raise positive at 30 degrees');
    },
  );

  it(
    'when a plain-text note, a PNG scan and a JPEG scan are uploaded, then each ' + 'is recognised by its bytes',
    async () => {
      const caseId = await openCase(http, users.billing);
      const note = Buffer.from(
        `PT discharge summary — Tomás H.\r\nAttended 16 visits over 8 weeks.\r\nPain ` +
          `6/10 → 6/10; no functional gain. ${crypto.randomUUID()}\r\n`,
        'utf8',
      );
      const txt = await upload(http, caseId, users.billing, {
        bytes: note,
        filename: 'pt.txt',
        contentType: 'text/plain',
        title: 'PT discharge summary',
        kind: 'prior_treatment_history',
        date: '2026-09-28',
      });
      expect(txt.status, JSON.stringify(txt.body)).to.equal(201);
      expect(txt.body).to.include({ mediaType: 'text/plain', pageCount: 1 });

      const png = await upload(http, caseId, users.billing, {
        bytes: await fixture('scanned-log.png'),
        filename: 'scan.png',
        contentType: 'image/png',
        title: 'Home exercise log',
        kind: 'other',
        date: '2026-09-20',
      });
      expect(png.status, JSON.stringify(png.body)).to.equal(201);
      expect(png.body).to.include({ mediaType: 'image/png', pageCount: 1 });
      expect(png.body.width).to.be.greaterThan(0);

      // Sent with no type at all: the content decides.
      const jpg = await upload(http, caseId, users.billing, {
        bytes: await fixture('scanned-log.jpg'),
        filename: 'scan',
        contentType: 'application/octet-stream',
        title: 'Home exercise log (photo)',
        kind: 'other',
        date: '2026-09-21',
      });
      expect(jpg.status, JSON.stringify(jpg.body)).to.equal(201);
      expect(jpg.body).to.include({ mediaType: 'image/jpeg', pageCount: 1 });

      const list = await http.get(`/api/v1/cases/${caseId}/documents`).set(users.billing.auth);
      expect(list.body.documents.map((d: { title: string }) => d.title)).to.deep.equal([
        'Home exercise log',
        'Home exercise log (photo)',
        'PT discharge summary',
      ]);
      const text = await http.get(`/api/v1/cases/${caseId}/documents/${txt.body.id}/text`).set(users.billing.auth);
      expect(text.body.pages[0].text).to.equal(note.toString('utf8').trim().replace(/\r\n/g, '\n'));
      // A scan's text is read by OCR after the upload has answered (test/evidence/ocr.test.ts).
      expect(png.body.textProgress).to.deep.equal({ page: 1, pageCount: 1 });
      await textReadingSettled();
      const scanText = await http.get(`/api/v1/cases/${caseId}/documents/${png.body.id}/text`).set(users.billing.auth);
      expect(scanText.body.pages.map((p: { source: string }) => p.source)).to.deep.equal(['ocr']);
    },
  );

  it(
    'when a long text note has no form feeds, then it is cut into pages of about ' +
      '50 lines, and form feeds start a new page',
    async () => {
      const caseId = await openCase(http, users.billing);
      const lines = Array.from({ length: 120 }, (_, i) => `Line ${i + 1}: vitals stable.`);
      const note = Buffer.from(`${lines.join('\n')}\fAddendum ${crypto.randomUUID()}`);
      const res = await upload(http, caseId, users.billing, {
        bytes: note,
        filename: 'long.txt',
        contentType: 'text/plain',
        title: 'Nursing notes',
        kind: 'progress_note',
        date: '2026-10-02',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.pageCount).to.equal(4);
      const page3 = await http
        .get(`/api/v1/cases/${caseId}/documents/${res.body.id}/text?page=3`)
        .set(users.billing.auth);
      expect(page3.body.pages).to.have.length(1);
      expect(page3.body.pages[0].text.split('\n')[0]).to.equal('Line 101: vitals stable.');
      const page4 = await http
        .get(`/api/v1/cases/${caseId}/documents/${res.body.id}/text?page=4`)
        .set(users.billing.auth);
      expect(page4.body.pages[0].text).to.match(/^Addendum/);
    },
  );

  it(
    'when the original is downloaded, then the bytes are identical, typed by ' +
      'content, named by case reference and document id, and the download is audited',
    async () => {
      const caseId = await openCase(http, users.billing);
      const pdf = await notePdf([[...PROGRESS_NOTE[0], crypto.randomUUID()]]);
      const up = await upload(http, caseId, users.billing, {
        bytes: pdf,
        filename: 'Maria Alvarez.pdf',
        title: 'Progress note',
        kind: 'progress_note',
        date: '2026-10-01',
      });
      const reference = (await http.get(`/api/v1/cases/${caseId}`).set(users.billing.auth)).body.reference;
      const res = await http
        .get(`/api/v1/cases/${caseId}/documents/${up.body.id}/content`)
        .set(users.billing.auth)
        .buffer(true)
        .parse(binary);
      expect(res.status).to.equal(200);
      expect(sha256(res.body as Buffer)).to.equal(up.body.sha256);
      expect(res.headers['content-type']).to.equal('application/pdf');
      expect(res.headers['content-disposition']).to.equal(`attachment; filename="${reference}-${up.body.id}.pdf"`);
      expect(res.headers['cache-control']).to.equal('private, no-store');

      const inline = await http
        .get(`/api/v1/cases/${caseId}/documents/${up.body.id}/content?inline=true`)
        .set(users.billing.auth)
        .buffer(true)
        .parse(binary);
      expect(inline.headers['content-disposition']).to.match(/^inline; /);

      const audit = await http.get(`/api/v1/audit?caseId=${caseId}`).set(users.admin.auth);
      const actions = audit.body.events.map(
        (e: { action: string; entityId: string; actorId: string }) => `${e.action}:${e.entityId}:${e.actorId}`,
      );
      expect(actions).to.include(`document.upload:${up.body.id}:${users.billing.id}`);
      expect(actions.filter((a: string) => a === `document.download:${up.body.id}:${users.billing.id}`)).to.have.length(
        2,
      );
    },
  );

  it(
    'when documents are listed, then they come by record date, then upload time, ' + 'and the read is audited',
    async () => {
      const caseId = await openCase(http, users.billing);
      const later = await upload(http, caseId, users.billing, {
        bytes: await notePdf([[`Imaging report ${crypto.randomUUID()}`]]),
        title: 'X-ray lumbar spine',
        kind: 'imaging_report',
        date: '2026-10-05',
      });
      const earlier = await upload(http, caseId, users.billing, {
        bytes: await notePdf([[`Lab result ${crypto.randomUUID()}`]]),
        title: 'ESR and CRP',
        kind: 'lab_result',
        date: '2026-09-01',
      });
      const list = await http.get(`/api/v1/cases/${caseId}/documents`).set(users.billing.auth);
      expect(list.status).to.equal(200);
      expect(list.body.documents.map((d: { id: string }) => d.id)).to.deep.equal([earlier.body.id, later.body.id]);
      const audit = await http.get(`/api/v1/audit?caseId=${caseId}`).set(users.admin.auth);
      expect(audit.body.events.map((e: { action: string }) => e.action)).to.include('document.list');
    },
  );

  it(
    'when the same bytes are uploaded to two cases, then one file is kept and ' +
      'each case has its record; twice to one case is refused with 409',
    async () => {
      const first = await openCase(http, users.billing);
      const second = await openCase(http, users.billing);
      const pdf = await notePdf([[`Letter of medical necessity ${crypto.randomUUID()}`]]);
      const fields = {
        bytes: pdf,
        title: 'Letter of medical necessity',
        kind: 'letter_of_medical_necessity',
        date: '2026-10-10',
      };
      expect((await upload(http, first, users.billing, fields)).status).to.equal(201);
      expect((await upload(http, second, users.billing, fields)).status).to.equal(201);
      const again = await upload(http, first, users.billing, fields);
      expect(again.status).to.equal(409);
      expect(again.body.code).to.equal('DOCUMENT_ALREADY_ON_CASE');
      expect(again.body.documentId).to.match(/^[0-9a-f]{24}$/);
      const dir = path.join(config.uploadDir, sha256(pdf).slice(0, 2));
      expect((await fs.readdir(dir)).filter((f) => f === sha256(pdf))).to.have.length(1);
    },
  );

  it(
    'when a user searches a case for words, then every passage with its document ' +
      'and page comes back, layout and letter case aside',
    async () => {
      const caseId = await openCase(http, users.billing);
      const pdf = await notePdf([[`Intake ${crypto.randomUUID()}`], PROGRESS_NOTE[0], PROGRESS_NOTE[1]]);
      const up = await upload(http, caseId, users.billing, {
        bytes: pdf,
        title: 'Progress note',
        kind: 'progress_note',
        date: '2026-10-01',
      });
      const other = await upload(http, caseId, users.billing, {
        bytes: await notePdf([[`Second ${crypto.randomUUID()}`, 'Diminished left ankle reflex again noted.']]),
        title: 'Follow-up note',
        kind: 'progress_note',
        date: '2026-10-20',
      });
      const found = await http
        .post(`/api/v1/cases/${caseId}/documents/search`)
        .set(users.billing.auth)
        .send({ q: 'SUPERVISED   physical therapy' });
      expect(found.status).to.equal(200);
      expect(found.body.matches).to.have.length(1);
      expect(found.body.matches[0]).to.include({ documentId: up.body.id, page: 2 });
      expect(found.body.matches[0].passage).to.include('Completed 8 weeks of supervised physical therapy');
      const acrossCase = await http
        .post(`/api/v1/cases/${caseId}/documents/search`)
        .set(users.billing.auth)
        .send({ q: 'ankle reflex' });
      expect(
        acrossCase.body.matches.map((m: { documentId: string; page: number }) => [m.documentId, m.page]).sort(),
      ).to.deep.equal(
        [
          [other.body.id, 1],
          [up.body.id, 3],
        ].sort(),
      );
      const inDoc = await http
        .post(`/api/v1/cases/${caseId}/documents/search`)
        .set(users.billing.auth)
        .send({ q: 'ankle reflex', documentId: up.body.id });
      expect(
        inDoc.body.matches.map((m: { documentId: string; page: number; passage: string }) => [
          m.documentId,
          m.page,
          m.passage,
        ]),
      ).to.deep.equal([
        [
          up.body.id,
          3,
          'Examination: straight-leg raise positive at 30 degrees on the left; diminished ' +
            'left ankle reflex. Plan: MRI lumbar spine without contrast to evaluate for ' +
            'L5-S1 disc herniation before epidural steroid injection.',
        ],
      ]);
    },
  );

  it(
    'when search words are put in a URL, then they are refused with where to ' +
      'send them; a document of another case is not found',
    async () => {
      const caseId = await openCase(http, users.billing);
      const inUrl = await http
        .get(`/api/v1/cases/${caseId}/documents/${'0'.repeat(24)}/text`)
        .query({ q: 'ankle reflex' })
        .set(users.billing.auth);
      expect(inUrl.status).to.equal(400);
      expect(inUrl.body.errors[0]).to.include({ field: 'query.q' });
      expect(inUrl.body.errors[0].message).to.contain('POST /api/v1/cases/:caseId/documents/search');
      const elsewhere = await openCase(http, users.billing);
      const up = await upload(http, elsewhere, users.billing, {
        bytes: await notePdf([[`Other ${crypto.randomUUID()}`]]),
        title: 'Note',
        kind: 'progress_note',
        date: '2026-10-01',
      });
      const res = await http
        .post(`/api/v1/cases/${caseId}/documents/search`)
        .set(users.billing.auth)
        .send({ q: 'Other', documentId: up.body.id });
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal('DOCUMENT_NOT_FOUND');
    },
  );
});

describe('evidence: the API description', () => {
  it(
    'when the OpenAPI document is read, then the upload is described as multipart ' +
      'with a binary file, title, kind and date',
    async () => {
      const { http } = evidenceApp();
      const { billing } = await makeUsers();
      const res = await http.get('/api/v1/openapi.json').set(billing.auth);
      const upload = res.body.paths['/api/v1/cases/{caseId}/documents'].post;
      const schema = upload.requestBody.content['multipart/form-data'].schema;
      expect(schema.properties.file).to.include({ type: 'string', format: 'binary' });
      expect(schema.required).to.deep.equal(['title', 'kind', 'date']);
      expect(
        res.body.paths['/api/v1/cases/{caseId}/documents/{documentId}/content'].get.responses['200'].content,
      ).to.have.property('application/octet-stream');
    },
  );
});
