/**
 * Exhibit files made on the fly: PDFs with a recognisable line on each page, a PNG, a note.
 * Each page's marker lets a test find where an exhibit really starts in the packet's text.
 */
import zlib from 'node:zlib';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';

/** A PDF of `pages` pages; page k (1-based) reads "<marker> page k". */
export async function markedPdf(marker: string, pages: number, options: { landscape?: boolean; rotate?: number } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let k = 1; k <= pages; k++) {
    const page = pdf.addPage(options.landscape ? [792, 612] : [612, 792]);
    page.drawText(`${marker} page ${k}`, { x: 72, y: page.getHeight() - 100, size: 14, font });
    page.drawText('Assessment: lumbar radiculopathy, L5, left. Plan: MRI lumbar spine.', { x: 72, y: page.getHeight() - 130, size: 10, font });
    if (options.rotate) page.setRotation(degrees(options.rotate));
  }
  pdf.setCreationDate(new Date('2026-10-15T12:00:00Z'));
  pdf.setModificationDate(new Date('2026-10-15T12:00:00Z'));
  return Buffer.from(await pdf.save());
}

/** A small RGB PNG (a grey gradient): a scanned page stand-in. */
export function pngImage(width = 120, height = 160): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width * 3; x++) raw[y * (width * 3 + 1) + 1 + x] = (x + y) % 256;
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A plain-text note whose first line is the marker. */
export function textNote(marker: string, lines = 20): Buffer {
  const body = Array.from({ length: lines }, (_, i) => `${i + 1}. Patient reports pain 7/10 radiating to the left foot; numbness over the dorsum.`).join('\n');
  return Buffer.from(`${marker}\nTelephone note\n\n${body}\n`, 'utf8');
}
