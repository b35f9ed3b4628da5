/**
 * A page's image made ready for OCR, in a worker thread (see `document-reading.ts`): a PDF page
 * is drawn by pdf.js on the canvas it ships for Node (@napi-rs/canvas, prebuilt, no system
 * libraries), a scanned page too. Its own JPEG resized by sharp read worse (CONTEXT.md,
 * *Preparing a page for OCR*): sharp enlarged a 200 dpi scan smoothly, so each speck became a
 * blob the median kept, read as ':' or '|' at line ends, where pdf.js enlarges an image by more
 * than 4/3 pixel for pixel; with sharp's nearest kernel it read as well but for one appeals
 * address. A TIFF's page is brought to that resolution (`squarePixels`); a PNG or JPEG is taken
 * as it is. Then sharp turns it grey and takes a 3×3 median, which wipes a scanner's or fax's
 * speckle: on the fixtures of make-scans.ts it took Tesseract from 90–99% of the words and 90
 * stray ones to 100% of the words and none (README, OCR).
 */
import { startBufferBudget, overBudget } from '../platform/workers/buffer-budget.js';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp, { type Sharp } from 'sharp';
import type { MessagePort } from 'node:worker_threads';
import { PDFJS_OPTIONS } from './pdfjs-options.js';
import { squarePixels, tiffPages } from '../platform/images/tiff-pages.js';

export interface ScanImageInput {
  /** A PDF (then `page` says which), a TIFF (then `tiffPage` does) or a PNG or JPEG image. */
  bytes: Uint8Array;
  /** 1-based page of a PDF. */
  page?: number;
  /** 1-based page of a TIFF (a fax is one file of many pages). */
  tiffPage?: number;
  /** Dots per inch to draw a PDF page at; a page too large to draw at it within `maxSidePixels` is drawn smaller. */
  dpi: number;
  maxSidePixels: number;
  bufferBytes: number;
  port: MessagePort;
}

/** The page as a greyscale PNG, or `memory` when a decoder was refused a buffer. */
export type ScanImageResult = { png: Uint8Array } | { over: 'memory' };

// libvips keeps decoded images for reuse: each page is new, so the cache would only hold memory.
sharp.cache(false);
sharp.concurrency(1);

export default async function scanImage(input: ScanImageInput): Promise<ScanImageResult> {
  startBufferBudget(input.bufferBytes);
  const { bytes } = input;
  const image = input.page
    ? await drawPdfPage(input, input.page)
    : input.tiffPage
      ? await tiffPageForOcr(input, input.tiffPage)
      : sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!image || overBudget()) return { over: 'memory' };
  // One grey channel out ('b-w'): sharp's greyscale otherwise writes it three times as sRGB, and
  // Tesseract held such a page at 3 bytes a pixel (its peak 325 MB, not 186 MB) and read it slower.
  // Level 1: a page's PNG is read once, at once; Tesseract decoded it in 15% less time than at level 6.
  const png = await image.greyscale().toColourspace('b-w').median(3).png({ compressionLevel: 1 }).toBuffer();
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength) };
}

/**
 * A TIFF page at `dpi` with square pixels, as a PDF page is drawn. A page whose pixels are about
 * square (a scanner's; a fine-mode fax, 204 × 196 dpi) has its speckle taken out first at its own
 * resolution: enlarged smoothly, a stray dot is a blob the median after it keeps (erisa-employer-plan
 * faxed in fine mode: 9 stray marks at line ends to none). A standard-mode fax (204 × 98 dpi) does
 * not: there a pixel is as tall as a letter's stroke is thick, the median erased strokes, and of the
 * 13 notices faxed so no claim number or member id was read. Its rows are doubled, pixel for pixel,
 * and it is enlarged from there, the median coming after (README, TIFF: member ids 0 to 11 of 12).
 */
async function tiffPageForOcr(input: ScanImageInput, page: number): Promise<Sharp> {
  const info = tiffPages(input.bytes)[page - 1];
  const { bytes } = input;
  const file = sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { page: page - 1 });
  const { xDpi, yDpi } = info;
  const squashed = !!xDpi && !!yDpi && Math.max(xDpi, yDpi) > 1.5 * Math.min(xDpi, yDpi);
  const { data, info: size } = await (
    squashed ? squarePixels(file, info, { kernel: 'nearest' }) : file.greyscale().toColourspace('b-w').median(3)
  )
    .raw()
    .toBuffer({ resolveWithObject: true });
  const made = sharp(data, { raw: { width: size.width, height: size.height, channels: size.channels } });
  const finer = Math.max(xDpi ?? 0, yDpi ?? 0);
  const madeInfo = squashed ? { width: size.width, height: size.height, xDpi: finer, yDpi: finer } : info;
  return squarePixels(made, madeInfo, { dpi: input.dpi, maxSidePixels: input.maxSidePixels });
}

/** What @napi-rs/canvas gives pdf.js's NodeCanvasFactory, as far as it is used here. */
interface CanvasEntry {
  /** `data()`: the canvas's RGBA pixels, maybe its own memory rather than a copy. */
  canvas: { width: number; height: number; data(): Buffer };
  context: CanvasRenderingContext2D;
}

interface CanvasFactory {
  create(width: number, height: number): CanvasEntry;
  destroy(entry: CanvasEntry): void;
}

/** How large a page is drawn, in pixels per PDF unit: `dpi`, unless that makes it larger than `maxSidePixels`. */
function drawScale(input: ScanImageInput, width: number, height: number): number {
  // 72 PDF units to the inch.
  return Math.min(input.dpi / 72, input.maxSidePixels / Math.max(width, height));
}

async function drawPdfPage(input: ScanImageInput, pageNumber: number): Promise<Sharp | null> {
  // The task's own copy of the file (cloned into the worker), handed to pdf.js as it is.
  const task = pdfjs.getDocument({ ...PDFJS_OPTIONS, data: input.bytes });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(pageNumber);
    const [x0, y0, x1, y1] = page.view;
    const scale = drawScale(input, x1 - x0, y1 - y0);
    const viewport = page.getViewport({ scale });
    const factory = doc.canvasFactory as CanvasFactory;
    const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const { canvas, context } = entry;
    const { width, height } = canvas;
    try {
      // A scan drawn on transparency reads as black on black to OCR.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({ canvasContext: context, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
      page.cleanup();
      if (overBudget()) return null;
      // Greyed while the canvas lives (`data()` may be a view of it, where getImageData made a
      // 34 MB copy of a letter page at 300 dpi): one byte a pixel is kept, the canvas let go.
      const grey = await sharp(canvas.data(), { raw: { width, height, channels: 4 } })
        .removeAlpha()
        .greyscale()
        .toColourspace('b-w')
        .raw()
        .toBuffer();
      // The resolution is written in the PNG, so Tesseract need not guess it (and warn on stderr);
      // `withDensity`, not `withMetadata`, which would add an sRGB profile and so three channels.
      return sharp(grey, { raw: { width, height, channels: 1 } }).withDensity(scale * 72);
    } finally {
      // The canvas's pixels are native memory, given back when its object is collected, which may
      // be pages later: held until then, they added 170-200 MB to the peak of a 10-page scan.
      factory.destroy(entry);
    }
  } finally {
    await task.destroy();
  }
}
