/**
 * Exhibit files made on the fly: PDFs with a recognisable line on each page, a PNG, a note.
 * Each page's marker lets a test find where an exhibit really starts in the packet's text.
 */
import { syntheticPng } from '../support/synthetic-png.js';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';

/** A PDF of `pages` pages; page k (1-based) reads "<marker> page k". */
export async function markedPdf(
  marker: string,
  pages: number,
  options: { landscape?: boolean; rotate?: number } = {},
): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let k = 1; k <= pages; k++) {
    const page = pdf.addPage(options.landscape ? [792, 612] : [612, 792]);
    page.drawText(`${marker} page ${k}`, { x: 72, y: page.getHeight() - 100, size: 14, font });
    page.drawText('Assessment: lumbar radiculopathy, L5, left. Plan: MRI lumbar spine.', {
      x: 72,
      y: page.getHeight() - 130,
      size: 10,
      font,
    });
    if (options.rotate) page.setRotation(degrees(options.rotate));
  }
  pdf.setCreationDate(new Date('2026-10-15T12:00:00Z'));
  pdf.setModificationDate(new Date('2026-10-15T12:00:00Z'));
  return Buffer.from(await pdf.save());
}

/** A small RGB PNG (a grey gradient): a scanned page stand-in. */
export const pngImage = (width = 120, height = 160): Buffer =>
  syntheticPng(width, height, 3, (x, y, c) => (x * 3 + c + y) % 256);

/** A plain-text note whose first line is the marker. */
export function textNote(marker: string, lines = 20): Buffer {
  const body = Array.from(
    { length: lines },
    (_, i) => `${i + 1}. Patient reports pain 7/10 radiating to the left foot; numbness over the dorsum.`,
  ).join('\n');
  return Buffer.from(`${marker}\nTelephone note\n\n${body}\n`, 'utf8');
}
