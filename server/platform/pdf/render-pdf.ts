import { createRequire } from 'node:module';
import type PdfKit from 'pdfkit';
import { FONT, registerFonts } from './fonts.js';
import { artifact, openStructure } from './structure.js';

let pdfKit: typeof PdfKit | undefined;
/** pdfkit is loaded by the first document typeset, not at start: the idle service does without it. */
function loadPdfKit(): typeof PdfKit {
  return (pdfKit ??= createRequire(import.meta.url)('pdfkit') as typeof PdfKit);
}

/** US Letter, in points: what US payers' fax lines and portals expect. */
export const LETTER_SIZE = { width: 612, height: 792 } as const;

/** Page margins of every typeset page; the bottom one leaves room for the footer. */
export const MARGINS = { top: 54, bottom: 66, left: 64, right: 64 } as const;

/** Where the footer's baseline sits, in points from the bottom edge. */
export const FOOTER_Y = 30;

export interface PdfMeta {
  /** Shown in viewers' title bars and tabs: a case reference and a kind of document, never a patient name. */
  title: string;
  author: string;
  subject?: string;
  keywords?: string;
  /** Creation and modification date; fixed by the caller so the same inputs give the same bytes. */
  createdAt: Date;
}

/**
 * A new pdfkit document with our page size, margins and embedded font, and metadata whose
 * dates come from the caller. pdfkit derives the file /ID from the metadata, so fixing the
 * date fixes it. The document is tagged (its blocks become a structure tree a screen reader
 * follows, see `drawBlocks`), in American English, shows its title rather than a file name,
 * and declares PDF/A-2b (XMP metadata and the sRGB output intent pdfkit adds), which holds
 * because every font is embedded.
 */
export function createPdf(meta: PdfMeta, options: { bufferPages?: boolean } = {}): PDFKit.PDFDocument {
  const PDFDocument = loadPdfKit();
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { ...MARGINS },
    bufferPages: options.bufferPages ?? false,
    pdfVersion: '1.7',
    compress: true,
    autoFirstPage: false,
    tagged: true,
    lang: 'en-US',
    displayTitle: true,
    subset: 'PDF/A-2b',
    info: {
      Title: meta.title,
      Author: meta.author,
      ...(meta.subject ? { Subject: meta.subject } : {}),
      ...(meta.keywords ? { Keywords: meta.keywords } : {}),
      Creator: 'Overturn',
      Producer: 'Overturn',
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt,
    },
  });
  registerFonts(doc);
  doc.font(FONT.regular);
  doc.addPage();
  openStructure(doc);
  return doc;
}

/** Ends `doc` and collects its bytes. Call after everything is drawn. */
export function renderPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The footer line of page `n` of `m`: page numbers, the case reference and the confidentiality notice. */
export function footerText(n: number, m: number, reference: string): string {
  return `Page ${n} of ${m} · ${reference} · CONFIDENTIAL: contains protected health information`;
}

/**
 * Writes the footer on every page of a document created with `bufferPages: true`. For a
 * document that is later merged with others, stamp the merged file instead (see `stampPages`).
 */
export function addFooters(doc: PDFKit.PDFDocument, reference: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page; lift the margin while drawing.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(8).fillColor('#444444');
    artifact(doc, 'Pagination', () =>
      doc.text(footerText(i + 1, range.count, reference), MARGINS.left, doc.page.height - FOOTER_Y - 6, {
        width: doc.page.width - MARGINS.left - MARGINS.right,
        align: 'center',
        lineBreak: false,
      }),
    );
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
