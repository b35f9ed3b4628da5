import { expect } from 'chai';
import { PDFDocument, PDFDict, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { assemblePacket, type ExhibitSource } from '../../server/packets/packet-pdf.js';
import { parseMarkup } from '../../server/platform/pdf/index.js';
import { faxTiff, scannedJpegs } from '../support/fax-tiff.js';
import { fixture } from '../evidence/support.js';
import { pdfPagesText } from './pdf-text.js';

const meta = {
  title: 'OVT-2026-00031 – Medical necessity appeal packet',
  author: 'Northside Spine & Rehabilitation',
  createdAt: new Date('2026-11-23T14:00:00Z'),
};
const letter = parseMarkup('<h1>Request for reconsideration</h1><p>The enclosed fax shows the plan of care.</p>');

/** The pixel size of each image drawn on `page` of `pdf` (1-based). */
async function imagesOnPage(pdf: Buffer, page: number): Promise<Array<{ width: number; height: number }>> {
  const doc = await PDFDocument.load(pdf);
  const xObjects = doc
    .getPage(page - 1)
    .node.Resources()
    ?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  return (xObjects?.values() ?? [])
    .map((ref) => doc.context.lookup(ref))
    .filter(
      (o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    )
    .map((image) => ({
      width: image.dict.lookup(PDFName.of('Width'), PDFNumber).asNumber(),
      height: image.dict.lookup(PDFName.of('Height'), PDFNumber).asNumber(),
    }));
}

describe('packets: a TIFF exhibit (a fax)', () => {
  it(
    'when a two-page fax in standard mode is an exhibit, then it takes two packet pages, the index says 2, ' +
      'each page shows its fax page unsquashed, and the packet assembled again is byte-identical',
    async () => {
      // The scanned slip and its blank back, faxed at 204 × 98 dpi: pixels twice as tall as wide.
      const fax = await faxTiff(await scannedJpegs(await fixture('scanned-note-and-blank.pdf')), { mode: 'standard' });
      const exhibits: ExhibitSource[] = [
        {
          title: 'Faxed progress note',
          kind: 'progress_note',
          date: '2026-10-02',
          mediaType: 'image/tiff',
          bytes: fax,
        },
      ];
      const parts = { reference: 'OVT-2026-00031', letter, exhibits, meta, fileId: '00112233445566778899aabbccddeeff' };
      const packet = await assemblePacket(parts);

      expect(packet.exhibits).to.deep.equal([{ startPage: packet.letterPages + packet.indexPages + 1, pageCount: 2 }]);
      expect(packet.pageCount).to.equal(packet.letterPages + packet.indexPages + 2);
      const pages = await pdfPagesText(packet.pdf);
      expect(pages).to.have.length(packet.pageCount);
      expect(pages[packet.letterPages].replace(/\s+/g, ' ')).to.match(
        new RegExp(`1 Faxed progress note .*? 2 ${packet.exhibits[0].startPage}\\b`),
      );
      const start = packet.exhibits[0].startPage;
      for (const page of [start, start + 1]) {
        const images = await imagesOnPage(packet.pdf, page);
        expect(images, `page ${page} shows one fax page`).to.have.length(1);
        // The slip is 8.5 × 3 inches: at 204 dpi across, 204 dpi down too, not 98.
        const [{ width, height }] = images;
        expect(width).to.equal(1734);
        expect(height).to.be.within(610, 614);
      }
      const again = await assemblePacket(parts);
      expect(again.pdf.equals(packet.pdf)).to.equal(true);
    },
  );

  it('when a TIFF exhibit is not readable, then the packet names the exhibit', async () => {
    const fax = await faxTiff(await scannedJpegs(await fixture('scanned-note-and-blank.pdf')));
    const exhibits: ExhibitSource[] = [
      { title: 'Fax', kind: 'other', date: '2026-10-02', mediaType: 'image/tiff', bytes: fax.subarray(0, 600) },
    ];
    const made = await assemblePacket({ reference: 'OVT-2026-00031', letter, exhibits, meta, fileId: '00' }).then(
      () => 'assembled',
      (err: Error) => err.message,
    );
    expect(made).to.equal('Exhibit 1 is not a readable image');
  });
});
