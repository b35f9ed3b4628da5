/**
 * TIFFs as they arrive from a fax line or a document scanner, made at test time from the scanned
 * fixtures (make-scans.ts, render-notices.ts): each page of a scanned PDF is its own 200 dpi JPEG,
 * taken out with pdf-lib and written by sharp as one page of a multi-page TIFF. sharp's output is
 * the same for the same input, so these are as fixed as committed files.
 */
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { scannedPageImage } from './scanned-page-image.js';

/** The scanned fixtures are 200 dpi. */
const SCAN_DPI = 200;

/** Each page's JPEG of a scanned PDF (every page must be one image, as the fixtures' are). */
export async function scannedJpegs(pdf: Buffer): Promise<Buffer[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page, n) => {
    const found = scannedPageImage(page);
    if (!found) throw new Error(`page ${n + 1} of the fixture is not one scanned image`);
    return Buffer.from(found.jpeg);
  });
}

export interface FaxLook {
  /** `fine`: 204 × 196 dpi; `standard`: 204 × 98 dpi (pixels twice as tall as wide). */
  mode: 'fine' | 'standard';
}

/**
 * A fax: the pages made black and white (threshold), brought to the fax's resolution and written
 * as one CCITT Group 4 TIFF, as fax servers and fax-to-email services deliver them.
 */
export async function faxTiff(pages: Buffer[], look: FaxLook = { mode: 'fine' }): Promise<Buffer> {
  const [x, y] = look.mode === 'fine' ? [204, 196] : [204, 98];
  const bilevel = await Promise.all(
    pages.map(async (page) => {
      const { width = 0, height = 0 } = await sharp(page).metadata();
      const size = { width: Math.round((width * x) / SCAN_DPI), height: Math.round((height * y) / SCAN_DPI) };
      return sharp(page)
        .resize({ ...size, fit: 'fill' })
        .greyscale()
        .threshold(150)
        .png()
        .toBuffer();
    }),
  );
  return (bilevel.length > 1 ? sharp(bilevel, { join: { animated: true } }) : sharp(bilevel[0]))
    .toColourspace('b-w')
    .threshold(128)
    .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: x / 25.4, yres: y / 25.4 })
    .toBuffer();
}

/** An office scanner's TIFF: the pages in grey (or colour), LZW-compressed or not, at 200 dpi. */
export async function scannerTiff(
  pages: Buffer[],
  look: { colour: 'grey' | 'rgb'; compression: 'lzw' | 'none' },
): Promise<Buffer> {
  const images = await Promise.all(
    pages.map((page) =>
      (look.colour === 'grey' ? sharp(page).greyscale() : sharp(page).toColourspace('srgb')).png().toBuffer(),
    ),
  );
  const joined = images.length > 1 ? sharp(images, { join: { animated: true } }) : sharp(images[0]);
  return (look.colour === 'grey' ? joined.toColourspace('b-w') : joined)
    .tiff({ compression: look.compression, xres: SCAN_DPI / 25.4, yres: SCAN_DPI / 25.4 })
    .toBuffer();
}
