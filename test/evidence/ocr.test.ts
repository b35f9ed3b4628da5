import { expect } from 'chai';
import { makeUsers } from '../support/app.js';
import { evidenceApp, openCase, notePdf, PROGRESS_NOTE, upload, fixture } from './support.js';
import { locateQuote, readDocumentText } from '../../server/evidence/index.js';
import { textReadingSettled } from '../../server/evidence/text-reading.service.js';
import type { TextProgress } from '../../server/evidence/document-reading.js';
import { DocumentPageModel, EvidenceDocumentModel } from '../../server/evidence/evidence-document.model.js';
import { unsureSpans } from '../../server/evidence/ocr-engine.js';
import { makeWebUser, signedInAgent } from '../web/web-support.js';

/** Fixtures made by test/fixtures/evidence/make-scans.ts: a scanned slip with a progress note, and its blank back. */
const SCANNED_NOTE = 'scanned-note.jpg';
const NOTE_AND_BLANK = 'scanned-note-and-blank.pdf';

describe('evidence: OCR of scanned records', function () {
  // OCR of a page takes seconds on a busy machine; these tests wait for it, they do not time it.
  this.timeout(180_000);
  const { app, http, config } = evidenceApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  const documentOf = (caseId: string, id: string) =>
    http.get(`/api/v1/cases/${caseId}/documents/${id}`).set(users.clinician.auth);
  const textOf = (caseId: string, id: string) =>
    http.get(`/api/v1/cases/${caseId}/documents/${id}/text`).set(users.clinician.auth);

  it(
    'when a scanned progress note is uploaded, then the upload answers at once with OCR on page 1 of 1, ' +
      'and once read the note is searchable and quotable across its line-end hyphen, but not with a word changed',
    async () => {
      const caseId = await openCase(http, users.clinician);
      const res = await upload(http, caseId, users.clinician, {
        bytes: await fixture(SCANNED_NOTE),
        filename: 'scan.jpg',
        contentType: 'image/jpeg',
        title: 'Spine clinic note (scan)',
        kind: 'progress_note',
        date: '2026-10-02',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.textProgress).to.deep.equal({ page: 1, pageCount: 1 });

      await textReadingSettled();
      const doc = await documentOf(caseId, res.body.id);
      expect(doc.body).to.not.have.property('textProgress');
      expect(doc.body).to.not.have.property('textFlag');
      const text = await textOf(caseId, res.body.id);
      expect(text.body.pages).to.have.length(1);
      expect(text.body.pages[0]).to.include({ page: 1, source: 'ocr' });
      expect(text.body.pages[0].confidence).to.be.within(60, 100);
      expect(text.body.pages[0].text).to.include('Eight weeks of supervised physical');
      // Where Tesseract was unsure is kept with the page, for rating what is read from it; not shown with the text.
      expect(text.body.pages[0]).to.not.have.property('unsure');
      const stored = await DocumentPageModel.findOne({ documentId: res.body.id, page: 1 }).lean();
      expect(stored!.unsure).to.be.an('array');
      for (const { start, end } of stored!.unsure!) expect(stored!.text.slice(start, end)).to.match(/^\S+$/);

      const search = await http
        .post(`/api/v1/cases/${caseId}/documents/search`)
        .set(users.clinician.auth)
        .send({ q: 'course of naproxen' });
      expect(search.status, JSON.stringify(search.body)).to.equal(200);
      expect(search.body.matches).to.have.length(1);
      expect(search.body.matches[0]).to.include({ documentId: res.body.id, page: 1 });
      // "medi-" ends a line of the scan and "cally" starts the next: either reading is the page's.
      expect(await locateQuote(res.body.id, 'is now considered medically necessary')).to.equal(1);
      expect(await locateQuote(res.body.id, 'is now considered medi-cally necessary')).to.equal(1);
      expect(await locateQuote(res.body.id, 'is now considered surgically necessary')).to.equal(null);
      expect(await locateQuote(res.body.id, 'is now considered medical necessary')).to.equal(null);
    },
  );

  it(
    'when a scanned PDF’s second page is blank, then page 1 is read by OCR and the document says ' +
      '"page 2 has no readable text", in its details and in the case’s document list',
    async () => {
      const caseId = await openCase(http, users.clinician);
      const res = await upload(http, caseId, users.clinician, {
        bytes: await fixture(NOTE_AND_BLANK),
        filename: 'scan.pdf',
        title: 'Spine clinic note, both sides',
        kind: 'progress_note',
        date: '2026-10-02',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({ pageCount: 2 });
      expect(res.body.textProgress).to.deep.equal({ page: 1, pageCount: 2 });

      await textReadingSettled();
      const doc = await documentOf(caseId, res.body.id);
      expect(doc.body.textFlag).to.equal('page 2 has no readable text');
      const list = await http.get(`/api/v1/cases/${caseId}/documents`).set(users.clinician.auth);
      expect(list.body.documents[0]).to.include({ id: res.body.id, textFlag: 'page 2 has no readable text' });
      const text = await textOf(caseId, res.body.id);
      expect(text.body.pages.map((p: { page: number; source: string }) => [p.page, p.source])).to.deep.equal([
        [1, 'ocr'],
        [2, 'ocr'],
      ]);
      expect(text.body.pages[0].text).to.include('decompression at L4-L5');
      expect(text.body.pages[1].text).to.equal('');
    },
  );

  it('when Tesseract was unsure of a word printed twice, then its span is that reading, not the other', () => {
    const text = 'Member: Osei\nPatient: Osei  Date';
    const words = [
      { text: 'Member:', confidence: 96 },
      { text: 'Osei', confidence: 93 },
      { text: 'Patient:', confidence: 95 },
      { text: 'Osei', confidence: 41 },
      { text: 'Date', confidence: 96 },
    ];
    expect(unsureSpans(text, words, 85)).to.deep.equal([{ start: 22, end: 26 }]);
  });

  it('when a typed PDF with a text layer is uploaded, then its pages come from the text layer, never OCR', async () => {
    const caseId = await openCase(http, users.clinician);
    const res = await upload(http, caseId, users.clinician, {
      bytes: await notePdf(PROGRESS_NOTE),
      title: 'PM&R note',
      kind: 'progress_note',
      date: '2026-10-01',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.not.have.property('textProgress');
    const text = await textOf(caseId, res.body.id);
    expect(text.body.pages).to.have.length(2);
    for (const page of text.body.pages) {
      expect(page.source).to.equal('text_layer');
      expect(page).to.not.have.property('confidence');
    }
  });

  it(
    'when another domain reads a scanned PDF with readDocumentText, then it is told each page as OCR starts on it ' +
      'and gets every page with its source and confidence',
    async () => {
      const told: TextProgress[] = [];
      const read = await readDocumentText(await fixture(NOTE_AND_BLANK), config, {
        onProgress: (progress) => told.push(progress),
      });
      expect(told).to.deep.equal([
        { page: 1, pageCount: 2 },
        { page: 2, pageCount: 2 },
      ]);
      expect(read).to.include({ mediaType: 'application/pdf', pageCount: 2, textFlag: 'page 2 has no readable text' });
      expect(read.pages.map((p) => p.source)).to.deep.equal(['ocr', 'ocr']);
      expect(read.pages[0].confidence).to.be.within(60, 100);
      expect(read.pages[0].text).to.include('Surgical');
    },
  );

  it('when OCR is on page 3 of a 12-page scan, the case file says "reading text… page 3 of 12"', async () => {
    const clinician = await makeWebUser('clinician');
    const caseId = await openCase(http, clinician);
    const res = await upload(http, caseId, clinician, {
      bytes: await notePdf(PROGRESS_NOTE),
      title: 'Outside records (scan)',
      kind: 'prior_treatment_history',
      date: '2026-09-30',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    // Where a long reading stands is set directly: the page shows what the record says, whenever it is read.
    await EvidenceDocumentModel.updateOne({ _id: res.body.id }, { $set: { textProgress: { page: 3, pageCount: 12 } } });
    const { agent } = await signedInAgent(app, clinician);
    const page = await agent.get(`/cases/${caseId}`);
    expect(page.status).to.equal(200);
    // The row of the document list (its title is also offered in the evidence pickers above it).
    const row = page.text.split('<tr>').find((r) => r.includes('>Outside records (scan)</a>'));
    expect(row).to.contain('reading text… page 3 of 12');
    const api = await http.get(`/api/v1/cases/${caseId}/documents/${res.body.id}`).set(clinician.auth);
    expect(api.body.textProgress).to.deep.equal({ page: 3, pageCount: 12 });
  });
});
