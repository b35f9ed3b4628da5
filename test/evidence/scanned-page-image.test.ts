import { expect } from 'chai';
import PDFDocument from 'pdfkit';
import { readDocumentText } from '../../server/evidence/index.js';
import { loadTestConfig } from '../../server/config.js';
import { fixture } from './support.js';

/** A one-page PDF of the scanned slip (200 dpi JPEG), with `extra` drawn on the page after it. */
async function slipPdf(extra: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const jpeg = await fixture('scanned-note.jpg');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [612, 216], margin: 0, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.image(jpeg, 0, 0, { width: 612, height: 216 });
    extra(doc);
    doc.end();
  });
}

describe('evidence: a scanned PDF page read by OCR', () => {
  describe('reading', function () {
    // OCR of a page takes seconds on a busy machine; these tests wait for it, they do not time it.
    this.timeout(180_000);
    const config = loadTestConfig();

    it('when a scan is the whole page, or has a mark drawn on it (pdf.js draws it), both read alike', async () => {
      const alone = await readDocumentText(await slipPdf(() => {}), config);
      // A fax header's rule in the margin: the page is no longer only its image.
      const marked = await readDocumentText(
        await slipPdf((doc) => doc.moveTo(18, 4).lineTo(90, 4).lineWidth(0.5).stroke()),
        config,
      );
      for (const read of [alone, marked]) {
        expect(read.pages).to.have.length(1);
        expect(read.pages[0]).to.include({ source: 'ocr' });
        expect(read.pages[0].text).to.include('decompression at L4-L5');
        expect(read.pages[0].text).to.include('Eight weeks of supervised physical');
      }
    });
  });
});
