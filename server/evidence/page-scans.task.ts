/**
 * The scanned JPEGs a PDF's pages are made of (`scanned-page-image.ts`), found in a worker thread
 * in one reading of the file for all the pages OCR is to read (see `document-reading.ts`), and
 * the pixel size each is drawn at. Each page's JPEG then goes alone to `scan-image.task.ts`: the
 * file is no longer parsed by pdf-lib and copied into the worker once per page (66 ms and the
 * whole file each time, for a 10-page 300 dpi scan of 3.3 MB).
 */
import { startBufferBudget, overBudget } from '../platform/workers/buffer-budget.js';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { MessagePort } from 'node:worker_threads';
import { scannedPageImage } from './scanned-page-image.js';

export interface PageScansInput {
  /** A PDF. */
  bytes: Uint8Array;
  /** 1-based pages to look at. */
  pages: number[];
  /** Dots per inch a page is drawn at; a page too large to draw at it within `maxSidePixels` is drawn smaller. */
  dpi: number;
  maxSidePixels: number;
  bufferBytes: number;
  port: MessagePort;
}

/** A page's own JPEG and the size it is drawn at, as pdf.js would draw the page. */
export interface PageScan {
  jpeg: Uint8Array;
  /** Pixels: the JPEG's own when within two of the size drawn (a 300 dpi scan is not resampled). */
  width: number;
  height: number;
  /** Dots per inch at that size. */
  density: number;
}

/** For each of `pages`, in order, its scan, or `null` when the page is more than one JPEG sharp reads (it is drawn). */
export type PageScansResult = { scans: (PageScan | null)[] } | { over: 'memory' };

export default async function pageScans(input: PageScansInput): Promise<PageScansResult> {
  startBufferBudget(input.bufferBytes);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(input.bytes, { updateMetadata: false });
  } catch {
    // Opened by pdf.js at upload, but not by pdf-lib here: every page is drawn.
    return overBudget() ? { over: 'memory' } : { scans: input.pages.map(() => null) };
  }
  const scans: (PageScan | null)[] = [];
  for (const n of input.pages) scans.push(await pageScan(doc, n, input).catch(() => null));
  return overBudget() ? { over: 'memory' } : { scans };
}

async function pageScan(doc: PDFDocument, pageNumber: number, input: PageScansInput): Promise<PageScan | null> {
  const page = doc.getPage(pageNumber - 1);
  const found = scannedPageImage(page);
  if (!found) return null;
  const box = page.getCropBox();
  const scale = drawScale(input, box.width, box.height);
  const width = Math.round(found.width * scale);
  const height = Math.round(found.height * scale);
  // Its header only: a JPEG sharp cannot read is left to pdf.js.
  const size = await sharp(found.jpeg).metadata();
  if (!size.width || !size.height) return null;
  const near = Math.abs(size.width - width) <= 2 && Math.abs(size.height - height) <= 2;
  return {
    // A copy, so that the answer carries this JPEG and not the whole file it is a view into.
    jpeg: found.jpeg.slice(),
    ...(near ? { width: size.width, height: size.height } : { width, height }),
    density: scale * 72,
  };
}

/** How large a page is drawn, in pixels per PDF unit: `dpi`, unless that makes it larger than `maxSidePixels`. */
export function drawScale(size: { dpi: number; maxSidePixels: number }, width: number, height: number): number {
  // 72 PDF units to the inch.
  return Math.min(size.dpi / 72, size.maxSidePixels / Math.max(width, height));
}
