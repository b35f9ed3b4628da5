/**
 * Assembles a packet PDF from its parts, with no I/O: the letter (typeset from document
 * markup), the enclosure index, then each exhibit — uploaded PDFs fitted page by page, images
 * placed on a page (each of a TIFF's pages, as PNG), text notes typeset. Page numbers are
 * computed before the index is typeset, so the index states where each exhibit really starts:
 *
 *   pageCount = frontPages + letterPages + indexPages + Σ exhibitPages
 *   exhibit k starts on frontPages + letterPages + indexPages + Σ(pages of exhibits before k) + 1
 *
 * (front pages: a fax cover sheet, then Original Medicare's request page, when the packet has them).
 *
 * pdfkit cannot import pages, so the typeset parts are made with pdfkit, merged with pdf-lib,
 * and stamped (footer on every page, exhibit label on exhibit pages) after merging.
 */
import type { PDFDocument } from 'pdf-lib';
import {
  createPdf,
  renderPdf,
  drawBlocks,
  plain,
  drawTable,
  writeInline,
  drawableText,
  FONT,
  MARGINS,
  createMergedPdf,
  loadPdf,
  appendPages,
  appendFitted,
  stampPages,
  footerStamp,
  addOutline,
  saveMergedPdf,
  type Block,
  type PdfMeta,
  type Stamp,
} from '../platform/pdf/index.js';
import { formatDate } from './letter-helpers.js';
import { humanize } from './letter-words.js';
import { faxCoverBlocks, FAX_COVER_PAGES, type FaxCover } from './fax-cover.js';
import { squarePixels, tiffPages } from '../platform/images/tiff-pages.js';

export type ExhibitMediaType = 'application/pdf' | 'text/plain' | 'image/png' | 'image/jpeg' | 'image/tiff';

export interface ExhibitSource {
  title: string;
  kind: string;
  date: string;
  mediaType: ExhibitMediaType;
  bytes: Buffer;
  /** Text notes: the note's pages as the evidence domain numbers them, so "p. 2" in a quote is page 2 here. */
  textPages?: string[];
}

export interface PacketParts {
  reference: string;
  letter: Block[];
  exhibits: ExhibitSource[];
  meta: PdfMeta;
  /** Hex file identifier written to the trailer; derive it from the inputs so it is stable. */
  fileId: string;
  /** A draft the user asked for with required sections empty: every page is watermarked DRAFT. */
  draft?: boolean;
  /** Original Medicare: the request page with the CMS form's elements, before the letter (request-page.ts). */
  requestPage?: Block[] | null;
  /** A packet sent by fax opens with a cover sheet counting every page, its own included (fax-cover.ts). */
  faxCover?: FaxCover | null;
}

export interface AssembledPacket {
  pdf: Buffer;
  pageCount: number;
  /** Pages before the letter: the fax cover sheet and the request page. */
  frontPages: number;
  letterPages: number;
  indexPages: number;
  exhibits: Array<{ startPage: number; pageCount: number }>;
}

/** An exhibit whose bytes cannot be laid out (an unreadable PDF or image). */
export class ExhibitError extends Error {
  constructor(
    readonly exhibitIndex: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExhibitError';
  }
}

/** Typesets with pdfkit and returns the bytes and how many pages it took. */
async function typeset(
  meta: PdfMeta,
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<{ bytes: Buffer; pages: number }> {
  const doc = createPdf(meta);
  let pages = 1;
  doc.on('pageAdded', () => pages++);
  draw(doc);
  return { bytes: await renderPdf(doc), pages };
}

type PreparedExhibit = { source: ExhibitSource; pages: number } & ({ fitted: PDFDocument } | { typeset: Buffer });

async function prepareExhibit(exhibit: ExhibitSource, index: number, meta: PdfMeta): Promise<PreparedExhibit> {
  switch (exhibit.mediaType) {
    case 'application/pdf': {
      let pdf: PDFDocument;
      try {
        pdf = await loadPdf(exhibit.bytes, index);
      } catch {
        throw new ExhibitError(index, `Exhibit ${index + 1} is not a readable PDF`);
      }
      if (pdf.getPageCount() === 0) throw new ExhibitError(index, `Exhibit ${index + 1} has no pages`);
      return { source: exhibit, pages: pdf.getPageCount(), fitted: pdf };
    }
    case 'text/plain': {
      const textPages = exhibit.textPages ?? [exhibit.bytes.toString('utf8')];
      const { bytes, pages } = await typeset(meta, (doc) => {
        textPages.forEach((text, k) => {
          if (k > 0) doc.addPage();
          doc
            .font(FONT.regular)
            .fontSize(9.5)
            .text(drawableText(text.replace(/\r\n?/g, '\n')) || ' ', MARGINS.left, MARGINS.top, {
              width: doc.page.width - MARGINS.left - MARGINS.right,
              lineGap: 1,
            });
        });
      });
      return { source: exhibit, pages, typeset: bytes };
    }
    case 'image/png':
    case 'image/jpeg':
    case 'image/tiff': {
      try {
        const images = exhibit.mediaType === 'image/tiff' ? await tiffAsPngPages(exhibit.bytes) : [exhibit.bytes];
        const { bytes, pages } = await typeset(meta, (doc) => {
          const box: [number, number] = [
            doc.page.width - MARGINS.left - MARGINS.right,
            doc.page.height - MARGINS.top - MARGINS.bottom,
          ];
          images.forEach((image, k) => {
            if (k > 0) doc.addPage();
            doc.image(image, MARGINS.left, MARGINS.top, { fit: box, align: 'center', valign: 'center' });
          });
        });
        return { source: exhibit, pages, typeset: bytes };
      } catch {
        throw new ExhibitError(index, `Exhibit ${index + 1} is not a readable image`);
      }
    }
  }
}

/**
 * Each page of a TIFF as a PNG, since neither pdfkit nor pdf-lib embeds TIFF: at its finer
 * resolution with square pixels (a standard-mode fax, 204 × 98 dpi, is not printed squashed),
 * on white where it had transparency. A grey page stays one channel, and a fax's black and white
 * stays two colours (rows repeated, not blurred): a fine-mode fax page is 38 KB so, 250 KB as RGB.
 * sharp's PNG output is the same for the same input, so a packet made again with the same clock
 * is byte-identical.
 */
async function tiffAsPngPages(bytes: Buffer): Promise<Buffer[]> {
  // Loaded here, in the worker that assembles, not where the request thread imports ExhibitError.
  const { default: sharp } = await import('sharp');
  const pngs: Buffer[] = [];
  for (const [k, info] of tiffPages(bytes).entries()) {
    const { bitsPerSample, channels = 3 } = await sharp(bytes, { page: k }).metadata();
    const bilevel = bitsPerSample === 1;
    const page = squarePixels(sharp(bytes, { page: k }), info, bilevel ? { kernel: 'nearest' } : {}).flatten({
      background: '#ffffff',
    });
    const png = (channels <= 2 ? page.toColourspace('b-w') : page).png(
      bilevel ? { palette: true, colours: 2, dither: 0 } : {},
    );
    pngs.push(await png.toBuffer());
  }
  return pngs;
}

const INDEX_WIDTHS = [0.07, 0.37, 0.17, 0.18, 0.08, 0.13];

function drawIndex(
  doc: PDFKit.PDFDocument,
  reference: string,
  exhibits: PreparedExhibit[],
  starts: number[],
  pageCount: number,
): void {
  drawBlocks(doc, [{ kind: 'heading', level: 1, content: plain('Enclosure index') }]);
  writeInline(
    doc,
    plain(
      `${reference} · ${exhibits.length} exhibit(s) · ${pageCount} pages in this ` +
        `packet. Page numbers are those in the footer of each page.`,
    ),
    { x: MARGINS.left, width: doc.page.width - MARGINS.left - MARGINS.right, size: 9.5, color: '#444444' },
  );
  doc.y += 8;
  drawTable(doc, {
    style: 'grid',
    widths: INDEX_WIDTHS,
    header: ['No.', 'Exhibit', 'Kind', 'Dated', 'Pages', 'Starts on page'].map((h) => plain(h)),
    rows: exhibits.map((e, k) =>
      [
        String(k + 1),
        e.source.title,
        humanize(e.source.kind),
        formatDate(e.source.date),
        String(e.pages),
        String(starts[k]),
      ].map((c) => plain(c)),
    ),
  });
  if (!exhibits.length) writeInline(doc, plain('No exhibits are enclosed.'), { x: MARGINS.left, width: 400 });
}

/** Builds the packet. Throws ExhibitError when an exhibit cannot be read. */
export async function assemblePacket(parts: PacketParts): Promise<AssembledPacket> {
  const { requestPage, faxCover } = parts;
  const request = requestPage ? await typeset(parts.meta, (doc) => drawBlocks(doc, requestPage)) : null;
  const coverPages = faxCover ? FAX_COVER_PAGES : 0;
  const front = coverPages + (request?.pages ?? 0);
  const letter = await typeset(parts.meta, (doc) => drawBlocks(doc, parts.letter));
  const exhibits: PreparedExhibit[] = [];
  for (const [k, e] of parts.exhibits.entries()) exhibits.push(await prepareExhibit(e, k, parts.meta));
  const exhibitPages = exhibits.reduce((sum, e) => sum + e.pages, 0);

  // The index's length does not depend on the numbers in it (fixed columns), but check rather than assume.
  let indexPages = 1;
  let index: { bytes: Buffer; pages: number };
  let starts: number[];
  for (let attempt = 0; ; attempt++) {
    let next = front + letter.pages + indexPages + 1;
    starts = exhibits.map((e) => ((next += e.pages), next - e.pages));
    const total = front + letter.pages + indexPages + exhibitPages;
    index = await typeset(parts.meta, (doc) => drawIndex(doc, parts.reference, exhibits, starts, total));
    if (index.pages === indexPages) break;
    if (attempt > 3) throw new Error('The enclosure index does not settle on a page count');
    indexPages = index.pages;
  }

  const total = front + letter.pages + indexPages + exhibitPages;
  const merged = await createMergedPdf(parts.meta);
  if (faxCover) {
    const cover = await typeset(parts.meta, (doc) => drawBlocks(doc, faxCoverBlocks(faxCover, total)));
    if (cover.pages !== FAX_COVER_PAGES) throw new Error('The fax cover sheet does not fit on one page');
    await appendPages(merged, cover.bytes);
  }
  if (request) await appendPages(merged, request.bytes);
  await appendPages(merged, letter.bytes);
  await appendPages(merged, index.bytes);
  for (const e of exhibits) {
    if ('fitted' in e) await appendFitted(merged, e.fitted);
    else await appendPages(merged, e.typeset);
  }
  const pageCount = merged.getPageCount();
  if (pageCount !== total) throw new Error('Merged page count disagrees with the computed layout');

  const exhibitAt = (pageIndex: number) => {
    for (let k = exhibits.length - 1; k >= 0; k--) if (pageIndex + 1 >= starts[k]) return k;
    return -1;
  };
  await stampPages(merged, (i, count) => {
    const stamps: Stamp[] = [footerStamp(i, count, parts.reference)];
    if (parts.draft) stamps.push({ text: 'DRAFT', position: 'watermark' });
    if (i + 1 >= (starts[0] ?? Infinity)) {
      const k = exhibitAt(i);
      const e = exhibits[k];
      stamps.push({
        position: 'header',
        size: 8.5,
        text: `Exhibit ${k + 1} of ${exhibits.length} · ${e.source.title} · page ${i + 2 - starts[k]} of ${e.pages}`,
      });
    }
    return stamps;
  });
  addOutline(merged, [
    ...(faxCover ? [{ title: 'Fax cover sheet', pageIndex: 0 }] : []),
    ...(request ? [{ title: 'Request form', pageIndex: coverPages }] : []),
    { title: 'Appeal letter', pageIndex: front },
    { title: 'Enclosure index', pageIndex: front + letter.pages },
    ...(exhibits.length
      ? [
          {
            title: 'Exhibits',
            pageIndex: starts[0] - 1,
            children: exhibits.map((e, k) => ({
              title: `Exhibit ${k + 1}: ${e.source.title}`,
              pageIndex: starts[k] - 1,
            })),
          },
        ]
      : []),
  ]);
  const pdf = await saveMergedPdf(merged, parts.fileId);
  return {
    pdf,
    pageCount,
    frontPages: front,
    letterPages: letter.pages,
    indexPages,
    exhibits: exhibits.map((e, k) => ({ startPage: starts[k], pageCount: e.pages })),
  };
}
