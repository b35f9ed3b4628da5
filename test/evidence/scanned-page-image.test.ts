import { expect } from 'chai';
import PDFDocument from 'pdfkit';
import { onlyImageDrawn } from '../../server/evidence/scanned-page-image.js';
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

describe('evidence: a scanned PDF page read from its own image', () => {
  describe('which pages are only one image', () => {
    it('when a page only places one image upright (as pdfkit and scanners write it), then that image is found', () => {
      const drawn = onlyImageDrawn('1 0 0 -1 0 792 cm\nq\n612 0 0 -792 0 792 cm\n/I2 Do\nQ\n');
      expect(drawn).to.deep.equal({ name: 'I2', matrix: [612, 0, 0, 792, 0, 0] });
      expect(onlyImageDrawn('q 2550 0 0 3300 0 0 cm /Im0 Do Q')).to.deep.include({ name: 'Im0' });
    });

    it('when a page draws text, a path, a second image or an inline image beside its scan, then it is more', () => {
      const scan = 'q 612 0 0 792 0 0 cm /I1 Do Q';
      expect(onlyImageDrawn(`${scan} BT /F1 12 Tf (Faxed) Tj ET`)).to.equal(undefined);
      expect(onlyImageDrawn(`${scan} 10 10 50 20 re S`)).to.equal(undefined);
      expect(onlyImageDrawn(`${scan} q 10 0 0 10 0 0 cm /I2 Do Q`)).to.equal(undefined);
      expect(onlyImageDrawn(`${scan} BI /W 1 /H 1 ID x EI`)).to.equal(undefined);
      expect(onlyImageDrawn('q 612 0 0 792 0 0 cm Q')).to.equal(undefined);
      expect(onlyImageDrawn('Q q 612 0 0 792 0 0 cm /I1 Do')).to.equal(undefined);
    });
  });

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
