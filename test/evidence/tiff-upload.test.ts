import { expect } from 'chai';
import { makeUsers } from '../support/app.js';
import { faxTiff, scannedJpegs, scannerTiff } from '../support/fax-tiff.js';
import { evidenceApp, openCase, upload, fixture, sha256 } from './support.js';
import { textReadingSettled } from '../../server/evidence/text-reading.service.js';
import type { TextProgress } from '../../server/evidence/document-reading.js';
import { EvidenceDocumentModel } from '../../server/evidence/evidence-document.model.js';
import { readDocumentText } from '../../server/evidence/index.js';

describe('evidence: TIFF scans and faxes', function () {
  // OCR of a page takes seconds on a busy machine; these tests wait for it, they do not time it.
  this.timeout(240_000);
  const { http, config } = evidenceApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  let noteAndBlank: Buffer[];
  before(async () => {
    users = await makeUsers();
    // The scanned slip and its blank back (make-scans.ts), each a 200 dpi JPEG page of the PDF.
    noteAndBlank = await scannedJpegs(await fixture('scanned-note-and-blank.pdf'));
  });

  const textOf = (caseId: string, id: string) =>
    http.get(`/api/v1/cases/${caseId}/documents/${id}/text`).set(users.clinician.auth);

  it(
    'when a two-page G4 fax is uploaded, then it is kept as a TIFF of 2 pages, read page by page with ' +
      'progress, its note searchable, and its blank back flagged "page 2 has no readable text"',
    async () => {
      const fax = await faxTiff(noteAndBlank);
      const caseId = await openCase(http, users.clinician);
      const res = await upload(http, caseId, users.clinician, {
        bytes: fax,
        filename: 'fax.tif',
        contentType: 'image/tiff',
        title: 'Spine clinic note (fax)',
        kind: 'progress_note',
        date: '2026-10-02',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({ mediaType: 'image/tiff', pageCount: 2, sha256: sha256(fax) });
      expect(res.body.textProgress).to.deep.equal({ page: 1, pageCount: 2 });
      await textReadingSettled();

      const details = await http.get(`/api/v1/cases/${caseId}/documents/${res.body.id}`).set(users.clinician.auth);
      expect(details.body).to.include({ textFlag: 'page 2 has no readable text', pageCount: 2 });
      expect(details.body).to.not.have.property('textProgress');
      const text = await textOf(caseId, res.body.id);
      expect(text.body.pages.map((p: { page: number; source: string }) => [p.page, p.source])).to.deep.equal([
        [1, 'ocr'],
        [2, 'ocr'],
      ]);
      expect(text.body.pages[0].confidence).to.be.within(60, 100);
      expect(text.body.pages[0].text).to.include('Eight weeks of supervised physical');
      expect(text.body.pages[1].text.trim()).to.equal('');

      const search = await http
        .post(`/api/v1/cases/${caseId}/documents/search`)
        .set(users.clinician.auth)
        .send({ q: 'course of naproxen' });
      expect(
        search.body.matches.map((m: { documentId: string; page: number }) => [m.documentId, m.page]),
      ).to.deep.equal([[res.body.id, 1]]);
      const download = await http
        .get(`/api/v1/cases/${caseId}/documents/${res.body.id}/content`)
        .set(users.clinician.auth)
        .buffer(true)
        .parse((stream, done) => {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(download.headers['content-type']).to.match(/^image\/tiff/);
      expect(sha256(download.body as Buffer)).to.equal(sha256(fax));

      // The progress a reader is told, page by page ("reading text… page 2 of 2").
      const told: TextProgress[] = [];
      const read = await readDocumentText(fax, config, { onProgress: (progress) => told.push(progress) });
      expect(told).to.deep.equal([
        { page: 1, pageCount: 2 },
        { page: 2, pageCount: 2 },
      ]);
      expect(read.textFlag).to.equal('page 2 has no readable text');
    },
  );

  it('when a greyscale LZW scan and an uncompressed RGB scan arrive as TIFF, then each is read by OCR', async () => {
    const caseId = await openCase(http, users.clinician);
    const note = [noteAndBlank[0]];
    for (const [k, look] of [
      { colour: 'grey', compression: 'lzw' },
      { colour: 'rgb', compression: 'none' },
    ].entries()) {
      const res = await upload(http, caseId, users.clinician, {
        bytes: await scannerTiff(note, look as Parameters<typeof scannerTiff>[1]),
        filename: `scan-${k}.tiff`,
        contentType: 'application/octet-stream',
        title: `Spine clinic note (scan ${k + 1})`,
        kind: 'progress_note',
        date: '2026-10-02',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({ mediaType: 'image/tiff', pageCount: 1 });
      await textReadingSettled();
      const text = await textOf(caseId, res.body.id);
      expect(text.body.pages[0]).to.include({ page: 1, source: 'ocr' });
      expect(text.body.pages[0].text).to.include('course of naproxen');
    }
  });

  it('when a file named .tif is a PDF, or no TIFF at all, then 415 problem+json says what its content is', async () => {
    const caseId = await openCase(http, users.clinician);
    const fields = { title: 'Fax', kind: 'payer_correspondence', date: '2026-10-02', filename: 'fax.tif' };
    const pdf = await fixture('scanned-note-and-blank.pdf');
    const asPdf = await upload(http, caseId, users.clinician, { ...fields, bytes: pdf, contentType: 'image/tiff' });
    expect(asPdf.status).to.equal(415);
    expect(asPdf.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(asPdf.body).to.include({ code: 'UNSUPPORTED_MEDIA_TYPE', detectedType: 'application/pdf' });
    expect(asPdf.body.detail).to.equal('The file was sent as image/tiff, but its content is a PDF (application/pdf)');

    const noise = Buffer.from([0x49, 0x49, 0x2b, 0x01, 0xff, 0xfe, 0x00, 0x07, 0x80, 0x81, 0x90]);
    const binary = await upload(http, caseId, users.clinician, { ...fields, bytes: noise });
    expect(binary.status).to.equal(415);
    expect(binary.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(binary.body.detail).to.include('a PDF, a PNG, JPEG or TIFF image, or UTF-8 plain text');
    const list = await http.get(`/api/v1/cases/${caseId}/documents`).set(users.clinician.auth);
    expect(list.body.documents ?? list.body).to.have.length(0);
  });

  it('when a fax TIFF is cut off in transfer, then 422 DAMAGED_IMAGE asks for it again, nothing kept', async () => {
    const fax = await faxTiff(noteAndBlank);
    const caseId = await openCase(http, users.clinician);
    // Cut before its first page's directory (written after the page's image), and in its second page.
    for (const [share, reason] of [
      [0.3, 'the image is incomplete'],
      [0.9, 'page 2 is incomplete'],
    ] as const) {
      const res = await upload(http, caseId, users.clinician, {
        bytes: fax.subarray(0, Math.floor(fax.length * share)),
        filename: 'fax.tif',
        contentType: 'image/tiff',
        title: 'Fax',
        kind: 'payer_correspondence',
        date: '2026-10-02',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.body).to.include({
        code: 'DAMAGED_IMAGE',
        detail: `The image cannot be used: ${reason}. Scan or export it again.`,
      });
    }
    expect(await EvidenceDocumentModel.countDocuments({ caseId })).to.equal(0);
  });
});
