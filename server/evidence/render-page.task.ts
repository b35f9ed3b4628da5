/**
 * One page of a PDF drawn as a PNG for OCR, in a worker thread (see `scanned-pages.ts`): pdf.js
 * draws on the canvas it ships for Node (@napi-rs/canvas, prebuilt, no system libraries).
 */
import { startBufferBudget, overBudget } from '../platform/workers/buffer-budget.js';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { MessagePort } from 'node:worker_threads';
import { PDFJS_OPTIONS } from './pdfjs-options.js';

export interface RenderPageInput {
  bytes: Uint8Array;
  /** 1-based. */
  page: number;
  /** Dots per inch wanted; a page too large to draw at it within `maxSidePixels` is drawn smaller. */
  dpi: number;
  maxSidePixels: number;
  bufferBytes: number;
  port: MessagePort;
}

/** The page as a PNG, or `memory` when a decoder was refused a buffer. */
export type RenderPageResult = { png: Uint8Array; width: number; height: number } | { over: 'memory' };

/** What @napi-rs/canvas gives pdf.js's NodeCanvasFactory, as far as it is used here. */
interface NodeCanvas {
  width: number;
  height: number;
  toBuffer(mime: 'image/png'): Buffer;
}
interface CanvasEntry {
  canvas: NodeCanvas;
  context: CanvasRenderingContext2D;
}

export default async function renderPage(input: RenderPageInput): Promise<RenderPageResult> {
  startBufferBudget(input.bufferBytes);
  const task = pdfjs.getDocument({ ...PDFJS_OPTIONS, data: input.bytes.slice() });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(input.page);
    const [x0, y0, x1, y1] = page.view;
    // 72 PDF units to the inch.
    const scale = Math.min(input.dpi / 72, input.maxSidePixels / Math.max(x1 - x0, y1 - y0));
    const viewport = page.getViewport({ scale });
    const factory = doc.canvasFactory as { create(w: number, h: number): CanvasEntry };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    // A scan drawn on transparency reads as black on black to OCR.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
    if (overBudget()) return { over: 'memory' };
    const png = canvas.toBuffer('image/png');
    page.cleanup();
    return {
      png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
      width: canvas.width,
      height: canvas.height,
    };
  } finally {
    await task.destroy();
  }
}
