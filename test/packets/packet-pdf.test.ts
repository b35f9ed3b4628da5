import { expect } from 'chai';
import { assemblePacket, ExhibitError, type ExhibitSource } from '../../server/packets/packet-pdf.js';
import { loadLetterTemplates } from '../../server/packets/letter-templates.js';
import { buildLetterView } from '../../server/packets/letter-view.js';
import { parseMarkup } from '../../server/platform/pdf/index.js';
import { sampleCaseRecord, sampleCriteria, sampleExhibits } from '../../server/packets/specimen-case.js';
import { markedPdf, pngImage, textNote } from './fixtures.js';
import { pdfPagesText, pdfOutlineAndInfo } from './pdf-text.js';

const clinic = {
  name: 'Northside Spine & Rehabilitation',
  address: '400 Commonwealth Avenue; Boston, MA 02215',
  phone: '617-555-0100',
  fax: '617-555-0101',
  npi: '1548293076',
};
const letter = parseMarkup(
  loadLetterTemplates().render(
    'medical_necessity',
    buildLetterView({
      caseRecord: sampleCaseRecord(),
      criteria: sampleCriteria,
      exhibits: sampleExhibits,
      clinic,
      today: '2026-11-23',
    }),
  ),
);
const meta = {
  title: 'OVT-2026-00012 – Medical necessity appeal packet',
  author: 'Northside Spine & Rehabilitation',
  subject: 'Level 1 – Internal Appeal',
  createdAt: new Date('2026-11-23T14:00:00Z'),
};

async function exhibits(): Promise<Array<ExhibitSource & { marker: string }>> {
  return [
    {
      marker: 'EXHIBIT-A page 1',
      title: 'Progress note 2026-10-15',
      kind: 'progress_note',
      date: '2026-10-15',
      mediaType: 'application/pdf',
      bytes: await markedPdf('EXHIBIT-A', 3),
    },
    {
      marker: 'EXHIBIT-B',
      title: 'Telephone note',
      kind: 'other',
      date: '2026-10-16',
      mediaType: 'text/plain',
      bytes: textNote('EXHIBIT-B'),
      textPages: [textNote('EXHIBIT-B').toString(), 'EXHIBIT-B second page'],
    },
    {
      marker: 'Exhibit 3 of 5',
      title: 'Scanned referral',
      kind: 'other',
      date: '2026-10-17',
      mediaType: 'image/png',
      bytes: pngImage(),
    },
    {
      marker: 'EXHIBIT-D page 1',
      title: 'MRI report',
      kind: 'imaging_report',
      date: '2026-10-20',
      mediaType: 'application/pdf',
      bytes: await markedPdf('EXHIBIT-D', 2, { landscape: true }),
    },
    {
      marker: 'EXHIBIT-E page 1',
      title: 'Rotated scan',
      kind: 'other',
      date: '2026-10-21',
      mediaType: 'application/pdf',
      bytes: await markedPdf('EXHIBIT-E', 1, { rotate: 90 }),
    },
  ];
}

describe('packet PDF assembly', () => {
  it('puts each exhibit on the page the enclosure index says, and counts letter + index + exhibit pages', async () => {
    const parts = await exhibits();
    const packet = await assemblePacket({
      reference: 'OVT-2026-00012',
      letter,
      exhibits: parts,
      meta,
      fileId: '0123456789abcdef',
    });
    const pages = await pdfPagesText(packet.pdf);

    // pageCount = letter pages + index pages + Σ exhibit pages (PDF: its pages; image: 1; text: its pages)
    expect(packet.exhibits.map((e) => e.pageCount)).to.deep.equal([3, 2, 1, 2, 1]);
    expect(packet.pageCount).to.equal(packet.letterPages + packet.indexPages + 9);
    expect(pages).to.have.length(packet.pageCount);

    const indexPage = pages[packet.letterPages];
    expect(indexPage).to.include('Enclosure index');
    parts.forEach((part, k) => {
      const start = packet.exhibits[k].startPage;
      expect(pages[start - 1], `exhibit ${k + 1} should start on page ${start}`).to.include(part.marker);
      expect(pages[start - 2]).not.to.include(part.marker);
      // The index row: number, title, …, pages, start page.
      expect(indexPage.replace(/\s+/g, ' ')).to.match(
        new RegExp(`${k + 1} ${part.title}.*? ${packet.exhibits[k].pageCount} ${start}\\b`),
      );
    });
  });

  it('prints "Page N of M", the case reference and the confidentiality notice on every page', async () => {
    const packet = await assemblePacket({
      reference: 'OVT-2026-00012',
      letter,
      exhibits: await exhibits(),
      meta,
      fileId: 'ab',
    });
    const pages = await pdfPagesText(packet.pdf);
    pages.forEach((text, i) =>
      expect(text).to.include(
        `Page ${i + 1} of ${pages.length} · OVT-2026-00012 · CONFIDENTIAL: contains protected health information`,
      ),
    );
  });

  it(
    'bookmarks the letter, the index and each exhibit, and carries title/author/subject ' +
      'without the patient’s name',
    async () => {
      const packet = await assemblePacket({
        reference: 'OVT-2026-00012',
        letter,
        exhibits: await exhibits(),
        meta,
        fileId: 'ab',
      });
      const { outline, info } = await pdfOutlineAndInfo(packet.pdf);
      expect(outline.map((o) => o.title)).to.deep.equal(['Appeal letter', 'Enclosure index', 'Exhibits']);
      expect(outline[2].items.map((o) => o.title)).to.deep.equal([
        'Exhibit 1: Progress note 2026-10-15',
        'Exhibit 2: Telephone note',
        'Exhibit 3: Scanned referral',
        'Exhibit 4: MRI report',
        'Exhibit 5: Rotated scan',
      ]);
      expect(info.Title).to.equal(meta.title);
      expect(info.Author).to.equal(meta.author);
      expect(info.Subject).to.equal(meta.subject);
      expect(String(info.Title)).not.to.include('Alvarez');
    },
  );

  it('is byte-identical when assembled again from the same inputs and clock', async () => {
    const a = await assemblePacket({
      reference: 'OVT-2026-00012',
      letter,
      exhibits: await exhibits(),
      meta,
      fileId: 'ab',
    });
    const b = await assemblePacket({
      reference: 'OVT-2026-00012',
      letter,
      exhibits: await exhibits(),
      meta,
      fileId: 'ab',
    });
    expect(a.pdf.equals(b.pdf)).to.equal(true);
    const later = await assemblePacket({
      reference: 'OVT-2026-00012',
      letter,
      exhibits: await exhibits(),
      meta: { ...meta, createdAt: new Date('2026-11-24T14:00:00Z') },
      fileId: 'ab',
    });
    expect(later.pdf.equals(a.pdf)).to.equal(false);
  });

  it('with no exhibits, the index says so and the packet is letter + index', async () => {
    const packet = await assemblePacket({ reference: 'OVT-2026-00012', letter, exhibits: [], meta, fileId: 'ab' });
    expect(packet.pageCount).to.equal(packet.letterPages + packet.indexPages);
    expect((await pdfPagesText(packet.pdf))[packet.letterPages]).to.include('No exhibits are enclosed.');
  });

  it('refuses an exhibit whose bytes are not a readable PDF, naming its position', async () => {
    const broken: ExhibitSource = {
      title: 'Broken',
      kind: 'other',
      date: '2026-10-01',
      mediaType: 'application/pdf',
      bytes: Buffer.from('%PDF-1.7\n1 0 obj garbage'),
    };
    let error: unknown;
    try {
      await assemblePacket({ reference: 'OVT-2026-00012', letter, exhibits: [broken], meta, fileId: 'ab' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ExhibitError);
    expect((error as Error).message).to.equal('Exhibit 1 is not a readable PDF');
  });
});
