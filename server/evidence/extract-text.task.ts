/**
 * The text of an uploaded PDF or text note, page by page, read in a worker thread within the
 * clinic's limits (see `document-content.ts`, which runs it). Nothing here throws for a bad
 * file: the answer says what was found, refused or over a limit.
 */
import { startBufferBudget, overBudget } from '../platform/workers/buffer-budget.js';
import type { MessagePort } from 'node:worker_threads';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { PDFDocument } from 'pdf-lib';
import { decodeText, splitTextPages } from './text-pages.js';
import { PDFJS_OPTIONS } from './pdfjs-options.js';

export interface TextLimits {
  maxPages: number;
  maxPageChars: number;
  maxChars: number;
}

export interface ExtractTextInput {
  bytes: Uint8Array;
  mediaType: 'application/pdf' | 'text/plain';
  limits: TextLimits;
  /** The binary buffers the task may hold at once, in bytes (the worker's heap is limited apart). */
  bufferBytes: number;
  /** Told `{ pageCount }` as soon as it is known, so a task stopped later still leaves the count. */
  port: MessagePort;
}

/** Which limit a document went over; `document-content.ts` says it in words. */
export type OverLimit =
  { limit: 'pages'; count: number } | { limit: 'pageChars'; page: number } | { limit: 'chars' } | { limit: 'memory' };

/** `over` may come without a `pageCount`: the count, when found, was told on the port. */
export type ExtractTextResult =
  | { pageCount: number; pages: string[] }
  | { pageCount?: number; over: OverLimit }
  | { refused: 'unreadable' | 'encrypted' | 'empty' };

export default async function extractText(input: ExtractTextInput): Promise<ExtractTextResult> {
  startBufferBudget(input.bufferBytes);
  const result = input.mediaType === 'text/plain' ? textNote(input) : await pdf(input);
  // A decoder refused a buffer may have caught the refusal and gone on with part of the text, or
  // given up and called the file unreadable: either way the limit is what stopped it.
  if (!overBudget() || 'over' in result) return result;
  return { over: { limit: 'memory' } };
}

function textNote({ bytes, limits, port }: ExtractTextInput): ExtractTextResult {
  const text = decodeText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const pages = splitTextPages(text);
  const pageCount = pages.length;
  if (!pageCount) return { refused: 'empty' };
  port.postMessage({ pageCount });
  // A page of a note holds at most a printed page of characters: only the pages and the whole need a check.
  if (pageCount > limits.maxPages) return { pageCount, over: { limit: 'pages', count: pageCount } };
  if (text.length > limits.maxChars) return { pageCount, over: { limit: 'chars' } };
  return { pageCount, pages };
}

async function pdf({ bytes, limits, port }: ExtractTextInput): Promise<ExtractTextResult> {
  // pdf.js may take ownership of the buffer it is given, so it gets a copy.
  const task = pdfjs.getDocument({ ...PDFJS_OPTIONS, data: bytes.slice() });
  try {
    const doc = await task.promise;
    const pageCount = doc.numPages;
    if (!pageCount) return { refused: 'unreadable' };
    port.postMessage({ pageCount });
    // Packets merge PDFs with pdf-lib: a file it cannot open, or counts differently, is refused now.
    const mergeable = await pdfLibPageCount(bytes);
    if (mergeable === 'encrypted' || mergeable === 'unreadable') return { refused: mergeable };
    if (mergeable !== pageCount) return { refused: 'unreadable' };
    if (pageCount > limits.maxPages) return { pageCount, over: { limit: 'pages', count: pageCount } };
    const pages: string[] = [];
    let chars = 0;
    for (let n = 1; n <= pageCount; n++) {
      const text = await pageText(await doc.getPage(n), limits.maxPageChars);
      if (text === null) return { pageCount, over: { limit: 'pageChars', page: n } };
      chars += text.length;
      if (chars > limits.maxChars) return { pageCount, over: { limit: 'chars' } };
      pages.push(text);
    }
    return { pageCount, pages };
  } catch (err) {
    return { refused: err instanceof Error && err.name === 'PasswordException' ? 'encrypted' : 'unreadable' };
  } finally {
    await task.destroy();
  }
}

async function pdfLibPageCount(bytes: Uint8Array): Promise<number | 'encrypted' | 'unreadable'> {
  try {
    return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  } catch (err) {
    return /encrypt/i.test(err instanceof Error ? err.message : '') ? 'encrypted' : 'unreadable';
  }
}

/**
 * A page's text, lines kept where the PDF ends them; `null` as soon as it passes `maxChars`,
 * read in chunks so that a page of a million text runs is given up early rather than held whole.
 */
async function pageText(page: pdfjs.PDFPageProxy, maxChars: number): Promise<string | null> {
  const reader = page.streamTextContent().getReader();
  const parts: string[] = [];
  let length = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      for (const item of chunk.value.items as (TextItem | object)[]) {
        if (!('str' in item)) continue;
        const part = item.str + (item.hasEOL ? '\n' : '');
        length += part.length;
        parts.push(part);
      }
      if (length > maxChars) {
        await reader.cancel(new Error('over the limit of characters for one page'));
        return null;
      }
    }
    return parts.join('').trim();
  } finally {
    page.cleanup();
  }
}
